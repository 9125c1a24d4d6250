package org.nanopk.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.nanopk.Compartment;
import org.nanopk.Dose;
import org.nanopk.Fit;
import org.nanopk.Model;
import org.nanopk.Observations;
import org.nanopk.PkException;
import org.nanopk.RateLaw;
import org.nanopk.Regimen;
import org.nanopk.Simulation;
import org.nanopk.Times;
import org.nanopk.fit.ErrorModel;
import org.nanopk.fit.Fitter;
import org.nanopk.io.ModelJson;
import org.nanopk.io.NonmemData;
import org.nanopk.io.ObservationsCsv;
import org.nanopk.mechanism.Presets;
import org.nanopk.population.Population;
import org.nanopk.population.Sensitivity;
import org.nanopk.solve.Solver;

/**
 * The second round of hostile and edge-case inputs: each case once made NanoPK lose a dose, return a
 * silently wrong number, crash or say something unclear; each is checked here against the closed form
 * or the message a user needs.
 */
class SecondRoundTest {

    static IllegalArgumentException rejected(Executable e, String... words) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        for (String w : words) {
            assertTrue(x.getMessage().contains(w), "'" + x.getMessage() + "' should mention '" + w + "'");
        }
        assertFalse(x.getMessage().matches("(?s).*\\b(java|com|org)\\.[a-z]+\\.[A-Za-z.]*(Exception|Error).*"),
            "a library class name in: " + x.getMessage());
        return x;
    }

    /** B → U at 0.1/h, B ⇄ T at 0.05 and 0.01/h: B(t) in closed form by its two eigenvalues. */
    static Model threeStates() {
        return Model.builder("three").compartment("B", 1).compartment("T").sink("U").parameter("k", 0.1)
            .firstOrder("B", "U", "k").firstOrder("B", "T", 0.05).firstOrder("T", "B", 0.01)
            .dose(Dose.bolus("B", 100)).build();
    }

    static double closedFormB(double t) {
        double a = -0.15;
        double d = -0.01;
        double tr = a + d;
        double det = a * d - 0.01 * 0.05;
        double disc = Math.sqrt(tr * tr - 4 * det);
        double l1 = (tr + disc) / 2;
        double l2 = (tr - disc) / 2;
        return 100 * ((a - l2) * Math.exp(l1 * t) - (a - l1) * Math.exp(l2 * t)) / (l1 - l2);
    }

    @Test
    void theExactSolverIsRightForAnyFiniteSpan() {
        double[] times = {0, 1000, 1e6, 1e20, 1e100, 1e300};
        Simulation s = threeStates().simulate(times, Solver.exact());
        // the closed form to round-off of the exponential (a relative 1e-12 measured as 1e-14)
        assertEquals(closedFormB(1000), s.value("B", 1), 1e-12 * closedFormB(1000));
        for (int i = 2; i < times.length; i++) {
            assertEquals(0, s.value("B", i), 1e-300, "B at " + times[i] + " h");
            assertEquals(100, s.value("U", i), 1e-12, "all of the dose in the sink at " + times[i] + " h");
        }
    }

    @Test
    void aSpanBeyondDoublePrecisionIsRefusedClearly() {
        Model fast = Model.builder("fast").compartment("B").sink("U").firstOrder("B", "U", 20)
            .dose(Dose.bolus("B", 100)).build();
        PkException e = assertThrows(PkException.class, () -> fast.simulate(new double[] {0, 1.7e308}, Solver.exact()));
        assertTrue(e.getMessage().contains("cannot be represented in double precision"), e.getMessage());
    }

    @Test
    void aTinyInfusionDeliversExactlyItsAmountOrIsRefused() {
        Model m = Model.builder("one").compartment("B").sink("U").firstOrder("B", "U", 0.1).build();
        // 3e-15 h at 24 h is one spacing of doubles there: the rate is set so that exactly 50 enters
        Simulation s = m.simulate(Regimen.of(Dose.bolus("B", 100), Dose.infusion("B", 50, 3e-15).at(24)), 0, 25);
        assertEquals(150, s.totalDosed(), 1e-12);
        assertEquals(150, s.total().value(1), 1e-10);
        // 1e-15 h cannot be represented at 24 h (24 + 1e-15 == 24): refused, not lost
        rejected(() -> m.simulate(Regimen.of(Dose.infusion("B", 50, 1e-15).at(24)), 0, 25),
            "infusion into 'B' at 24 h", "cannot be represented");
    }

    @Test
    void contradictoryDoseFieldsAreRefusedNamingBoth() {
        String base = "{\"name\": \"m\", \"compartments\": [{\"name\": \"B\"}], \"doses\": [{\"into\": \"B\", "
            + "\"amount\": 1, ";
        rejected(() -> ModelJson.parse(base + "\"every\": 24, \"count\": 3, \"additional\": 5}]}"), "'count'",
            "'additional'");
        rejected(() -> ModelJson.parse(base + "\"every\": 24, \"interval\": 12, \"count\": 2}]}"), "'every'",
            "'interval'");
        rejected(() -> NonmemData.parse("ID,TIME,EVID,AMT,CMT,RATE,DUR\n1,0,1,100,1,10,2\n"), "RATE = 10",
            "DUR = 2");
    }

    @Test
    void namesThatAreColumnsOfNanopksFilesAreRefused() {
        rejected(() -> Model.builder("m").compartment("time").build(), "'time'", "column");
        rejected(() -> Model.builder("m").compartment("B").output("TIME", "B").build(), "'TIME'", "column");
        rejected(() -> Model.builder("m").compartment("B").integral("Evid", "B").build(), "'Evid'", "column");
    }

    /** A ⇄ B at 1e9/h with B → C at 1e-9/h: the total stays 100 to round-off at every tolerance. */
    @Test
    void aStiffReversiblePairKeepsTheTotal() {
        Model m = Model.builder("pair").compartment("A").compartment("B").sink("C")
            .firstOrder("A", "B", 1e9).firstOrder("B", "A", 1e9).firstOrder("B", "C", 1e-9)
            .dose(Dose.bolus("A", 100)).build();
        // C(t) = 100 (1 − e^(−t·1e-9/2)): half of the pair is in B
        double c = -100 * Math.expm1(-1000 * 0.5e-9);
        for (Solver s : List.of(Solver.auto(), Solver.stiff().withTolerances(1e-4, 1e-6),
            Solver.stiff().withTolerances(1e-10, 1e-12))) {
            Simulation sim = m.simulate(Times.grid(0, 1000, 100), s);
            for (int i = 0; i < sim.size(); i++) {
                assertEquals(100, sim.total().value(i), 1e-11, s + " total at " + sim.times()[i] + " h");
            }
            // round-off of solves with an iteration matrix of norm 1e11 limits C to about 1e-6 relative
            assertEquals(c, sim.value("C", 10), 1e-6 * c, s.toString());
        }
        // the same at a rate the non-stiff method can take: DOPRI5 keeps the total too
        Model moderate = Model.builder("pair").compartment("A").compartment("B").sink("C")
            .firstOrder("A", "B", 1e3).firstOrder("B", "A", 1e3).firstOrder("B", "C", 1e-3)
            .dose(Dose.bolus("A", 100)).build();
        Simulation d = moderate.simulate(Times.grid(0, 100, 10), Solver.nonstiff().withTolerances(1e-6, 1e-9));
        for (int i = 0; i < d.size(); i++) {
            assertEquals(100, d.total().value(i), 1e-11);
        }
    }

    @Test
    void steepHillLawsNeitherOverflowNorUnderflow() {
        // n = 200: k50^n overflows; the rate is vmax while A > k50 and stops sharply at k50
        Model hill = Model.builder("hill").compartment("A").sink("B").parameter("vmax", 2).parameter("k50", 50)
            .parameter("n", 200).transfer("A", "B", RateLaw.hill("vmax", "k50", "n")).dose(Dose.bolus("A", 100))
            .build();
        Solver tight = Solver.auto().withTolerances(1e-10, 1e-12);
        Simulation s = hill.simulate(new double[] {0, 10, 20, 100}, tight);
        assertEquals(80, s.value("A", 1), 1e-6, "100 − 2·10 while (A/k50)^200 ≫ 1");
        assertEquals(60, s.value("A", 2), 1e-6);
        // past the knee, against the closed form: dA/dt = −vmax/(1 + (k50/A)^n) separates into
        // t(A) = [(100 − A) + k50/(n−1)·((k50/A)^(n−1) − (k50/100)^(n−1))]/vmax, solved for t = 100 by bisection
        double lo = 40;
        double hi = 60;
        for (int i = 0; i < 200; i++) {
            double a = 0.5 * (lo + hi);
            double t = ((100 - a) + 50.0 / 199 * (Math.pow(50 / a, 199) - Math.pow(0.5, 199))) / 2;
            if (t > 100) {
                lo = a;
            } else {
                hi = a;
            }
        }
        assertEquals(0.5 * (lo + hi), s.value("A", 3), 1e-7);
        // t50 = 1e-200: t50^n underflows; the rate is kmax·A at every t > 0
        Model hillTime = Model.builder("ht").compartment("A").sink("B").parameter("kmax", 0.3)
            .parameter("t50", 1e-200).parameter("n", 2).transfer("A", "B", RateLaw.hillTime("kmax", "t50", "n"))
            .dose(Dose.bolus("A", 100)).build();
        Simulation h = hillTime.simulate(new double[] {0, 1, 5}, Solver.auto().withTolerances(1e-10, 1e-12));
        assertEquals(100 * Math.exp(-0.3), h.value("A", 1), 1e-7);
        assertEquals(100 * Math.exp(-1.5), h.value("A", 2), 1e-7);
    }

    @Test
    void aDoseThatOverflowsIsRefused() {
        Model m = Model.builder("f").compartment(Compartment.of("depot").withBioavailability("F")).sink("U")
            .parameter("F", 1e308).firstOrder("depot", "U", 1).dose(Dose.bolus("depot", 100)).build();
        rejected(() -> m.simulate(0, 1), "dose into 'depot'", "overflows", "bioavailability");
    }

    @Test
    void unreadableFilesSayWhyNamingTheFile(@TempDir Path dir) throws Exception {
        Path latin1 = dir.resolve("cp1252.csv");
        Files.write(latin1, "time,compartment,value\n1,blood,90\n1,Bl\u00e9t,5\n".getBytes("windows-1252"));
        rejected(() -> ObservationsCsv.read(latin1), latin1.toString(), "not UTF-8", "line 3");
        rejected(() -> ObservationsCsv.read(dir), dir.toString(), "is a directory");
        rejected(() -> NonmemData.read(dir.resolve("missing.csv")), "missing.csv", "no such file");
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            rejected(() -> ModelJson.read(zero), "/dev/zero", "too large");
            rejected(() -> NonmemData.read(zero), "/dev/zero", "too large");
        }
    }

    @Test
    void resultsTooLargeForTheHeapAreRefusedBeforeTheyAreMade() {
        Population p = Population.of(Presets.np9()).withVariability("kEPR", 0.3);
        rejected(() -> p.study(Times.grid(0, 1e4, 1e-3)).track("Tumor").run(10), "output times", "would take",
            "-Xmx");
        rejected(() -> Sensitivity.of(Presets.np9(), "DE24", s -> s.percentId("Tumor").at(24)).withSamples(2_000_000_000)
            .sobol(), "N = 2000000000", "would take");
        rejected(() -> Times.grid(0, 1e12, 1e-3), "points");
        rejected(() -> p.withThreads(100_000), "threads = 100000", "32767");
    }

    @Test
    void failuresNameCompartmentsNotIndices() {
        Model blowUp = Model.builder("blow").compartment("blood").compartment("Tumor")
            .transfer("blood", "Tumor", RateLaw.expression("exp(Tumor)")).dose(Dose.bolus("blood", 10)).build();
        PkException e = assertThrows(PkException.class, () -> blowUp.simulate(0, 100));
        assertFalse(e.getMessage().matches("(?s).*state [0-9].*"), e.getMessage());
        assertTrue(e.getMessage().contains("model 'blow'"), e.getMessage());
    }

    @Test
    void aProfileOfAnUnusedParameterKeepsTheFitAndSaysSo() {
        Model m = Model.builder("one").compartment("B").sink("U").parameter("k", 0.3).parameter("unused", 2)
            .firstOrder("B", "U", "k").output("C", "B/1.5 + 0*unused").dose(Dose.bolus("B", 100)).build();
        List<Observations.Point> pts = new ArrayList<>();
        for (double t : new double[] {1, 2, 4, 8, 12}) {
            pts.add(new Observations.Point("1", t, "C", Observations.Quantity.VALUE, 100 / 1.5 * Math.exp(-0.3 * t)
                * (1 + 0.02 * Math.cos(t)), Double.NaN, Double.NaN, 0));
        }
        Fit fit = Fitter.of(m, Observations.of(pts)).estimate("k", "unused").withErrorModel(ErrorModel.additive(0.1))
            .withProfiles("k", "unused").fit();
        assertEquals(0.3, fit.estimate("k").value(), 0.01);
        assertTrue(Double.isInfinite(fit.estimate("unused").profileLower())
            && Double.isInfinite(fit.estimate("unused").profileUpper()), fit.toString());
        assertTrue(fit.toString().contains("unbounded"), fit.toString());
        assertFalse(fit.toString().contains("Infinity"), fit.toString());
        assertTrue(fit.warnings().stream().anyMatch(w -> w.startsWith("unused: the profile likelihood")),
            fit.warnings().toString());
    }

    @Test
    void allZeroDataWithProportionalErrorHaveNoBestFit() {
        Model m = Model.builder("one").compartment("B").sink("U").parameter("k", 0.3).firstOrder("B", "U", "k")
            .dose(Dose.bolus("B", 100)).build();
        List<Observations.Point> pts = new ArrayList<>();
        for (double t : new double[] {1, 2, 4}) {
            pts.add(new Observations.Point("1", t, "B", Observations.Quantity.VALUE, 0, Double.NaN, Double.NaN, 0));
        }
        rejected(() -> Fitter.of(m, Observations.of(pts)).estimate("k").fit(), "all 3 observations are 0",
            "proportional", "additive or combined");
    }

    /** Many subjects are read in one pass: each one's records, in order, whatever their number. */
    @Test
    void aNonmemFileOfManySubjectsIsReadWhole() {
        StringBuilder sb = new StringBuilder("ID,TIME,EVID,AMT,CMT,DV,MDV\n");
        for (int id = 1; id <= 3000; id++) {
            sb.append(id).append(",0,1,100,1,.,1\n");
            for (int k = 1; k <= 30; k++) {
                sb.append(id).append(',').append(k).append(",0,0,1,").append(id + k).append(",0\n");
            }
        }
        NonmemData d = NonmemData.parse(sb.toString());
        assertEquals(3000, d.ids().size());
        assertEquals(93_000, d.rows().size());
        assertEquals(31, d.rows("2999").size());
        assertEquals(2999 + 30, d.rows("2999").get(30).dv());
        Model m = Model.builder("one").compartment("B").sink("U").firstOrder("B", "U", 0.1).build();
        assertEquals(90_000, d.observations(m).size());
    }

    @Test
    void malformedFilesAreDescribedWithoutLibraryNames() {
        rejected(() -> ModelJson.parse("{\"name\": \"m\", \"compartments\": [ }"), "malformed JSON", "line 1");
        rejected(() -> ObservationsCsv.parse("time,compartment,value\n1,\"blood,2\n", Map.of()), "observations");
    }
}
