package org.nanopk.benchmarks;

import java.util.concurrent.TimeUnit;

import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.solve.OdeSystem;
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
 * One solve of NP9, NP9-stiff or NP9-linear over 0–168 h with hourly outputs, by NanoPK's solvers
 * (through {@code Model.simulate}: dosing engine and result included) and by the peers driven directly
 * on the same compiled equations. Tolerances: rtol 1e-6/atol 1e-9 and rtol 1e-8/atol 1e-10.
 * {@link Accuracy} prints the error of each configuration against a reference at rtol 1e-12.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SingleSolveBenchmark {
    @Param({"np9", "np9-stiff", "np9-linear"})
    public String model;

    @Param({"1e-6", "1e-8"})
    public String rtol;

    Model m;
    OdeSystem sys;
    double[] y0;
    double r;
    double a;

    @Setup
    public void setUp() {
        m = Problems.byName(model);
        sys = m.odeSystem();
        y0 = Problems.initialState(m);
        r = Double.parseDouble(rtol);
        a = r == 1e-6 ? 1e-9 : 1e-10;
    }

    private Simulation nanopk(String solver) {
        return m.simulate(m.regimen(), Problems.HOURLY, Solver.named(solver).withTolerances(r, a));
    }

    @Benchmark
    public Simulation nanopkAuto() {
        return nanopk("auto");
    }

    @Benchmark
    public Simulation nanopkStiff() {
        return nanopk("stiff");
    }

    @Benchmark
    public Object nanopkNonstiff() {
        return nanopk("nonstiff");
    }

    @Benchmark
    public Object nanopkExact() {
        return m.isLinear() ? nanopk("exact") : null;
    }

    @Benchmark
    public double[][] hipparchusDormandPrince853() {
        return Peers.hipparchus(false, sys, y0, Problems.HOURLY, r, a);
    }

    @Benchmark
    public double[][] hipparchusGraggBulirschStoer() {
        return Peers.hipparchus(true, sys, y0, Problems.HOURLY, r, a);
    }

    @Benchmark
    public double[][] commonsMath3DormandPrince853() {
        return Peers.commonsMath3(sys, y0, Problems.HOURLY, r, a);
    }
}
