package org.nanopk.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nanopk.mechanism.Chou2023;
import org.nanopk.mechanism.Presets;
import org.nanopk.population.Readout;
import org.nanopk.population.Sensitivity;
import org.nanopk.solve.Solver;

/** Sobol analyses on Spark in local[2] mode equal the single-machine analysis bit for bit. */
class SparkSobolTest {
    @Test
    void np9AndChou2023IndicesEqualTheSingleMachineOnes() {
        Sensitivity np9 = Sensitivity.of(Presets.np9(), "DE24", Readout.percentIdAt("Tumor", 24))
            .withParameters("kEPR", "kBack", "VmL", "kTAM").withSamples(64)
            .withSolver(Solver.auto().withTolerances(1e-6, 1e-10));
        Sensitivity.Result local = np9.sobol();
        assertEquals(local, SparkSobol.of(LocalSpark.context()).sobol(np9));
        assertEquals(local.toString(), SparkSobol.of(LocalSpark.context()).withPartitions(7).sobol(np9).toString());
        Sensitivity chou = Sensitivity.of(Chou2023.model(), "DEmax", Readout.maxPercentId("Tumor"))
            .withTimes(0, 24, 168).withParameters("PT", "PATC").withSamples(16)
            .withSolver(Solver.auto().withTolerances(1e-6, 1e-10));
        assertEquals(chou.sobol(), SparkSobol.of(LocalSpark.context()).withPartitions(3).sobol(chou));
    }

    @Test
    void aFailedTaskNamesItsRows() {
        Sensitivity a = Sensitivity.of(Presets.np9(), "DE24", Readout.percentIdAt("Tumor", 24))
            .withParameters("kEPR").withSamples(16).withSolver(Solver.nonstiff().withMaxSteps(3));
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> SparkSobol.of(LocalSpark.context()).withPartitions(2).sobol(a));
        assertTrue(e.getMessage().startsWith("the Sobol analysis on Spark failed in Sobol design rows ["),
            e.getMessage());
    }
}
