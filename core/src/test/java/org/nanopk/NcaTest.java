package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** NCA and delivery efficiency against closed forms. */
class NcaTest {

    @Test
    void oneCompartmentBolus() {
        // C = C0 e^{-kt}: log trapezoids are exact for an exponential, so AUC0-t = C0 (1 - e^{-k T})/k,
        // AUC0-inf = C0/k, lambda_z = k, t1/2 = ln 2/k, MRT = 1/k, CL = D k/C0 = k V, Vss = V
        double k = 0.23;
        double v = 1.7;
        double d = 100;
        double c0 = d / v;
        double[] t = Times.grid(0, 24, 2);
        double[] c = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            c[i] = c0 * Math.exp(-k * t[i]);
        }
        Nca nca = Series.of("blood", "amount/mL", t, c).nca(d);
        double tol = 1e-10;
        assertEquals(c0 * (1 - Math.exp(-k * 24)) / k, nca.auc0t(), tol * c0 / k);
        assertEquals(c0 / k, nca.auc0inf(), tol * c0 / k);
        assertEquals(k, nca.lambdaZ(), tol * k);
        assertEquals(Math.log(2) / k, nca.halfLife(), tol * 10);
        assertEquals(1 / k, nca.mrt(), tol * 10);
        assertEquals(k * v, nca.cl(), tol);
        assertEquals(v, nca.vss(), tol * 10);
        assertEquals(c0, nca.cmax(), 0);
        assertEquals(0, nca.tmax(), 0);
        assertEquals(12, nca.lambdaZPoints(), "all 12 points after Cmax fit exactly");
        assertEquals(100 * Math.exp(-k * 24) , nca.percentExtrapolated(), 1e-8);
    }

    @Test
    void simulatedBolusGivesTheModelParameters() {
        // the one-compartment model simulated: CL = k V, Vss = V, t1/2 = ln 2 / k
        Model m = Model.builder("one").compartment("blood", 2.5).sink("out").parameter("k", 0.3)
            .firstOrder("blood", "out", "k").dose(Dose.bolus("blood", 10)).build();
        Simulation s = m.simulate(Times.grid(0, 48, 1));
        Nca nca = s.nca("blood");
        assertEquals(0.3 * 2.5, nca.cl(), 1e-7);
        assertEquals(2.5, nca.vss(), 1e-6);
        assertEquals(Math.log(2) / 0.3, nca.halfLife(), 1e-7);
    }

    @Test
    void linearUpIsExactForStraightLines() {
        // a rising straight line c = 2t: AUC = t^2, no terminal phase
        double[] t = {0, 1, 2, 3};
        double[] c = {0, 2, 4, 6};
        Nca nca = Series.of("x", "u", t, c).nca();
        assertEquals(9, nca.auc0t(), 1e-14);
        assertFalse(nca.hasTerminalPhase());
        assertTrue(nca.toString().contains("no terminal phase"));
        assertTrue(Double.isNaN(nca.auc0inf()));
    }

    @Test
    void deliveryEfficiencyOfATissue() {
        // B -> T (k1), B -> U (k2): T(t) = D k1/K (1 - e^{-Kt}), K = k1 + k2, so DE(t) = 100 k1/K (1 - e^{-Kt}),
        // DEmax at the last time; AUC_T = D k1/K (t - (1 - e^{-Kt})/K), AUC_B = D (1 - e^{-Kt})/K.
        // The trapezoids on a 0.01 h grid are within 1e-4 relative of these integrals.
        double k1 = 0.05;
        double k2 = 0.4;
        double kk = k1 + k2;
        Model m = Model.builder("de").compartment("B").compartment("T").sink("U")
            .firstOrder("B", "T", k1).firstOrder("B", "U", k2).dose(Dose.bolus("B", 100)).build();
        double end = 24;
        Simulation s = m.simulate(Times.grid(0, end, 0.01));
        Delivery de = s.deliveryEfficiency("T", "B");
        assertEquals(100 * k1 / kk * (1 - Math.exp(-kk * 24)), de.at(24), 1e-7);
        assertEquals(end, de.timeOfMax(), 0);
        double aucT = 100 * k1 / kk * (end - (1 - Math.exp(-kk * end)) / kk);
        double aucB = 100 * (1 - Math.exp(-kk * end)) / kk;
        assertEquals(aucT, de.aucTissue(), 1e-4 * aucT);
        assertEquals(aucB, de.aucBlood(), 1e-4 * aucB);
        assertEquals(aucT / aucB, de.aucRatio(), 2e-4 * aucT / aucB);
    }
}
