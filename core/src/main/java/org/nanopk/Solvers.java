package org.nanopk;

import org.nanopk.solve.Solver;

/** The default solver of {@link Model#simulate}. */
final class Solvers {
    static final Solver DEFAULT = Solver.auto();

    private Solvers() {
    }
}
