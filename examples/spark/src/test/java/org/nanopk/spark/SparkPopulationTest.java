package org.nanopk.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nanopk.fit.ErrorModel;
import org.nanopk.mechanism.Chou2023;
import org.nanopk.mechanism.Presets;
import org.nanopk.population.Population;
import org.nanopk.population.Readout;
import org.nanopk.solve.Solver;

/**
 * Populations on Spark in local[2] mode against the same studies on one machine: equal bit for bit for
 * several sizes, seeds, partitionings and models (NP9 with residual error and body weight; Chou 2023).
 */
class SparkPopulationTest {
    static Population.Study np9(long seed) {
        return Population.of(Presets.np9()).withVariability("kEPR", 0.3).withVariability("VmL", 0.3)
            .withBodyWeight(0.025, 0.1, Map.of("VmL", 0.75)).withResidualError(ErrorModel.proportional(0.1))
            .withSeed(seed).withSolver(Solver.auto().withTolerances(1e-6, 1e-10))
            .study(0, 1, 4, 24, 72).track("Tumor")
            .readout("DE24", Readout.percentIdAt("Tumor", 24)).readout("DEmax", Readout.maxPercentId("Tumor"))
            .readout("AUC Tumor", Readout.auc("Tumor")).readout("Cmax Tumor", Readout.max("Tumor"));
    }

    @Test
    void np9PopulationsEqualTheSingleMachineRun() {
        SparkPopulation spark = SparkPopulation.of(LocalSpark.context());
        for (int n : new int[] {1, 100, 2500}) {
            for (long seed : new long[] {3, 77}) {
                Population.Study s = np9(seed);
                Population.Summary local = s.run(n);
                assertEquals(local, spark.run(s, n), "n " + n + ", seed " + seed);
                assertEquals(local.toString(), spark.withPartitions(3).run(s, n).toString());
            }
        }
    }

    @Test
    void chou2023PopulationEqualsTheSingleMachineRun() {
        Population.Study s = Population.of(Chou2023.model()).withVariability("PT", 0.3).withVariability("PATC", 0.3).withSeed(9)
            .withSolver(Solver.auto().withTolerances(1e-6, 1e-10)).study(0, 1, 24, 168).track("Tumor")
            .readout("DE24", Readout.percentIdAt("Tumor", 24)).readout("DEmax", Readout.maxPercentId("Tumor"));
        assertEquals(s.run(40), SparkPopulation.of(LocalSpark.context()).withPartitions(5).run(s, 40));
    }

    @Test
    void aFailedTaskNamesItsBlocks() {
        Population.Study s = Population.of(Presets.np9()).withVariability("kEPR", 0.3)
            .withSolver(Solver.nonstiff().withMaxSteps(3)).study(0, 24).track("Tumor");
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> SparkPopulation.of(LocalSpark.context()).withPartitions(4).run(s, 64));
        assertTrue(e.getMessage().startsWith("the population study on Spark failed in blocks ["), e.getMessage());
        assertTrue(e.getMessage().contains("of a study of 64 subjects: subject "), e.getMessage());
        IllegalArgumentException lambda = assertThrows(IllegalArgumentException.class,
            () -> SparkPopulation.of(LocalSpark.context()).run(Population.of(Presets.np9()).study(0, 24)
                .readout("f", sim -> 1), 10));
        assertTrue(lambda.getMessage().contains("readout f is a function"), lambda.getMessage());
    }
}
