package org.nanopk.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nanopk.Compartment;
import org.nanopk.Dose;
import org.nanopk.Fit;
import org.nanopk.Model;
import org.nanopk.Observations;
import org.nanopk.Output;
import org.nanopk.io.ObservationsCsv;

/**
 * Theophylline subject 1 (R's datasets::Theoph), one compartment with first-order absorption, fitted by
 * unweighted least squares, against R 4.2.2's {@code nls(conc ~ SSfol(Dose, Time, lKe, lKa, lCl))}
 * (examples/data/README.md): lKe = −2.9196142, lKa = 0.5751612, lCl = −3.9158566, standard errors
 * 0.170888, 0.172816, 0.127270 (σ² = RSS/(n−p)), RSS 4.286009. Estimates agree to 4 significant
 * digits (relative 5e-5), standard errors to 3 (their central-difference Jacobian), RSS to 1e-6.
 */
class TheophyllineTest {
    static Path resource(String name) {
        try {
            return Path.of(TheophyllineTest.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** C(t) = Dose·ka/(V(ka−ke))·(e^{−ke t} − e^{−ka t}), V = CL/ke: depot → central at ka, out at ke. */
    static Model oneCompartmentOral(double dose) {
        return Model.builder("theophylline").compartment(Compartment.of("depot")).compartment("central")
            .sink("out")
            .parameter("ke", 0.08).parameter("ka", 1.5).parameter("CL", 0.04).parameter("V", "CL/ke")
            .firstOrder("depot", "central", "ka").firstOrder("central", "out", "ke")
            .output(new Output("C", "central/V", null, null, "mg/L")) // mg/kg over L/kg
            .dose(Dose.bolus("depot", dose))
            .build();
    }

    @Test
    void subjectOneMatchesNls() {
        Observations all = ObservationsCsv.read(resource("classic_theophylline_R_Theoph.csv"), Map.of("serum", "C"));
        Observations one = all.subject("1");
        assertEquals(11, one.size());
        Fit fit = Fitter.of(oneCompartmentOral(4.02), one)
            .estimate("ke", "ka", "CL")
            .withErrorModel(ErrorModel.additive(1))
            .fit();
        assertTrue(fit.converged(), fit.toString());
        assertEquals(-2.9196142, Math.log(fit.estimate("ke").value()), 5e-5 * 2.9196142);
        assertEquals(0.5751612, Math.log(fit.estimate("ka").value()), 5e-5 * 0.5751612);
        assertEquals(-3.9158566, Math.log(fit.estimate("CL").value()), 5e-5 * 3.9158566);
        assertEquals(0.170888, fit.estimate("ke").seEstimationScale(), 1e-3 * 0.170888);
        assertEquals(0.172816, fit.estimate("ka").seEstimationScale(), 1e-3 * 0.172816);
        assertEquals(0.127270, fit.estimate("CL").seEstimationScale(), 1e-3 * 0.127270);
        assertEquals(4.286009, fit.sumOfSquares(), 1e-6 * 4.286009);
        // the Wald interval is exp(log θ ± 1.96 SE) on the log scale
        Fit.Estimate ke = fit.estimate("ke");
        assertEquals(Math.exp(Math.log(ke.value()) + 1.959963984540054 * ke.seEstimationScale()), ke.upper(), 1e-12);
        assertEquals(100 * ke.se() / ke.value(), ke.rse(), 1e-12);
        assertTrue(fit.toString().contains("RSE"), fit.toString());
    }

    /**
     * All 12 subjects in one call, each dosed from the data's dose column, fitted separately: the log
     * estimates agree with R's nls(SSfol) per subject (src/test/resources/theoph, with the R script that
     * made them) to 1e-3 relative, their standard errors to 1e-2, and the residual sums of squares to 1e-5.
     * One start, from ke &lt; ka: the model has a flip-flop twin (ke and ka swapped, V scaled by ke/ka) with the
     * same sum of squares, and nls's solutions are the ones with absorption faster than elimination.
     */
    @Test
    void allTwelveSubjectsBySubject() throws Exception {
        Observations all = ObservationsCsv.read(resource("classic_theophylline_R_Theoph.csv"), Map.of("serum", "C"));
        Map<String, Fit> fits = Fitter.of(oneCompartmentOral(1), all).estimate("ke", "ka", "CL")
            .withErrorModel(ErrorModel.additive(1)).bySubject();
        assertEquals(12, fits.size());
        java.util.List<String> lines = java.nio.file.Files.readAllLines(Path.of(
            TheophyllineTest.class.getResource("/theoph/theoph_nls_reference.csv").toURI()));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            Fit fit = fits.get(c[0]);
            String who = "subject " + c[0];
            assertTrue(fit.converged(), who + ": " + fit);
            String[] names = {"ke", "ka", "CL"};
            for (int j = 0; j < 3; j++) {
                double lr = Double.parseDouble(c[2 + j]);
                assertEquals(lr, Math.log(fit.estimate(names[j]).value()), 1e-3 * Math.abs(lr), who + " log " + names[j]);
                double se = Double.parseDouble(c[5 + j]);
                assertEquals(se, fit.estimate(names[j]).seEstimationScale(), 1e-2 * se, who + " SE of log " + names[j]);
            }
            double rss = Double.parseDouble(c[8]);
            assertEquals(rss, fit.sumOfSquares(), 1e-5 * rss, who + " RSS");
            assertTrue(fit.comparisons().stream().anyMatch(x -> x.contains("dose from the data") && x.contains("mg/kg")),
                fit.comparisons().toString());
        }
    }
}
