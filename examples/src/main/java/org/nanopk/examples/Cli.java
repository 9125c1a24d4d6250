package org.nanopk.examples;

import org.nanopk.solve.Solver;

/** Helpers shared by the commands. */
final class Cli {
    private Cli() {
    }

    /** The named solver with optional tolerances. */
    static Solver solver(String name, Double rtol, Double atol) {
        Solver s = Solver.named(name);
        if (rtol != null || atol != null) {
            s = s.withTolerances(rtol != null ? rtol : s.relativeTolerance(),
                atol != null ? atol : s.absoluteTolerance());
        }
        return s;
    }

    /** The nearest of 1, 2, 5 times a power of ten at or above {@code x}. */
    static double niceStep(double x) {
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= x * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
