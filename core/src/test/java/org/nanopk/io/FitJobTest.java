package org.nanopk.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nanopk.Compartment;
import org.nanopk.Dose;
import org.nanopk.Fit;
import org.nanopk.Model;
import org.nanopk.Output;

/**
 * A fit job and a fit's result as JSON: a job read back fits the same, a subject's fit equals its entry of
 * the fitter's bySubject, and a fit read back prints and writes the same (R's Theoph subjects; the numbers
 * themselves are checked against R's nls in TheophyllineTest).
 */
class FitJobTest {
    static Path theoph() {
        try {
            return Path.of(FitJobTest.class.getResource("/data/classic_theophylline_R_Theoph.csv").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Model model() {
        return Model.builder("theophylline").compartment(Compartment.of("depot")).compartment("central").sink("out")
            .parameter("ke", 0.08).parameter("ka", 1.5).parameter("CL", 0.04).parameter("V", "CL/ke")
            .firstOrder("depot", "central", "ka").firstOrder("central", "out", "ke")
            .output(new Output("C", "central/V", null, null, "mg/L")).dose(Dose.bolus("depot", 4.02)).build();
    }

    @Test
    void aJobReadBackFitsTheSameAsTheFitterBySubject() {
        FitJob job = FitJob.of(model(), theoph(), List.of("ke", "ka", "CL")).withMap(Map.of("serum", "C"))
            .withErrorModel("additive").withStarts(2, 9);
        FitJob back = FitJob.parse(job.toJson());
        assertEquals(job.toJson(), back.toJson());
        Map<String, Fit> all = job.bySubject();
        for (String id : List.of("1", "7", "12")) {
            Fit one = back.fit(id);
            assertEquals(FitJson.toJson(all.get(id)), FitJson.toJson(one), "subject " + id);
            Fit read = FitJson.parse(FitJson.toJson(one));
            assertEquals(one.toString(), read.toString());
            assertEquals(FitCsv.estimates(Map.of(id, one)), FitCsv.estimates(Map.of(id, read)));
            assertEquals(FitJson.toJson(one), FitJson.toJson(read));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> job.fit("13"));
        assertTrue(e.getMessage().contains("unknown subject '13'"), e.getMessage());
    }

    @Test
    void notFiniteNumbersTravelAsNamedStrings() {
        Fit f = FitJob.of(model(), theoph(), List.of("ke")).withMap(Map.of("serum", "C")).withErrorModel("additive")
            .withProfiles(List.of("ke")).fit("2");
        String json = FitJson.toJson(f);
        assertTrue(json.contains("\"NaN\""), json); // e.g. the profile bounds of the error parameter
        assertEquals(json, FitJson.toJson(FitJson.parse(json)));
        assertEquals(f.toString(), FitJson.parse(json).toString());
    }
}
