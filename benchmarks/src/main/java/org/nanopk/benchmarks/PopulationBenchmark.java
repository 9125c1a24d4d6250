package org.nanopk.benchmarks;

import java.util.concurrent.TimeUnit;

import org.nanopk.Model;
import org.nanopk.mechanism.Chou2023;
import org.nanopk.mechanism.Presets;
import org.nanopk.population.Population;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Population throughput: NP9 (every parameter × exp(0.3·z), z standard normal) with hourly outputs 0–168 h,
 * and the Chou 2023 model (its tumour parameters varied the same way) with outputs every hour to 180 h;
 * each subject's tumour %ID is streamed into percentile bands and DE24 into readout statistics. One
 * operation is one population of {@code subjects}; subjects per second = subjects / (s/op). Run with
 * {@code -prof gc} for the memory allocated per operation (gc.alloc.rate.norm / subjects = per subject).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class PopulationBenchmark {
    @Param({"np9", "chou2023"})
    public String model;

    @Param({"1", "2"})
    public int threads;

    Population.Study study;
    int subjects;

    @Setup
    public void setUp() {
        Model m;
        Population pop;
        double[] times;
        if (model.equals("np9")) {
            m = Presets.np9();
            pop = Population.of(m);
            for (String p : m.parameters().names()) {
                pop = pop.withOmega(p, 0.3);
            }
            times = Problems.HOURLY;
            subjects = 10_000;
        } else {
            m = Chou2023.model();
            pop = Population.of(m);
            for (String p : Chou2023.DATASET_PARAMETERS) {
                pop = pop.withOmega(p, 0.3);
            }
            times = org.nanopk.Times.grid(0, 180, 1);
            subjects = 200;
        }
        study = pop.withSeed(2026).withThreads(threads).withSolver(Solver.auto().withTolerances(1e-6, 1e-9))
            .study(times).track("Tumor").readout("DE24", s -> s.percentId("Tumor").at(24));
    }

    @Benchmark
    public Population.Summary population() {
        return study.run(subjects);
    }
}
