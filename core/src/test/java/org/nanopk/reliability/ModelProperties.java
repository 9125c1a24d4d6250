package org.nanopk.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import org.nanopk.Model;
import org.nanopk.RateLaw;
import org.nanopk.Simulation;
import org.nanopk.io.ModelJson;
import org.nanopk.reliability.RandomModels.Case;
import org.nanopk.reliability.RandomModels.Laws;
import org.nanopk.solve.OdeSystem;
import org.nanopk.solve.Solver;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of every simulation, over random models of 1–30 compartments with every rate law
 * ({@link RandomModels}): mass balance, non-negativity, agreement of the exact and numerical solvers,
 * immutability of {@code with}, and the model-file round trip.
 */
class ModelProperties {
    /** Relative mass-balance tolerance (of the total dosed). */
    static final double BALANCE = 1e-9;

    /**
     * The total amount in all compartments and sinks equals the amount dosed so far, at every output
     * and with every solver that applies, within 1e-9 of the amount dosed.
     */
    @Property(tries = 1000, seed = "20261124")
    void massIsConserved(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int compartments) {
        Case c = RandomModels.of(seed, compartments, Laws.ALL);
        for (Solver solver : solvers(c.model())) {
            Simulation sim = c.model().simulate(c.regimen(), c.times(), solver);
            double[] total = sim.total().values();
            double[] dosed = sim.dosed().values();
            double given = dosed[dosed.length - 1];
            for (int i = 0; i < total.length; i++) {
                double error = Math.abs(total[i] - dosed[i]);
                if (!(error <= BALANCE * given)) {
                    fail(solver.name() + " at t = " + sim.times()[i] + " h: total " + total[i] + " but dosed "
                        + dosed[i] + " (error " + error / given + " of the dose); " + c);
                }
            }
        }
    }

    /**
     * A random model with a fast reversible pair added (rates 1e6 to 1e9 /h each way, as protein
     * binding is) and a slow exit from it: every solver that applies keeps the total to 1e-9 of the
     * dose over 1000 h, at loose and tight tolerances, where round-off of the stiff linear solves once
     * created amount.
     */
    @Property(tries = 200, seed = "20261202")
    void stiffReversiblePairsKeepTheTotal(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int compartments) {
        Case c = RandomModels.of(seed, compartments, Laws.POSITIVE);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double fast = Math.exp(r.nextDouble(Math.log(1e6), Math.log(1e9)));
        Model m = c.model().toBuilder().compartment("Pa").compartment("Pb").sink("Pout")
            .firstOrder("C0", "Pa", 0.1).firstOrder("Pa", "Pb", fast).firstOrder("Pb", "Pa", fast * r.nextDouble(0.5, 2))
            .firstOrder("Pb", "Pout", 1e-9).build();
        double[] times = org.nanopk.Times.grid(0, 1000, 50);
        for (Solver solver : List.of(Solver.auto(), Solver.stiff().withTolerances(1e-4, 1e-6))) {
            Simulation sim = m.simulate(c.regimen(), times, solver);
            double[] total = sim.total().values();
            double[] dosed = sim.dosed().values();
            double given = dosed[dosed.length - 1];
            for (int i = 0; i < total.length; i++) {
                if (!(Math.abs(total[i] - dosed[i]) <= BALANCE * given)) {
                    fail(solver + " at t = " + times[i] + " h: total " + total[i] + " but dosed " + dosed[i]
                        + " with a pair at " + fast + " /h; " + c);
                }
            }
        }
    }

    /**
     * An infusion shorter than the spacing of doubles at its start time is refused; any other, down to
     * one spacing, delivers exactly its amount.
     */
    @Property(tries = 300, seed = "20261203")
    void tinyInfusionsDeliverExactlyTheirAmount(@ForAll long seed, @ForAll @IntRange(min = 1, max = 10) int compartments) {
        Case c = RandomModels.of(seed, compartments, Laws.POSITIVE);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double at = r.nextDouble(0.001, 47);
        double duration = Math.ulp(at) * Math.exp(r.nextDouble(Math.log(0.2), Math.log(1e6)));
        double amount = Math.exp(r.nextDouble(Math.log(1e-2), Math.log(1e4)));
        org.nanopk.Regimen regimen = c.regimen().plus(org.nanopk.Dose.infusion("C0", amount, duration).at(at));
        double before = 0;
        for (org.nanopk.Dose d : c.regimen().doses()) {
            before += d.amount();
        }
        try {
            Simulation sim = c.model().simulate(regimen, c.times(), Solver.auto());
            if (at + duration == at) {
                fail("an infusion of " + duration + " h at " + at + " h cannot be represented, but it was accepted");
            }
            double expected = before + amount;
            if (!(Math.abs(sim.totalDosed() - expected) <= 1e-12 * expected)) {
                fail("dosed " + sim.totalDosed() + ", expected " + expected + " (infusion of " + amount + " over "
                    + duration + " h at " + at + " h); " + c);
            }
        } catch (IllegalArgumentException e) {
            if (at + duration != at || !e.getMessage().contains("cannot be represented")) {
                fail("refused an infusion of " + duration + " h at " + at + " h: " + e.getMessage());
            }
        }
    }

    /**
     * With the built-in laws that stop when their source is empty (all but zero order), no amount falls below −atol,
     * the absolute tolerance the solver was given (scaled, like all tolerances, to the largest dose).
     */
    @Property(tries = 1000, seed = "20261125")
    void amountsStayNonNegative(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int compartments) {
        Case c = RandomModels.of(seed, compartments, Laws.POSITIVE);
        for (Solver solver : solvers(c.model())) {
            Simulation sim = c.model().simulate(c.regimen(), c.times(), solver);
            double atol = solver.absoluteTolerance() * largestDose(c) / 100;
            for (String name : c.model().compartmentNames()) {
                double[] a = sim.amount(name).values();
                for (int i = 0; i < a.length; i++) {
                    if (!(a[i] >= -atol)) {
                        fail(solver.name() + ": " + name + " = " + a[i] + " at t = " + sim.times()[i]
                            + " h, below -atol = " + -atol + "; " + c);
                    }
                }
            }
        }
    }

    /**
     * A linear model gives the same amounts from the exact solver (matrix exponential) and from every
     * numerical solver that applies, within 10 × (rtol·|A| + atol) at every output.
     */
    @Property(tries = 1000, seed = "20261126")
    void exactAndNumericalSolversAgreeOnLinearModels(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 30) int compartments) {
        Case c = RandomModels.of(seed, compartments, Laws.LINEAR);
        Model m = c.model();
        assertTrue(m.isLinear(), "a model of first-order, flow and permeability laws is linear");
        Simulation exact = m.simulate(c.regimen(), c.times(), Solver.exact());
        double atol = Solver.DEFAULT_ATOL * largestDose(c) / 100;
        for (Solver solver : solvers(m)) {
            if (solver.name().equals("exact")) {
                continue;
            }
            Simulation sim = m.simulate(c.regimen(), c.times(), solver);
            for (String name : m.compartmentNames()) {
                double[] e = exact.amount(name).values();
                double[] a = sim.amount(name).values();
                for (int i = 0; i < a.length; i++) {
                    double bound = 10 * (solver.relativeTolerance() * Math.abs(e[i]) + atol);
                    if (!(Math.abs(a[i] - e[i]) <= bound)) {
                        fail(solver.name() + ": " + name + " at t = " + sim.times()[i] + " h: " + a[i]
                            + " vs exact " + e[i] + " (bound " + bound + "); " + c);
                    }
                }
            }
        }
    }

    /** {@code model.with(...)} returns a new model and leaves the original exactly as it was. */
    @Property(tries = 500, seed = "20261127")
    void withNeverChangesTheOriginal(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int compartments) {
        Case c = RandomModels.of(seed, compartments, Laws.POSITIVE);
        Model m = c.model();
        if (m.parameters().size() == 0) {
            return;
        }
        String json = ModelJson.toJson(m);
        double[] values = m.parameters().toArray();
        double[] before = m.simulate(c.times()).amount("C0").values();
        String name = m.parameters().names().get((int) Math.floorMod(seed, m.parameters().size()));
        Model changed = m.with(name, m.parameter(name) * 3 + 1);
        changed.simulate(c.times());
        assertEquals(json, ModelJson.toJson(m));
        assertArrayEquals(values, m.parameters().toArray());
        assertArrayEquals(before, m.simulate(c.times()).amount("C0").values());
        assertEquals(m.parameter(name) * 3 + 1, changed.parameter(name));
    }

    /**
     * Writing a model to JSON and reading it back gives an equal model that writes the same JSON; a model
     * with a custom Java law cannot be written, and says so.
     */
    @Property(tries = 1000, seed = "20261128")
    void modelFilesRoundTrip(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int compartments) {
        Case c = RandomModels.of(seed, compartments, Laws.ALL);
        Model m = c.model();
        boolean custom = m.transfers().stream().anyMatch(t -> t.law() instanceof RateLaw.Custom);
        if (custom) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelJson.toJson(m));
            assertTrue(e.getMessage().contains("custom"), e.getMessage());
            return;
        }
        String json = ModelJson.toJson(m);
        Model back = ModelJson.parse(json);
        assertEquals(m, back, json);
        assertEquals(json, ModelJson.toJson(back));
        assertArrayEquals(m.simulate(c.times()).amount("C0").values(), back.simulate(c.times()).amount("C0").values());
    }

    /** The solvers that apply: auto and stiff always, exact when linear, non-stiff when the model is not stiff. */
    static List<Solver> solvers(Model m) {
        List<Solver> list = new java.util.ArrayList<>(List.of(Solver.auto(), Solver.stiff()));
        if (m.isLinear()) {
            list.add(Solver.exact());
        }
        if (stiffness(m) * 48 < 2000) {
            list.add(Solver.nonstiff());
        }
        return list;
    }

    /** ‖J‖₁ at the zero state and at a unit state: a bound on the spectral radius (1/h). */
    static double stiffness(Model m) {
        OdeSystem sys = m.odeSystem();
        int n = sys.dimension();
        double[] jac = new double[n * n];
        double rho = 0;
        for (double level : new double[] {0, 1, 100}) {
            double[] y = new double[n];
            java.util.Arrays.fill(y, level);
            for (double t : new double[] {0, 24}) {
                sys.jacobian(t, y, jac);
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += Math.abs(jac[i * n + j]);
                    }
                    rho = Math.max(rho, s);
                }
            }
        }
        return rho;
    }

    static double largestDose(Case c) {
        return c.regimen().doses().stream().mapToDouble(d -> d.amount()).max().orElse(100);
    }
}
