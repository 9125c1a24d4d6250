package org.nanopk.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nanopk.Dose;
import org.nanopk.Fit;
import org.nanopk.Model;
import org.nanopk.Observations;
import org.nanopk.Observations.Quantity;
import org.nanopk.Output;
import org.nanopk.Simulation;
import org.nanopk.Times;
import org.nanopk.io.ObservationsCsv;
import org.nanopk.solve.Solver;

/**
 * What an observation is compared with: never a guessed quantity. Exact synthetic data in µg/g of an
 * output with a mass recover the true parameters to 1e-6; data without a unit are the model's own value;
 * an output's unit converts between units of its quantity; a unit that cannot apply is refused, naming both.
 */
class FitterUnitsTest {
    static final Solver TIGHT = Solver.stiff().withTolerances(1e-12, 1e-15);

    /** Blood B → liver L (kL), spleen S (kS), urine U (kU); RES = L + S, 1.2 g; amounts in mg. */
    static Model res(double kL, double kU) {
        return Model.builder("RES").compartment("B").compartment("L").compartment("S").sink("U")
            .parameter("kL", kL).parameter("kS", 0.05).parameter("kU", kU)
            .firstOrder("B", "L", "kL").firstOrder("B", "S", "kS").firstOrder("B", "U", "kU")
            .output("RES", "L+S", "1.2").dose(Dose.bolus("B", 2)).build();
    }

    @Test
    void anOutputWithAMassRecoversItsParametersFromMicrogramsPerGram() {
        Model truth = res(0.3, 0.7);
        double[] times = {0.25, 0.5, 1, 2, 4, 8, 24};
        Simulation s = truth.simulate(truth.regimen(), times, TIGHT);
        List<Observations.Point> pts = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            // mg → µg, per 1.2 g
            pts.add(Observations.point(times[i], "RES", Quantity.CONCENTRATION, s.value("RES", i) * 1000 / 1.2));
            pts.add(Observations.point(times[i], "B", Quantity.PERCENT_ID, 100 * s.value("B", i) / 2));
        }
        Fit fit = Fitter.of(res(0.1, 0.2), Observations.of(pts)).estimate("kL", "kU").withAmountUnit("mg")
            .withErrorModel(ErrorModel.additive(1).fixed()).withSolver(TIGHT).fit();
        assertTrue(fit.converged(), fit.toString());
        assertEquals(0.3, fit.estimate("kL").value(), 1e-6 * 0.3, fit.toString());
        assertEquals(0.7, fit.estimate("kU").value(), 1e-6 * 0.7);
        assertTrue(fit.comparisons().contains("RES (µg/g): output RES × 1000 (the model's amount unit to µg) / 1.2 g"),
            fit.comparisons().toString());
        assertTrue(fit.comparisons().contains("B (%ID): 100 × compartment B / dose"), fit.comparisons().toString());
        // %ID and µg/g squares are not added up
        assertThrows(IllegalArgumentException.class, fit::sumOfSquares);
        assertEquals(2, fit.sumOfSquaresByName().size());
        assertTrue(fit.toString().contains("SS RES (µg/g) "), fit.toString());
    }

    @Test
    void dataWithoutAUnitAreTheModelsValue() {
        Observations o = ObservationsCsv.parse("time,compartment,value\n1,C,10\n2,C,7\n", Map.of());
        assertEquals(Quantity.VALUE, o.points().get(0).quantity(), "no unit is not %ID");
        Model m = Model.builder("one").compartment("blood").sink("out").parameter("k", 0.3).parameter("V", 2)
            .firstOrder("blood", "out", "k").output("C", "blood/V").dose(Dose.bolus("blood", 4)).build();
        Fit f = Fitter.of(m, o).estimate("k", "V").withErrorModel(ErrorModel.additive(1).fixed()).fit();
        // C = 4/V e^{-k t} through (1, 10), (2, 7): k = ln(10/7), V = 4/(10 e^{k})
        double k = Math.log(10.0 / 7);
        assertEquals(k, f.estimate("k").value(), 1e-6 * k);
        assertEquals(4 / (10 * Math.exp(k)), f.estimate("V").value(), 1e-6);
        assertTrue(f.comparisons().get(0).startsWith("C (no unit): compared with output C's value"), f.comparisons()
            .toString());
    }

    @Test
    void anOutputsUnitConvertsBetweenUnitsOfItsQuantity() {
        // C in mg/L; data in ng/mL (1e-3 of it): the fit recovers the same parameters
        Model m = Model.builder("one").compartment("blood").sink("out").parameter("k", 0.3).parameter("V", 2)
            .firstOrder("blood", "out", "k").output(new Output("C", "blood/V", null, null, "mg/L"))
            .dose(Dose.bolus("blood", 4)).build();
        Observations o = ObservationsCsv.parse("time,compartment,value,unit\n1,C,10000,ng/mL\n2,C,7000,ng/mL\n",
            Map.of());
        Fit f = Fitter.of(m, o).estimate("k", "V").withErrorModel(ErrorModel.additive(1).fixed()).fit();
        assertEquals(Math.log(10.0 / 7), f.estimate("k").value(), 1e-6);
        // compared in the output's unit: 10000 ng/mL is 10 mg/L
        assertEquals("mg/L", f.residuals().get(0).unit());
        assertEquals(10, f.residuals().get(0).observed(), 1e-12);
        assertEquals(List.of("C (mg/L): output C's value"), f.comparisons());
        // %ID data of a mg/L output: refused, naming both
        Observations pct = ObservationsCsv.parse("time,compartment,value,unit\n1,C,10,%ID\n2,C,7,%ID\n", Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Fitter.of(m, pct).estimate("k").fit());
        assertEquals("observations of C are in %ID (percent of the dose), but output C is in mg/L (a concentration); "
            + "expected data in a unit of a concentration", e.getMessage());
        // µg/g data of an output without a unit, mass or volume: refused
        Model noMass = Model.builder("one").compartment("blood").sink("out").parameter("k", 0.3)
            .firstOrder("blood", "out", "k").output("X", "2*blood").dose(Dose.bolus("blood", 4)).build();
        Observations ug = ObservationsCsv.parse("time,compartment,value,unit\n1,X,10,µg/g\n2,X,7,µg/g\n", Map.of());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
            () -> Fitter.of(noMass, ug).estimate("k").withAmountUnit("mg").fit());
        assertTrue(e2.getMessage().contains("output X has no mass or volume"), e2.getMessage());
    }

    @Test
    void eachSubjectGetsItsOwnDoseFromTheData() {
        // two subjects, doses 4 and 8, the same k: C doubles; fitted by subject, both give k back
        Model m = Model.builder("one").compartment("blood").sink("out").parameter("k", 0.2).parameter("V", 2)
            .firstOrder("blood", "out", "k").output("C", "blood/V").dose(Dose.bolus("blood", 1)).build();
        double k = 0.35;
        StringBuilder csv = new StringBuilder("subject,time,compartment,value,dose\n");
        for (double t : Times.grid(1, 4, 1)) {
            csv.append("a,").append(t).append(",C,").append(4 / 2.0 * Math.exp(-k * t)).append(",4\n");
            csv.append("b,").append(t).append(",C,").append(8 / 2.0 * Math.exp(-k * t)).append(",8\n");
        }
        Observations o = ObservationsCsv.parse(csv.toString(), Map.of());
        assertEquals(8, o.dose("b"));
        Map<String, Fit> fits = Fitter.of(m, o).estimate("k", "V").withErrorModel(ErrorModel.additive(1).fixed())
            .bySubject();
        for (Fit f : fits.values()) {
            assertEquals(k, f.estimate("k").value(), 1e-6);
            assertEquals(2, f.estimate("V").value(), 1e-6);
        }
        // pooled on request: one k, one V, each subject with its own dose
        Fit pooled = Fitter.of(m, o).estimate("k", "V").withErrorModel(ErrorModel.additive(1).fixed()).pooled().fit();
        assertEquals(k, pooled.estimate("k").value(), 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Fitter.of(m, o).estimate("k").fit());
        assertTrue(e.getMessage().startsWith("the observations hold 2 subjects (a, b)"), e.getMessage());
    }

    /** The rule for a regimen of several doses: every dose record of the model's regimen gets the subject's dose. */
    @Test
    void aSubjectsDoseReplacesEveryDoseRecordOfTheRegimen() {
        double k = 0.2;
        double v = 2;
        Model m = Model.builder("two doses").compartment("blood").sink("out").parameter("k", k).parameter("V", v)
            .firstOrder("blood", "out", "k").output("C", "blood/V")
            .regimen(org.nanopk.Regimen.of(Dose.bolus("blood", 1), Dose.bolus("blood", 1).at(12))).build();
        Observations o = ObservationsCsv.parse("subject,time,compartment,value,dose\na,6,C,1,4\na,13,C,1,4\n",
            Map.of());
        Fit f = Fitter.of(m, o).estimate("k").withErrorModel(ErrorModel.additive(1).fixed())
            .withSolver(TIGHT).fit();
        // the prediction at the fitted k: 4/V e^{-k t}, plus 4/V e^{-k (t - 12)} after 12 h
        double kf = f.estimate("k").value();
        assertEquals(4 / v * Math.exp(-kf * 6), f.residuals().get(0).predicted(), 1e-7);
        assertEquals(4 / v * (Math.exp(-kf * 13) + Math.exp(-kf * 1)), f.residuals().get(1).predicted(), 1e-7);
        assertTrue(f.comparisons().stream().anyMatch(c -> c.startsWith("each dose record of the model's regimen "
            + "given the subject's dose from the data: 4")), f.comparisons().toString());
    }
}
