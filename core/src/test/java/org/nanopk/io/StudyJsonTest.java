package org.nanopk.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nanopk.fit.ErrorModel;
import org.nanopk.mechanism.Presets;
import org.nanopk.population.Population;
import org.nanopk.population.Readout;
import org.nanopk.population.Sensitivity;
import org.nanopk.solve.Solver;

/** A study (and a sensitivity analysis) written as JSON and read back gives the same JSON and bit for bit the same summary. */
class StudyJsonTest {
    private static Population.Study study() {
        return Population.of(Presets.np9()).withVariability("kEPR", 0.3).withVariability("VmL", 0.25)
            .withCorrelation("kEPR", "VmL", -0.2).withBodyWeight(0.025, 0.12, Map.of("VmL", 0.75, "VmS", 0.75))
            .withResidualError(ErrorModel.proportional(0.15)).withSeed(-9_007_199_254_740_993L)
            .withSolver(Solver.stiff().withTolerances(1e-7, 1e-9).withMaxSteps(50_000))
            .study(0, 0.25, 1, 24, 168).track("Tumor").percentiles(2.5, 50, 97.5)
            .readout("DE24", Readout.percentIdAt("Tumor", 24)).readout("DEmax", Readout.maxPercentId("Tumor"))
            .readout("AUC", Readout.auc("Tumor")).readout("Cmax L", Readout.max("L"))
            .readout("Tmax", Readout.timeOfMax("Tumor")).readout("L at 3 h", Readout.amountAt("L", 3));
    }

    @Test
    void roundTripGivesTheSameStudy() {
        Population.Study s = study();
        String json = StudyJson.toJson(s);
        Population.Study back = StudyJson.parse(json);
        assertEquals(json, StudyJson.toJson(back));
        assertEquals(s.run(300), back.run(300));
        assertEquals(s.population().solver().maxSteps(), back.population().solver().maxSteps());
    }

    @Test
    void aSensitivityAnalysisRoundTripsToTheSameIndices() {
        Sensitivity a = Sensitivity.of(Presets.np9(), "DEmax", Readout.maxPercentId("Tumor")).withTimes(0, 12, 48)
            .withParameters("kEPR", "kBack").withCv(0.25).withSamples(24)
            .withSolver(Solver.nonstiff().withTolerances(1e-6, 1e-9));
        String json = SensitivityJson.toJson(a);
        Sensitivity back = SensitivityJson.parse(json);
        assertEquals(json, SensitivityJson.toJson(back));
        assertEquals(a.sobol(), back.sobol());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SensitivityJson.parse(json.replace("\"samples\" : 24", "\"samples\" : 2.5")));
        assertTrue(e.getMessage().contains("samples = 2.5: expected a whole number"), e.getMessage());
    }

    @Test
    void cvsAndOmegasAsAUserWritesThem() {
        String model = ModelJson.toJson(Presets.np9());
        Population.Study s = StudyJson.parse("{\"format\": \"nanopk-study\", \"version\": 1, \"model\": " + model
            + ", \"variability\": {\"cv\": {\"kEPR\": 0.3}, \"omega\": {\"VmL\": 0.2}}, \"seed\": 4,"
            + " \"times\": [0, 24], \"readouts\": {\"DE24\": {\"percentId\": \"Tumor\", \"at\": 24}}}");
        Population.Summary expected = Population.of(Presets.np9()).withVariability("kEPR", 0.3).withOmega("VmL", 0.2)
            .withSeed(4).study(0, 24).readout("DE24", Readout.percentIdAt("Tumor", 24)).run(200);
        assertEquals(expected, s.run(200));
    }

    @Test
    void mistakesAreNamed() {
        String model = ModelJson.toJson(Presets.np9());
        String head = "{\"format\": \"nanopk-study\", \"version\": 1, \"model\": " + model + ", \"times\": [0, 24], ";
        assertMessage("readouts.X: field 'percent'", head + "\"readouts\": {\"X\": {\"percent\": \"Tumor\"}}}");
        assertMessage("readouts.X: no \"at\"", head + "\"readouts\": {\"X\": {\"percentId\": \"Tumor\"}}}");
        assertMessage("unknown compartment or output 'Tumour'", head + "\"track\": [\"Tumour\"]}");
        assertMessage("unknown field 'seeds'", head + "\"seeds\": 3}");
        assertMessage("expected 'nanopk-study'", "{\"format\": \"nanopk-model\", \"version\": 1}");
        assertMessage("unknown solver 'fast'", head + "\"solver\": {\"method\": \"fast\"}}");
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> StudyJson.toJson(
            Population.of(Presets.np9()).study(0, 24).readout("f", sim -> 1)));
        assertTrue(f.getMessage().contains("readout f is a function"), f.getMessage());
    }

    private static void assertMessage(String part, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyJson.parse(json));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
