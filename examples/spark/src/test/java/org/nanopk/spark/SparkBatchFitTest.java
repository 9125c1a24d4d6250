package org.nanopk.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nanopk.Fit;
import org.nanopk.io.FitCsv;
import org.nanopk.io.FitJob;
import org.nanopk.io.FitJson;
import org.nanopk.io.ModelJson;

/**
 * A batch of fits on Spark in local[2] mode (the 12 theophylline subjects of R's datasets, examples/data)
 * equals the fits of one machine: the same JSON, table and estimates file, subject by subject.
 */
class SparkBatchFitTest {
    static FitJob theophylline() {
        return FitJob.of(ModelJson.read(Path.of("../models/theophylline.json")),
            Path.of("../data/classic_theophylline_R_Theoph.csv"), List.of("ke", "ka", "CL"))
            .withMap(Map.of("serum", "C")).withErrorModel("additive").withStarts(2, 5);
    }

    @Test
    void theophyllineBySubjectEqualsTheSingleMachineFits() {
        FitJob job = theophylline();
        Map<String, Fit> local = job.bySubject();
        Map<String, Fit> spark = SparkBatchFit.of(LocalSpark.context()).withPartitions(5).bySubject(job);
        assertEquals(List.copyOf(local.keySet()), List.copyOf(spark.keySet()));
        for (String id : local.keySet()) {
            assertEquals(FitJson.toJson(local.get(id)), FitJson.toJson(spark.get(id)), "subject " + id);
            assertEquals(local.get(id).toString(), spark.get(id).toString(), "subject " + id);
        }
        assertEquals(FitCsv.estimates(local), FitCsv.estimates(spark));
        assertEquals(FitCsv.estimatesTable(local), FitCsv.estimatesTable(spark));
    }

    @Test
    void aFailedFitNamesItsSubject() {
        FitJob job = FitJob.of(ModelJson.read(Path.of("../models/theophylline.json")),
            Path.of("../data/classic_theophylline_R_Theoph.csv"), List.of("ke", "ka", "CL"))
            .withMap(Map.of("serum", "C")).withAmountUnit("kg");
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> SparkBatchFit.of(LocalSpark.context()).bySubject(job));
        assertTrue(e.getMessage().startsWith("the batch of fits on Spark failed in the fit of subject "),
            e.getMessage());
    }
}
