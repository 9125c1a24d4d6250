package org.nanopk.population;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.mechanism.Presets;
import org.nanopk.solve.Solver;

/** Sensitivity indices against analytic values. */
class SensitivityTest {

    @Test
    void ishigamiSobolIndices() {
        // f = sin x1 + a sin² x2 + b x3⁴ sin x1, x ~ U(-π, π)³, a = 7, b = 0.1: with V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2,
        // S1 = (1/2)(1 + bπ⁴/5)²/V, S2 = (a²/8)/V, S3 = 0, ST1 = S1 + (b²π⁸/18 - b²π⁸/50)/V... (Sobol' and Levitan 1999)
        double a = 7;
        double b = 0.1;
        double pi4 = Math.pow(Math.PI, 4);
        double pi8 = pi4 * pi4;
        double v1 = 0.5 * Math.pow(1 + b * pi4 / 5, 2);
        double v2 = a * a / 8;
        double v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
        double var = v1 + v2 + v13;
        Sensitivity.Result r = Sensitivity.sobol("Ishigami", List.of("x1", "x2", "x3"), u -> {
            double x1 = Math.PI * (2 * u[0] - 1);
            double x2 = Math.PI * (2 * u[1] - 1);
            double x3 = Math.PI * (2 * u[2] - 1);
            return Math.sin(x1) + a * Math.sin(x2) * Math.sin(x2) + b * Math.pow(x3, 4) * Math.sin(x1);
        }, 1 << 15);
        assertEquals(v1 / var, r.first("x1"), 0.02);
        assertEquals(v2 / var, r.first("x2"), 0.02);
        assertEquals(0, r.first("x3"), 0.02);
        assertEquals((v1 + v13) / var, r.total("x1"), 0.02);
        assertEquals(v2 / var, r.total("x2"), 0.02);
        assertEquals(v13 / var, r.total("x3"), 0.02);
        assertEquals(List.of("x1", "x2", "x3"), r.ranking());
    }

    @Test
    void rowRangesOfTheDesignInAnyOrderGiveTheSameIndices() {
        // the design's rows computed in pieces, anywhere, equal the rows of one pass; indices from them equal sobol()
        Sensitivity a = Sensitivity.of(Presets.np9(), "DE24", Readout.percentIdAt("Tumor", 24))
            .withParameters("kEPR", "VmL", "kBack").withSamples(40).withSolver(Solver.auto().withTolerances(1e-6, 1e-10));
        Sensitivity.Evaluations all = a.evaluate(0, 40);
        Sensitivity.Evaluations p1 = a.evaluate(0, 7);
        Sensitivity.Evaluations p2 = a.evaluate(7, 31);
        Sensitivity.Evaluations p3 = a.evaluate(31, 40);
        double[] joined = new double[all.values().length];
        System.arraycopy(p1.values(), 0, joined, 0, p1.values().length);
        System.arraycopy(p2.values(), 0, joined, p1.values().length, p2.values().length);
        System.arraycopy(p3.values(), 0, joined, p1.values().length + p2.values().length, p3.values().length);
        assertArrayEquals(all.values(), joined);
        assertEquals(a.sobol(), a.indices(List.of(p3, p1, p2)));
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> a.indices(List.of(p1, p3)));
        assertTrue(gap.getMessage().contains("expected rows from 7"), gap.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> a.indices(List.of(p1)));
        assertTrue(missing.getMessage().contains("up to row 7"), missing.getMessage());
    }

    @Test
    void localNormalizedSensitivityOfAOneCompartmentModel() {
        // A(t) = D e^{-kt}: ∂ln A/∂ln k = -kt, ∂ln A/∂ln D = 1 (a parameter holding the dose amount is not a
        // model parameter here), so at t = 5 with k = 0.2 the coefficient of k is -1
        Model m = Model.builder("one").compartment("blood").sink("out").parameter("k", 0.2).parameter("unused", 3)
            .firstOrder("blood", "out", "k").dose(Dose.bolus("blood", 100)).build();
        Sensitivity.Result r = Sensitivity.of(m, "A(5)", s -> s.at("blood", 5)).withTimes(0, 5)
            .withSolver(Solver.auto().withTolerances(1e-12, 1e-14)).local();
        assertEquals(-1, r.first("k"), 1e-4);
        assertEquals(0, r.first("unused"), 0);
        assertEquals("k", r.ranking().get(0));
        assertTrue(r.toString().contains("normalized sensitivity"));
    }

    @Test
    void np9TumourDeliveryIsDrivenByEprAndUptake() {
        Sensitivity.Result r = Sensitivity.of(Presets.np9(), "DE24", s -> s.percentId("Tumor").at(24)).local();
        assertTrue(r.first("kEPR") > 0.5, r.toString());
        assertTrue(r.first("VmL") < 0, r.toString());
    }
}
