package org.nanopk.examples;

import org.nanopk.solve.Solver;
import picocli.CommandLine.Option;

/**
 * The solver options every simulating command takes: {@code --solver}, {@code --rtol}, {@code --atol},
 * defaulting to the library's defaults ({@link Solver#DEFAULT_RTOL}, {@link Solver#DEFAULT_ATOL}).
 */
final class SolverOptions {
    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "auto",
        description = "Solver: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).",
        completionCandidates = SolverNames.class)
    String solver;

    @Option(names = "--rtol", paramLabel = "X", description = "Relative tolerance (default: the library's, 1e-8).")
    Double rtol;

    @Option(names = "--atol", paramLabel = "X", description = "Absolute tolerance in amount units (default: the "
        + "library's, 1e-10).")
    Double atol;

    /** The solver the options name. */
    Solver solver() {
        return Cli.solver(solver, rtol, atol);
    }
}
