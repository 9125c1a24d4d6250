package org.nanopk.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.nanopk.Model;
import org.nanopk.mechanism.Presets;
import org.nanopk.solve.Solver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 10,000 NP9 subjects (design §7: each parameter × exp(0.3·z), z standard normal, fixed seed), each
 * simulated 0–168 h with hourly outputs, the tumour %ID at 24 h kept; on 1 thread and on all cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class PopulationBenchmark {
    static final int SUBJECTS = 10_000;

    @Param({"1", "2"})
    public int threads;

    Model np9;
    List<Map<String, Double>> subjects;
    ForkJoinPool pool;
    Solver solver = Solver.auto().withTolerances(1e-6, 1e-9);

    @Setup
    public void setUp() {
        np9 = Presets.np9();
        SplittableRandom rnd = new SplittableRandom(2026);
        java.util.ArrayList<Map<String, Double>> list = new java.util.ArrayList<>();
        for (int i = 0; i < SUBJECTS; i++) {
            Map<String, Double> p = new HashMap<>();
            for (String name : np9.parameters().names()) {
                p.put(name, np9.parameter(name) * Math.exp(0.3 * gaussian(rnd)));
            }
            list.add(p);
        }
        subjects = List.copyOf(list);
        pool = new ForkJoinPool(threads);
    }

    @TearDown
    public void tearDown() {
        pool.shutdown();
    }

    static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    @Benchmark
    public double np9Population() throws Exception {
        return pool.submit(() -> IntStream.range(0, SUBJECTS).parallel()
            .mapToDouble(i -> np9.with(subjects.get(i)).simulate(np9.regimen(), Problems.HOURLY, solver)
                .percentId("Tumor").at(24))
            .sum()).get();
    }
}
