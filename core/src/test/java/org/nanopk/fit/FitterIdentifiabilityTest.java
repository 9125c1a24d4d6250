package org.nanopk.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nanopk.Dose;
import org.nanopk.Fit;
import org.nanopk.Model;
import org.nanopk.Observations;
import org.nanopk.Observations.Quantity;
import org.nanopk.Simulation;
import org.nanopk.solve.Solver;

/**
 * Parameters the data cannot determine are named, with a warning and a suggestion, and their standard
 * error reads "not identifiable": never NaN, Infinity or an absurd RSE without a warning. Bounds are
 * honoured and reported; estimates carry the unit the model fixes for them.
 */
class FitterIdentifiabilityTest {
    static final Solver TIGHT = Solver.stiff().withTolerances(1e-12, 1e-15);

    /** Blood → tumour (kIn) and back (kBack), blood → urine (kOut); 100 %ID into blood. */
    static Model epr(double kIn, double kBack, double kOut) {
        return Model.builder("EPR").compartment("blood").compartment("tumor").sink("urine")
            .parameter("kIn", kIn).parameter("kBack", kBack).parameter("kOut", kOut)
            .firstOrder("blood", "tumor", "kIn").firstOrder("tumor", "blood", "kBack")
            .firstOrder("blood", "urine", "kOut").dose(Dose.bolus("blood", 100)).build();
    }

    static Observations exact(Model truth, double[] times, String... names) {
        Simulation s = truth.simulate(truth.regimen(), times, TIGHT);
        List<Observations.Point> pts = new ArrayList<>();
        for (String n : names) {
            for (int i = 0; i < times.length; i++) {
                pts.add(Observations.point(times[i], n, Quantity.PERCENT_ID, s.value(n, i)));
            }
        }
        return Observations.of(pts);
    }

    static void readsWithoutNumbersThatMeanNothing(Fit f) {
        String text = f.toString();
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
        for (Fit.Estimate e : f.estimates()) {
            boolean warned = f.warnings().stream().anyMatch(w -> w.startsWith(e.name() + " "));
            assertTrue(warned || Double.isFinite(e.se()) && e.rse() <= 100, e.name() + " unwarned: " + text);
        }
    }

    @Test
    void ratesThatOnlyAppearAsASumAreNamedNotIdentifiable() {
        // blood sees only kIn + kOut when the tumour is never measured and nothing comes back
        Model truth = epr(0.2, 0, 0.3);
        Model fixedBack = truth.with("kBack", 0);
        Observations blood = exact(truth, new double[] {0.5, 1, 2, 4, 8}, "blood");
        Fit f = Fitter.of(fixedBack.with("kIn", 0.1).with("kOut", 0.1), blood).estimate("kIn", "kOut")
            .withErrorModel(ErrorModel.additive(0.1).fixed()).withSolver(TIGHT).fit();
        assertEquals(0.5, f.estimate("kIn").value() + f.estimate("kOut").value(), 1e-6, f.toString());
        assertEquals(1, f.unidentified().size(), f.toString());
        String which = f.unidentified().get(0);
        assertTrue(f.warnings().stream().anyMatch(w -> w.startsWith(which + " is not identifiable")
            && w.contains("fix it")), f.toString());
        assertTrue(f.toString().contains("not identifiable"), f.toString());
        readsWithoutNumbersThatMeanNothing(f);
    }

    @Test
    void aRateTheDataPushTowardsZeroIsReportedAsRunningOff() {
        // the truth has no return from the tumour: on the log scale kBack runs off towards 0
        Model truth = epr(0.2, 0, 0.3);
        Observations data = exact(truth, new double[] {0.5, 1, 2, 4, 8, 24}, "blood", "tumor");
        Fit f = Fitter.of(truth.with("kBack", 0.05), data).estimate("kIn", "kBack", "kOut")
            .withErrorModel(ErrorModel.additive(0.1).fixed()).withSolver(TIGHT).fit();
        assertFalse(f.converged(), f.toString());
        assertTrue(f.reason().contains("kBack ran off"), f.toString());
        assertTrue(f.warnings().stream().anyMatch(w -> w.startsWith("kBack ")), f.toString());
        assertEquals(0.2, f.estimate("kIn").value(), 1e-5, f.toString());
        assertEquals(0.3, f.estimate("kOut").value(), 1e-5, f.toString());
        readsWithoutNumbersThatMeanNothing(f);
    }

    @Test
    void aBoundIsHonouredAndAnEstimateOnItIsReported() {
        Model truth = epr(0.2, 0.02, 0.3);
        Observations data = exact(truth, new double[] {0.5, 1, 2, 4, 8, 24}, "blood", "tumor");
        Fit f = Fitter.of(truth.with("kOut", 0.1), data).estimate("kIn", "kBack", "kOut")
            .withBounds("kOut", 0.01, 0.25).withErrorModel(ErrorModel.additive(0.1).fixed()).withSolver(TIGHT).fit();
        Fit.Estimate kOut = f.estimate("kOut");
        assertEquals(0.25, kOut.value(), 1e-9, f.toString());
        assertTrue(kOut.atBound() && kOut.bounded(), f.toString());
        assertTrue(f.warnings().stream().anyMatch(w -> w.startsWith("kOut is at its upper bound 0.25")), f.toString());
        assertTrue(f.toString().contains("bounds: kOut in [0.01, 0.25]"), f.toString());
        assertTrue(f.toString().contains("at bound"), f.toString());
        assertFalse(f.estimate("kIn").atBound());
        readsWithoutNumbersThatMeanNothing(f);
    }

    @Test
    void estimatesCarryTheUnitsTheModelFixes() {
        Model m = Model.builder("units").compartment("blood", "V").sink("liver").sink("urine").parameter("V", 1.7)
            .parameter("k", 0.3).parameter("vmax", 20).parameter("km", 5)
            .firstOrder("blood", "urine", "k")
            .transfer("blood", "liver", new org.nanopk.RateLaw.MichaelisMenten("vmax", "km")).build();
        assertEquals("1/h", m.parameterUnit("k"));
        assertEquals("mL", m.parameterUnit("V"));
        assertEquals("amount/h", m.parameterUnit("vmax"));
        assertEquals("amount", m.parameterUnit("km"));
        Model truth = epr(0.2, 0.02, 0.3);
        List<Observations.Point> noisy = new ArrayList<>();
        for (Observations.Point p : exact(truth, new double[] {0.5, 1, 2, 4, 8, 24}, "blood", "tumor").points()) {
            // a deterministic ±0.5 %ID scatter, so that the additive σ has an optimum
            noisy.add(Observations.point(p.time(), p.name(), p.quantity(), p.value() + (noisy.size() % 2 == 0 ? 0.5 : -0.5)));
        }
        Fit f = Fitter.of(truth.with("kIn", 0.1), Observations.of(noisy)).estimate("kIn")
            .withErrorModel(ErrorModel.additive(0.1)).withSolver(TIGHT).fit();
        assertEquals("1/h", f.estimate("kIn").unit());
        assertEquals("%ID", f.estimate("sigma_add").unit());
        assertTrue(f.toString().lines().anyMatch(l -> l.matches("\\s*kIn\\s+1/h\\s.*")), f.toString());
    }
}
