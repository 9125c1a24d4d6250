package org.nanopk.benchmarks;

import java.util.concurrent.TimeUnit;

import org.nanopk.Model;
import org.nanopk.Schedule;
import org.nanopk.Simulation;
import org.nanopk.Times;
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
 * Time per solve against model size, at 10, 100, 1,000 and 2,000 states, 0–24 h with hourly outputs,
 * rtol 1e-6, atol 1e-9: {@code random}, the random sparse graph of {@link Problems#randomSparse} (about 2.1
 * transfers a state) with the automatic solver; {@code organs} and {@code organs-stiff}, the random
 * whole-body structure of {@link Problems#randomOrgans} (about 2 transfers a state) with the automatic
 * and the stiff solver. Solve time divided by the transfers shows how the cost grows. (Rodas5P on the
 * random graph is left out: its LU fills in, as any direct factorization of an expander graph does.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ScalingBenchmark {
    @Param({"10", "100", "1000", "2000"})
    public int states;

    @Param({"random", "organs", "organs-stiff"})
    public String structure;

    Model m;
    Schedule schedule;
    Solver solver;

    @Setup
    public void setUp() {
        m = structure.equals("random") ? Problems.randomSparse(states, 2026) : Problems.randomOrgans(states, 2026);
        schedule = Schedule.of(m.regimen(), Times.grid(0, 24, 1));
        solver = (structure.endsWith("stiff") ? Solver.stiff() : Solver.auto()).withTolerances(SideBySide.RTOL,
            SideBySide.ATOL);
    }

    @Benchmark
    public Simulation simulate() {
        return m.simulate(schedule, solver);
    }
}
