package org.nanopk.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.nanopk.Dose;
import org.nanopk.Fit;
import org.nanopk.Model;
import org.nanopk.Observations;
import org.nanopk.Observations.Quantity;
import org.nanopk.io.NonmemData;
import org.nanopk.io.ObservationsCsv;

/** Bad fitting input is rejected before any iteration, and the data readers convert units. */
class FitterInputTest {
    static Model model() {
        return Model.builder("one").compartment("blood", 2).sink("out").parameter("k", 0.2).parameter("V", 2)
            .firstOrder("blood", "out", "k").output("C", "blood/V").dose(Dose.bolus("blood", 100).at(1)).build();
    }

    static Observations data(double... values) {
        Observations.Point[] p = new Observations.Point[values.length];
        for (int i = 0; i < values.length; i++) {
            p[i] = Observations.point(2 + i, "blood", Quantity.PERCENT_ID, values[i]);
        }
        return Observations.of(List.of(p));
    }

    static void rejects(Supplier<?> s, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::get);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void badFitsAreRejectedBeforeIterating() {
        Observations d = data(80, 66, 55, 45);
        rejects(() -> Fitter.of(model(), d).estimate("kk").fit(), "unknown parameter 'kk'", "known: k, V");
        rejects(() -> Fitter.of(model(), d).fit(), "no parameters to estimate");
        rejects(() -> Fitter.of(model(), d).estimate("k").fix("k", 0.3).fit(), "k is both fixed and estimated");
        rejects(() -> Fitter.of(model(), Observations.of(List.of(Observations.point(2, "liver", Quantity.PERCENT_ID,
            3)))).estimate("k").fit(), "no compartment or output 'liver'", "known: blood, out, C");
        rejects(() -> Fitter.of(model(), data(80)).estimate("k", "V").withErrorModel(ErrorModel.additive(1)).fit(),
            "1 observations to fit", "3 parameters to estimate");
        rejects(() -> Fitter.of(model(), Observations.of(List.of(Observations.point(0.5, "blood",
            Quantity.PERCENT_ID, 3)))).estimate("k").withErrorModel(ErrorModel.additive(1).fixed()).fit(),
            "before the first dose at 1.0 h");
        rejects(() -> Observations.point(2, "blood", Quantity.PERCENT_ID, -1), "negative");
        rejects(() -> Observations.point(2, "blood", Quantity.PERCENT_ID, Double.NaN), "NaN");
        rejects(() -> Fitter.of(model(), Observations.of(List.of())).estimate("k").fit(), "no observations");
        rejects(() -> Fitter.of(model(), Observations.of(List.of(Observations.point(2, "blood", Quantity.AMOUNT, 3))))
            .estimate("k").withErrorModel(ErrorModel.additive(1).fixed()).fit(), "withAmountUnit");
        rejects(() -> Fitter.of(model(), d).estimate("k").withBounds("V", 1, 2).fit(), "bounds for V");
        rejects(() -> Fitter.of(model(), d).estimate("k").withBounds("k", 0.5, 1).fit(), "outside its bounds");
        rejects(() -> ErrorModel.named("quadratic"), "unknown error model 'quadratic'");
    }

    @Test
    void recoversAnExactDecay() {
        // noise-free one-compartment %ID data at rates k = 0.2: the fit returns k = 0.2 to 1e-6
        double[] v = new double[6];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 * Math.exp(-0.2 * (1 + i));
        }
        Fit f = Fitter.of(model().with("k", 0.5), data(v)).estimate("k")
            .withErrorModel(ErrorModel.additive(1).fixed()).fit();
        assertEquals(0.2, f.estimate("k").value(), 1e-6);
        assertTrue(f.sumOfSquares() < 1e-10);
        assertEquals(0.2, f.model().parameter("k"), 1e-6, "the fitted model carries the estimate");
    }

    @Test
    void unitsAreConvertedAtTheBoundary() {
        // minutes and ng/mL: 60 min is 1 h; 500 ng/mL is 0.5 µg/mL; the output C is compared as is
        Observations o = ObservationsCsv.parse("time (min),compartment,value,unit,sd,subject\n"
            + "60,C,500,ng/mL,50,a\n120,blood,40,%ID,,a\n", Map.of());
        assertEquals(1, o.points().get(0).time(), 0);
        assertEquals(0.5, o.points().get(0).value(), 1e-15);
        assertEquals(0.05, o.points().get(0).sd(), 1e-15);
        assertEquals(Quantity.CONCENTRATION, o.points().get(0).quantity());
        assertEquals(2, o.points().get(1).time(), 0);
        rejects(() -> ObservationsCsv.parse("time,compartment,value,unit\n1,blood,3,furlongs\n", Map.of()),
            "unknown unit 'furlongs'", "%ID/g");
        rejects(() -> ObservationsCsv.parse("time,value\n1,3\n", Map.of()), "missing column compartment");
        rejects(() -> ObservationsCsv.parse("time (fortnights),compartment,value\n1,blood,3\n", Map.of()),
            "unknown time unit 'fortnights'");
        Observations nd = ObservationsCsv.parse("time,compartment,value,lloq\n1,blood,ND,0.1\n2,blood,ND,\n"
            + "3,blood,5,0.1\n", Map.of());
        assertEquals(2, nd.size(), "a value not detected without a limit is skipped");
        assertTrue(nd.points().get(0).censored());
        assertEquals(1, nd.uncensored().size());
    }

    @Test
    void censoredValuesThroughM3() {
        // two values below a limit of 1 at late times: M3 keeps them in the likelihood, the estimate stays
        // close to the truth
        List<Observations.Point> p = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            double t = 2 + 4 * i;
            double v = 100 * Math.exp(-0.2 * (t - 1));
            p.add(new Observations.Point("1", t, "blood", Quantity.PERCENT_ID, v < 1 ? 0 : v, Double.NaN, 1, 0));
        }
        Fit f = Fitter.of(model().with("k", 0.3), Observations.of(p)).estimate("k")
            .withErrorModel(ErrorModel.combined(0.1, 0.05)).withM3().fit();
        assertEquals(0.2, f.estimate("k").value(), 0.01, f.toString());
        assertTrue(f.residuals().stream().anyMatch(Fit.Residual::censored));
    }

    @Test
    void nonmemObservationsAndRegimens() {
        NonmemData d = NonmemData.parse("ID,TIME,EVID,AMT,CMT,DV,MDV\n1,0,1,100,1,.,1\n1,2,0,0,1,67.0320046,0\n"
            + "1,4,0,0,1,44.9328964,0\n2,0,1,50,1,.,1\n2,2,0,0,1,33.5160023,0\n");
        Observations o = d.observations(model());
        assertEquals(3, o.size());
        assertEquals(100, o.regimen("1").doses().get(0).amount(), 0);
        Fit f = Fitter.of(model().with("k", 0.5), o).estimate("k").withErrorModel(ErrorModel.additive(1).fixed())
            .pooled().fit();
        assertEquals(0.2, f.estimate("k").value(), 1e-6);
    }
}
