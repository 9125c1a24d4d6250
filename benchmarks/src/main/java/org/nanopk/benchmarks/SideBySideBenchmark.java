package org.nanopk.benchmarks;

import java.util.concurrent.TimeUnit;

import org.nanopk.Model;
import org.nanopk.Schedule;
import org.nanopk.Simulation;
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
 * One solve as users run it ({@code Model.simulate} with the automatic solver at rtol 1e-6, atol 1e-9):
 * NP9, NP9-stiff and the Chou 2023 PBPK model over 0–168 h, at the 13 output times of the peers' runs
 * ({@link SideBySide#THIRTEEN}) or hourly. {@link SideBySide} runs it next to deSolve.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SideBySideBenchmark {
    @Param({"np9", "np9-stiff", "chou2023"})
    public String model;

    @Param({"13", "hourly"})
    public String times;

    Model m;
    Schedule schedule;
    Solver solver;

    @Setup
    public void setUp() {
        m = SideBySide.model(model);
        schedule = Schedule.of(m.regimen(), times.equals("13") ? SideBySide.THIRTEEN : Problems.HOURLY);
        solver = Solver.auto().withTolerances(SideBySide.RTOL, SideBySide.ATOL);
    }

    @Benchmark
    public Simulation simulate() {
        return m.simulate(schedule, solver);
    }
}
