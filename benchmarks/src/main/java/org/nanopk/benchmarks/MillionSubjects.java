package org.nanopk.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

import org.nanopk.Model;
import org.nanopk.mechanism.Presets;
import org.nanopk.population.Population;
import org.nanopk.solve.Solver;

/**
 * One million NP9 subjects summarised (tumour %ID bands at hourly outputs over 0–168 h, DE24 statistics),
 * timed once, with the peak heap used. Run under a 256 MB heap:
 * {@code java -Xmx256m -cp benchmarks/target/benchmarks.jar org.nanopk.benchmarks.MillionSubjects [N]}.
 */
public final class MillionSubjects {
    private MillionSubjects() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Model m = Presets.np9();
        Population pop = Population.of(m);
        for (String p : m.parameters().names()) {
            pop = pop.withOmega(p, 0.3);
        }
        Population.Study study = pop.withSeed(1).withSolver(Solver.auto().withTolerances(1e-6, 1e-9))
            .study(Problems.HOURLY).track("Tumor").readout("DE24", s -> s.percentId("Tumor").at(24));
        study.run(20_000); // warm-up
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            b.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        Population.Summary s = study.run(n);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                peak += b.getPeakUsage().getUsed();
            }
        }
        System.out.println(s.readouts() + " " + java.util.Arrays.toString(s.readout("DE24")));
        System.out.printf("%d subjects in %.1f s (%.0f subjects/s) on %d cores; peak heap %.0f MB of max %.0f MB%n", n,
            seconds, n / seconds, Runtime.getRuntime().availableProcessors(), peak / 1e6,
            Runtime.getRuntime().maxMemory() / 1e6);
    }
}
