package org.nanopk.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.nanopk.solve.Solver;

/** Helpers shared by the commands. */
final class Cli {
    private Cli() {
    }

    /**
     * Refuses an output file that is one of the command's inputs: no command writes over what it reads.
     * (Outputs are written through a temporary file moved into place, so a failed run leaves an earlier
     * file as it was.)
     *
     * @param option the output's option, e.g. "--out"
     * @param output the output file, or null when there is none
     * @param inputs the command's input files; those without a path are skipped
     */
    static void refuseOverwrite(String option, Path output, Input... inputs) {
        if (output == null) {
            return;
        }
        for (Input in : inputs) {
            if (in.path() != null && sameFile(output, in.path())) {
                throw new IllegalArgumentException(option + " " + output + " is " + in.role() + " this command "
                    + "reads; expected another file (outputs never overwrite inputs)");
            }
        }
    }

    /** An input file of a command: its role in messages ("the model file") and its path (or null). */
    record Input(String role, Path path) {
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the paths
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
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
