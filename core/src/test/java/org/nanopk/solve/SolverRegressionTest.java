package org.nanopk.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.RateLaw;
import org.nanopk.Regimen;
import org.nanopk.Simulation;
import org.nanopk.Times;

/**
 * Cases the property tests of {@code org.nanopk.reliability} found, kept as plain tests: each failed
 * before its fix.
 */
class SolverRegressionTest {

    /**
     * A fast exchange (about 2400 /h) fed by an infusion that stops at 5.25 h: the stop leaves the
     * state off the slow manifold. Reusing the last step length there let Rodas5P step over the
     * transient with an accurate end point but a dense output off by 1.7e-6 relative at 6, 7 and 8 h.
     */
    @Test
    void denseOutputAfterADiscontinuityMatchesTheExactSolution() {
        Model m = Model.builder("fast exchange").compartment("A", 0.301982).compartment("B", 0.135954)
            .compartment("Z", 0.346902).parameter("pa", 41.5604).parameter("kp", 0.133567)
            .transfer("A", "B", RateLaw.permeability("pa", "kp")).build();
        Regimen doses = Regimen.of(Dose.bolus("Z", 287.954), Dose.infusion("A", 0.245663, 5.25),
            Dose.infusion("B", 4383.89, 7).at(9.75));
        double[] times = Times.grid(0, 48, 1);
        Simulation exact = m.simulate(doses, times, Solver.exact());
        for (Solver solver : List.of(Solver.stiff(), Solver.nonstiff(), Solver.auto())) {
            Simulation s = m.simulate(doses, times, solver);
            double atol = Solver.DEFAULT_ATOL * 4383.89 / 100;
            for (String c : List.of("A", "B")) {
                for (int i = 0; i < times.length; i++) {
                    double e = exact.value(c, i);
                    assertEquals(e, s.value(c, i), 10 * (1e-8 * Math.abs(e) + atol), solver.name() + " " + c + " at "
                        + times[i] + " h");
                }
            }
        }
    }

    /**
     * Capacity-limited uptake into Y (kmax·(1 − Y/cap)·X) is mild until a large dose fills Y far
     * beyond its capacity: then the flow reverses and the equilibrium Y = cap is stiff (about 800 /h).
     * The automatic solver starts with Dormand–Prince, notices, and hands over to Rodas5P.
     */
    @Test
    void autoHandsOverToTheStiffSolverWhenStiffnessAppears() {
        Model m = Model.builder("capacity reversal").compartment("X", 1).compartment("Y", 1)
            .parameter("kmax", 17.7).parameter("cap", 2.14).transfer("X", "Y", RateLaw.capacity("kmax", "cap"))
            .build();
        Regimen doses = Regimen.of(Dose.bolus("X", 1), Dose.bolus("Y", 100).at(2));
        double[] times = Times.grid(0, 48, 1);
        Simulation auto = m.simulate(doses, times, Solver.auto());
        assertEquals("dopri5 then rodas5p", auto.stats().solver(), auto.stats().toString());
        assertTrue(auto.stats().accepted() < 2000, auto.stats().toString());
        Simulation reference = m.simulate(doses, times, Solver.stiff().withTolerances(1e-12, 1e-14));
        for (String c : List.of("X", "Y")) {
            for (int i = 0; i < times.length; i++) {
                double r = reference.value(c, i);
                assertEquals(r, auto.value(c, i), 10 * (1e-8 * Math.abs(r) + 1e-10), c + " at " + times[i] + " h");
            }
        }
        // at equilibrium Y holds its capacity and X the rest
        assertEquals(2.14, auto.value("Y", times.length - 1), 1e-6);
        assertEquals(101 - 2.14, auto.value("X", times.length - 1), 1e-6);
    }

    /**
     * A zero-order loss drives C below zero; the saturable law out of C reads max(C, 0) and so stops.
     * Its Jacobian must say so (0 below zero), or each Rosenbrock stage moves amounts the rates hold
     * still and the steps shrink to nothing (200,000 steps before the fix).
     */
    @Test
    void saturableLawsOutOfANegativeAmountHaveNoSlope() {
        Model m = Model.builder("drained").compartment("S", 1).compartment("C", 1).compartment("T", 1).sink("U")
            .firstOrder("S", "C", "0.887")
            .transfer("C", "U", RateLaw.zeroOrder("0.12"))
            .transfer("C", "T", RateLaw.capacity("4.1", "890"))
            .transfer("C", "T", RateLaw.michaelisMenten("3", "0.5"))
            .transfer("C", "T", RateLaw.hill("3", "0.5", "2"))
            .transfer("C", "T", RateLaw.bimolecularCapacity("0.01", "50"))
            .build();
        Regimen doses = Regimen.of(Dose.infusion("S", 11.27, 7).at(3));
        double[] times = Times.grid(0, 24, 1);
        Simulation s = m.simulate(doses, times, Solver.stiff());
        assertTrue(s.stats().accepted() < 2000, s.stats().toString());
        // before the infusion only the zero-order loss acts: C = -0.12 t, and T never moves
        for (int i = 0; i <= 3; i++) {
            assertEquals(-0.12 * times[i], s.value("C", i), 1e-9);
            assertEquals(0, s.value("T", i), 1e-12);
        }
        Simulation dp = m.simulate(doses, times, Solver.dormandPrince853().withTolerances(1e-11, 1e-13));
        for (int i = 0; i < times.length; i++) {
            assertEquals(dp.value("T", i), s.value("T", i), 1e-6 * (1 + Math.abs(dp.value("T", i))));
        }
    }
}
