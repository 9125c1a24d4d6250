package org.nanopk.benchmarks;

import java.util.concurrent.TimeUnit;

import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.mechanism.Chou2023;
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
 * One solve of the Chou et al. 2023 PBPK preset (27 compartments, 3 integrals), 0–180 h with an
 * output every 0.1 h (1801 outputs), default parameters, by the automatic and the stiff solver.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ChouBenchmark {
    @Param({"1e-6", "1e-8"})
    public String rtol;

    Model m;
    double[] grid;
    Solver auto;
    Solver stiff;

    @Setup
    public void setUp() {
        m = Chou2023.model();
        grid = Chou2023.grid();
        double r = Double.parseDouble(rtol);
        double a = r == 1e-6 ? 1e-9 : 1e-10;
        auto = Solver.auto().withTolerances(r, a);
        stiff = Solver.stiff().withTolerances(r, a);
    }

    @Benchmark
    public Simulation nanopkAuto() {
        return m.simulate(m.regimen(), grid, auto);
    }

    @Benchmark
    public Simulation nanopkStiff() {
        return m.simulate(m.regimen(), grid, stiff);
    }
}
