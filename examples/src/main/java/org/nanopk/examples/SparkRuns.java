package org.nanopk.examples;

import java.util.Map;
import java.util.function.Function;

import org.apache.spark.api.java.JavaSparkContext;
import org.nanopk.Fit;
import org.nanopk.io.FitJob;
import org.nanopk.population.Population;
import org.nanopk.population.Sensitivity;
import org.nanopk.spark.SparkBatchFit;
import org.nanopk.spark.SparkContexts;
import org.nanopk.spark.SparkPopulation;
import org.nanopk.spark.SparkSobol;

/**
 * The commands' {@code --spark MASTER}: the same work shared out over Apache Spark, with the same result.
 * Only loaded when {@code --spark} is given ({@link SparkOption#check} first), so the command line runs
 * without Spark's jars otherwise.
 */
final class SparkRuns {
    private SparkRuns() {
    }

    private static <T> T on(String master, String command, Function<JavaSparkContext, T> work) {
        JavaSparkContext sc = SparkContexts.open(master, "nanopk " + command);
        try {
            sc.setLogLevel("ERROR");
            return work.apply(sc);
        } finally {
            sc.stop();
        }
    }

    static Population.Summary population(String master, Population.Study study, int n) {
        return on(master, "population", sc -> SparkPopulation.of(sc).run(study, n));
    }

    static Sensitivity.Result sobol(String master, Sensitivity analysis) {
        return on(master, "sensitivity", sc -> SparkSobol.of(sc).sobol(analysis));
    }

    static Map<String, Fit> bySubject(String master, FitJob job) {
        return on(master, "fit", sc -> SparkBatchFit.of(sc).bySubject(job));
    }
}
