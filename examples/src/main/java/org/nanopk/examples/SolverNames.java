package org.nanopk.examples;

import java.util.ArrayList;

import org.nanopk.solve.Solver;

/** The solver names, for picocli's completion candidates. */
final class SolverNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    SolverNames() {
        super(Solver.names());
    }
}
