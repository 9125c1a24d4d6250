package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** NCA and delivery efficiency against closed forms; NCA's messages for data it cannot analyse. */
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
        Nca nca = Series.of("blood", "amount/mL", t, c).nca(NcaOptions.bolus().withDose(d));
        double tol = 1e-10;
        assertEquals(c0 * (1 - Math.exp(-k * 24)) / k, nca.aucLast(), tol * c0 / k);
        assertEquals(c0 / k, nca.aucInf(), tol * c0 / k);
        assertEquals(k, nca.lambdaZ(), tol * k);
        assertEquals(Math.log(2) / k, nca.halfLife(), tol * 10);
        assertEquals(1 / k, nca.mrt(), tol * 10);
        assertEquals(k * v, nca.cl(), tol);
        assertEquals(v, nca.vss(), tol * 10);
        assertEquals(c0, nca.cmax(), 0);
        assertEquals(0, nca.tmax(), 0);
        assertEquals(13, nca.value(NcaParameter.LAMZNPT), "after a bolus λz starts at Cmax: all 13 points fit exactly");
        assertEquals(100 * Math.exp(-k * 24), nca.value(NcaParameter.AUCPEO), 1e-8);
        assertEquals(c0, nca.value(NcaParameter.C0), 0, "the sample at 0 h is C0");
        assertEquals(0, nca.value(NcaParameter.AUCPBEO), 0, "nothing back-extrapolated");
    }

    @Test
    void simulatedBolusGivesTheModelParameters() {
        // the one-compartment model simulated: CL = k V, Vss = V, t1/2 = ln 2 / k
        Model m = Model.builder("one").compartment("blood", 2.5).sink("out").parameter("k", 0.3)
            .firstOrder("blood", "out", "k").dose(Dose.bolus("blood", 10)).build();
        Simulation s = m.simulate(Times.grid(0, 48, 12), org.nanopk.solve.Solver.nonstiff().withTolerances(1e-12, 1e-15));
        Nca nca = s.nca("blood");
        assertTrue(nca.isFromSolution());
        assertEquals(NcaOptions.Route.BOLUS, nca.options().route());
        // read from the solution: exact to the solver's tolerance even on a 12 h grid
        assertEquals(0.3 * 2.5, nca.cl(), 1e-9 * 0.75);
        assertEquals(2.5, nca.vss(), 1e-9 * 2.5);
        assertEquals(Math.log(2) / 0.3, nca.halfLife(), 1e-9 * 2.3);
        assertTrue(nca.missing().get("R2").contains("not a regression"), nca.missing().toString());
    }

    @Test
    void linearUpIsExactForStraightLines() {
        // a rising straight line c = 2t: AUC = t^2, no terminal phase
        double[] t = {0, 1, 2, 3};
        double[] c = {0, 2, 4, 6};
        Nca nca = Series.of("x", "u", t, c).nca(NcaOptions.extravascular());
        assertEquals(9, nca.aucLast(), 1e-14);
        assertFalse(nca.hasTerminalPhase());
        assertEquals("λz needs at least 3 positive values after Cmax; there are 0", nca.missing().get("LAMZ"));
        assertTrue(nca.missing().get("AUCIFO").startsWith("needs LAMZ, which is missing"), nca.missing().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, nca::aucInf);
        assertTrue(e.getMessage().contains("AUCIFO") && e.getMessage().contains("λz needs"), e.getMessage());
        assertTrue(nca.toString().contains("missing LAMZ, LAMZHL, LAMZLL, LAMZUL, LAMZNPT, R2, R2ADJ: λz needs at least 3"),
            nca.toString());
    }

    @Test
    void deliveryEfficiencyOfATissue() {
        // B -> T (k1), B -> U (k2): T(t) = D k1/K (1 - e^{-Kt}), K = k1 + k2, so DE(t) = 100 k1/K (1 - e^{-Kt}),
        // DEmax at the last time; AUC_T = D k1/K (t - (1 - e^{-Kt})/K), AUC_B = D (1 - e^{-Kt})/K.
        // Read from the solution (quadrature, dense maximum), on a 6 h grid, to the solver's tolerance.
        double k1 = 0.05;
        double k2 = 0.4;
        double kk = k1 + k2;
        Model m = Model.builder("de").compartment("B").compartment("T").sink("U")
            .firstOrder("B", "T", k1).firstOrder("B", "U", k2).dose(Dose.bolus("B", 100)).build();
        double end = 24;
        Simulation s = m.simulate(Regimen.of(Dose.bolus("B", 100)), Times.grid(0, end, 6),
            org.nanopk.solve.Solver.stiff().withTolerances(1e-12, 1e-15));
        Delivery de = s.deliveryEfficiency("T", "B");
        assertEquals(100 * k1 / kk * (1 - Math.exp(-kk * 24)), de.at(24), 1e-7);
        assertEquals(end, de.timeOfMax(), 1e-9);
        assertEquals(100 * k1 / kk * (1 - Math.exp(-kk * 7)), de.at(7), 1e-9, "DE between output times");
        double aucT = 100 * k1 / kk * (end - (1 - Math.exp(-kk * end)) / kk);
        double aucB = 100 * (1 - Math.exp(-kk * end)) / kk;
        assertEquals(aucT, de.aucTissue(), 1e-9 * aucT);
        assertEquals(aucB, de.aucBlood(), 1e-9 * aucB);
        assertEquals(aucT / aucB, de.aucRatio(), 2e-9 * aucT / aucB);
    }

    @Test
    void badDataIsRefusedWithTheReason() {
        NcaOptions ev = NcaOptions.extravascular();
        assertMessage(() -> Nca.of(new double[] {0, 2, 1}, new double[] {1, 2, 3}, ev),
            "NCA of 'profile': time 1 h comes after 2 h; expected increasing times");
        assertMessage(() -> Nca.of(new double[] {0, 1, 1}, new double[] {1, 2, 3}, ev),
            "NCA of 'profile': time 1 h appears twice; expected each time once (for one animal per time use the "
                + "sparse analysis)");
        assertMessage(() -> Nca.of(new double[] {0, 1}, new double[] {1, -2}, ev),
            "NCA of 'profile': value at 1 h = -2.0 is negative; expected a value >= 0 (0 if below the limit of "
                + "quantification)");
        assertMessage(() -> Nca.of(new double[] {0, 1}, new double[] {1}, ev),
            "NCA of 'profile': 2 times but 1 values; expected one value per time");
        assertMessage(() -> NcaOptions.infusion(0), "infusion duration (h)");
        assertMessage(() -> NcaOptions.Route.of("oral"), "route 'oral' is unknown; expected extravascular, bolus or "
            + "infusion");
        assertMessage(() -> NcaParameter.of("AUCINF"), "NCA parameter 'AUCINF' is unknown; known PPTESTCD codes: CMAX");
        // a rising profile: no λz, and the reason says why
        Nca rising = Nca.of(new double[] {0, 1, 2, 4, 8}, new double[] {0, 1, 2, 3, 4}, ev.withDose(10));
        assertEquals("λz needs at least 3 positive values after Cmax; there are 0", rising.missing().get("LAMZ"));
        assertTrue(rising.missing().get("CLFO").startsWith("needs LAMZ"));
        // no dose: CL and volumes missing, said so
        Nca noDose = Nca.of(new double[] {0, 1, 2, 4, 8}, new double[] {0, 4, 3, 2, 1}, ev);
        assertEquals("no dose was given", noDose.missing().get("CLFO"));
        assertEquals("no dose was given", noDose.missing().get("VZFP"));
        assertTrue(noDose.has(NcaParameter.AUCIFO));
        // a flat tail: every regression's slope is >= 0
        Nca flat = Nca.of(new double[] {0, 1, 2, 3, 4}, new double[] {0, 5, 2, 2, 2}, ev);
        assertTrue(flat.missing().get("LAMZ").startsWith("no log-linear regression"), flat.missing().toString());
        // nothing measurable
        Nca zeros = Nca.of(new double[] {0, 1, 2}, new double[] {0, 0, 0}, ev);
        assertEquals("no value is positive", zeros.missing().get("AUCLST"));
        assertEquals(0, zeros.value(NcaParameter.AUCALL));
    }

    @Test
    void extravascularDataWithoutAZeroSampleAreUsedAsGiven() {
        Nca nca = Nca.of(new double[] {0.5, 1, 2}, new double[] {2, 4, 2}, NcaOptions.extravascular()
            .withAuc(NcaOptions.Auc.LINEAR));
        assertEquals(0.25 * 6 + 3, nca.aucLast(), 1e-15, "from the first sample, nothing invented at 0");
        assertTrue(nca.notes().get(0).contains("no value at 0 h is assumed"), nca.notes().toString());
        Nca infusion = Nca.of(new double[] {0.5, 1, 2}, new double[] {2, 4, 2}, NcaOptions.infusion(1)
            .withAuc(NcaOptions.Auc.LINEAR));
        assertEquals(0.5 + 0.25 * 6 + 3, infusion.aucLast(), 1e-15, "C(0) = 0 at the start of an infusion");
        assertTrue(infusion.notes().get(0).contains("C(0) = 0"), infusion.notes().toString());
    }

    @Test
    void bolusBackExtrapolation() {
        // C = 8 e^{-t ln 2}: samples at 1 and 2 h give C0 = 8 exactly; a rising start gives C0 = the first value
        Nca falling = Nca.of(new double[] {1, 2, 3}, new double[] {4, 2, 1}, NcaOptions.bolus());
        assertEquals(8, falling.value(NcaParameter.C0), 1e-12);
        double back = (8 - 4) / Math.log(2); // the log trapezoid from 0 to 1 h, exact for the exponential
        assertEquals(100 * back / falling.aucInf(), falling.value(NcaParameter.AUCPBEO), 1e-12);
        assertEquals(8 / Math.log(2), falling.aucInf(), 1e-12, "the whole exponential's area");
        Nca rising = Nca.of(new double[] {1, 2, 3, 4}, new double[] {3, 4, 2, 1}, NcaOptions.bolus());
        assertEquals(3, rising.value(NcaParameter.C0), 0);
    }

    @Test
    void theObservationsOfAFit() {
        // a fit's tidy data (two subjects, µg/mL): NCA per subject, written as subject,PPTESTCD,value
        Observations obs = org.nanopk.io.ObservationsCsv.parse("subject,time,compartment,value,unit\n"
            + "a,0,blood,8,µg/mL\na,1,blood,4,µg/mL\na,2,blood,2,µg/mL\na,3,blood,1,µg/mL\n"
            + "b,0,blood,6,µg/mL\nb,1,blood,3,µg/mL\nb,3,blood,ND,µg/mL\n", java.util.Map.of());
        NcaReport r = NcaReport.of(obs, null, NcaOptions.bolus().withDose(10));
        assertEquals(java.util.List.of("a", "b"), r.subjects());
        Nca a = (Nca) r.result("a");
        assertEquals(8 / Math.log(2), a.aucInf(), 1e-12, "an exact exponential");
        assertEquals(10 / (8 / Math.log(2)), a.cl(), 1e-12);
        String csv = r.toCsv();
        assertTrue(csv.startsWith("subject,PPTESTCD,value\na,CMAX,8.0\na,TMAX,0.0\n"), csv);
        assertTrue(csv.contains("\nb,LAMZ,\n"), "a missing value is written empty: " + csv);
        assertTrue(r.toString().contains("(subject b)"), r.toString());
        // the same observations as a sparse design: each subject one animal per time
        SparseNca s = (SparseNca) NcaReport.sparse(obs, "blood").result("blood");
        assertEquals(4, s.times().length, "b's ND without a limit is not a sample");
        // means 7, 3.5, 2, 1 at 0, 1, 2, 3 h: linear trapezoids
        assertEquals((7 + 3.5) / 2 + (3.5 + 2) / 2 + (2 + 1) / 2.0, s.auc(), 1e-12);
        assertTrue(s.missing().get("SPAUCSE").startsWith("only 1 animal at 2 h"), s.missing().toString());
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String start) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
