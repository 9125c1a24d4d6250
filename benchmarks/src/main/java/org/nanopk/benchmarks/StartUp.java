package org.nanopk.benchmarks;

import org.nanopk.Model;
import org.nanopk.Schedule;
import org.nanopk.solve.Solver;

/**
 * Start-up in a fresh JVM: the time of the first solve of a model (its compilation, generated code and
 * the JIT's first tiers included, the model built before the clock starts), then the median of 20
 * rounds of a second each once steady. Prints {@code first-µs steady-µs}. Run in a new process each
 * time: {@code java -cp benchmarks.jar org.nanopk.benchmarks.StartUp chou2023}.
 */
public final class StartUp {
    private StartUp() {
    }

    public static void main(String[] args) {
        Model m = SideBySide.model(args.length > 0 ? args[0] : "chou2023");
        Schedule s = Schedule.of(m.regimen(), Problems.HOURLY);
        Solver solver = Solver.auto().withTolerances(SideBySide.RTOL, SideBySide.ATOL);
        long t0 = System.nanoTime();
        m.simulate(s, solver);
        double first = (System.nanoTime() - t0) / 1e3;
        double[] rounds = new double[20];
        for (int r = 0; r < rounds.length; r++) {
            int reps = 0;
            long a = System.nanoTime();
            while (System.nanoTime() - a < 1e9) {
                m.simulate(s, solver);
                reps++;
            }
            rounds[r] = (System.nanoTime() - a) / 1e3 / reps;
        }
        java.util.Arrays.sort(rounds);
        System.out.printf(java.util.Locale.ROOT, "%.1f %.1f%n", first, rounds[rounds.length / 2]);
    }
}
