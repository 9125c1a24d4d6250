package org.nanopk.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.Times;
import org.nanopk.mechanism.Presets;

/** The solvers on the benchmark models NP9 and NP9-stiff: work bounds, not timings. */
class ModelSolverTest {
    static final double[] HOURLY = Times.grid(0, 168, 1);

    static double maxRelativeError(Simulation a, Simulation ref, double floor) {
        double max = 0;
        for (String c : ref.model().compartmentNames()) {
            for (int i = 0; i < ref.size(); i++) {
                double r = ref.value(c, i);
                if (Math.abs(r) >= floor) {
                    max = Math.max(max, Math.abs(a.value(c, i) - r) / Math.abs(r));
                }
            }
        }
        return max;
    }

    @Test
    void rosenbrockAgreesWithDormandPrince853AtTightTolerance() {
        Model np9 = Presets.np9();
        Simulation dp853 = np9.simulate(np9.regimen(), HOURLY, Solver.dormandPrince853().withTolerances(1e-13, 1e-15));
        Simulation rodas = np9.simulate(np9.regimen(), HOURLY, Solver.stiff().withTolerances(1e-11, 1e-13));
        // values of at least 1e-3 %ID (the benchmarks' floor) within 10 rtol
        double err = maxRelativeError(rodas, dp853, 1e-3);
        assertTrue(err < 1e-10, "max relative error " + err);
    }

    @Test
    void np9StiffIsCheapForTheStiffSolver() {
        // the work bound of the benchmark README: fewer than 3000 right-hand-side evaluations at rtol 1e-6
        Model m = Presets.np9Stiff();
        Simulation s = m.simulate(m.regimen(), HOURLY, Solver.stiff().withTolerances(1e-6, 1e-9));
        assertTrue(s.stats().rhsEvaluations() < 3000, s.stats().toString());
        assertEquals("rodas5p", s.stats().solver());
        // and the automatic choice takes the stiff solver for it, the non-stiff one for NP9, exact for linear
        assertEquals("rodas5p", m.simulate(HOURLY).stats().solver());
        assertEquals("dopri5", Presets.np9().simulate(HOURLY).stats().solver());
        Model linear = Model.builder("lin").compartment("a").sink("b").firstOrder("a", "b", 0.1).build();
        assertEquals("exact", linear.simulate(org.nanopk.Regimen.of(org.nanopk.Dose.bolus("a", 1)), HOURLY)
            .stats().solver());
    }

    @Test
    void statsCountTheWork() {
        Model m = Presets.np9Stiff();
        SolverStats s = m.simulate(m.regimen(), HOURLY, Solver.stiff().withTolerances(1e-6, 1e-9)).stats();
        assertTrue(s.accepted() > 0 && s.rejected() >= 0);
        assertEquals(s.accepted() + s.rejected(), s.luDecompositions(), "one LU per attempted step");
        assertTrue(s.jacobianEvaluations() <= s.luDecompositions() && s.jacobianEvaluations() >= s.accepted());
        // 7 stage evaluations per attempt, one at each accepted step's end, and two per restart (f at the
        // start and the initial-step probe): NP9-stiff has one restart (the dose at t = 0)
        assertEquals(7 * (s.accepted() + s.rejected()) + s.accepted() + 2, s.rhsEvaluations(), s.toString());
    }

    @Test
    void exactSolverRefusesNonlinearModels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Presets.np9().simulate(HOURLY, Solver.exact()));
        assertTrue(e.getMessage().contains("linear"), e.getMessage());
    }

    @Test
    void explicitMethodsNeedFarMoreWorkOnTheStiffModel() {
        // the point of a stiff solver: Dormand-Prince needs two orders of magnitude more evaluations
        Model m = Presets.np9Stiff();
        double[] day = Times.grid(0, 24, 1);
        long explicit = m.simulate(m.regimen(), day, Solver.nonstiff().withTolerances(1e-6, 1e-9)).stats()
            .rhsEvaluations();
        long stiff = m.simulate(m.regimen(), day, Solver.stiff().withTolerances(1e-6, 1e-9)).stats().rhsEvaluations();
        assertTrue(explicit > 50 * stiff, "explicit " + explicit + ", stiff " + stiff);
    }
}
