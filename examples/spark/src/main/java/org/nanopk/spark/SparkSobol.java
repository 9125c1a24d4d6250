package org.nanopk.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nanopk.io.SensitivityJson;
import org.nanopk.population.Sensitivity;

/**
 * Sobol indices on a Spark cluster: the N rows of the design ({@link Sensitivity#evaluate}, k + 2
 * simulations each) are shared out as contiguous row ranges; each task rebuilds the analysis from its
 * JSON and returns its rows' values; the driver computes the indices from all rows, exactly as
 * {@link Sensitivity#sobol()} does on one machine. Immutable.
 */
public final class SparkSobol {
    private final JavaSparkContext sc;
    private final int partitions;

    private SparkSobol(JavaSparkContext sc, int partitions) {
        this.sc = sc;
        this.partitions = partitions;
    }

    /** Analyses on {@code sc}, in up to 4 partitions per core of its default parallelism. */
    public static SparkSobol of(JavaSparkContext sc) {
        SparkJobs.notNull("Spark context", sc);
        return new SparkSobol(sc, 0);
    }

    /** Analyses in up to {@code n} partitions (at most one per row). Results do not depend on it. */
    public SparkSobol withPartitions(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("partitions = " + n + ": expected at least 1");
        }
        return new SparkSobol(sc, n);
    }

    /**
     * The Sobol indices of the analysis, computed on the cluster: the same as {@code analysis.sobol()}.
     *
     * @throws IllegalArgumentException if the readout is a function (JSON holds declared readouts)
     * @throws IllegalStateException naming the rows of a task that failed, with its reason
     */
    public Sensitivity.Result sobol(Sensitivity analysis) {
        SparkJobs.notNull("sensitivity analysis", analysis);
        String json = SensitivityJson.toJson(analysis);
        int n = analysis.samples();
        List<int[]> ranges = SparkJobs.split(n, SparkJobs.partitions(sc, partitions, n));
        Broadcast<String> spec = sc.broadcast(json);
        try {
            List<double[]> rows = SparkJobs.job("the Sobol analysis", () -> sc.parallelize(ranges, ranges.size())
                .map(r -> SparkJobs.part("Sobol design rows [" + r[0] + ", " + r[1] + ") of N = " + n,
                    () -> SensitivityJson.parse(spec.value()).evaluate(r[0], r[1]).values()))
                .collect());
            Sensitivity local = SensitivityJson.parse(json);
            int k = local.parameters().size();
            List<Sensitivity.Evaluations> parts = new ArrayList<>();
            for (int i = 0; i < ranges.size(); i++) {
                parts.add(new Sensitivity.Evaluations(ranges.get(i)[0], ranges.get(i)[1], k, rows.get(i)));
            }
            return local.indices(parts);
        } finally {
            spec.destroy();
        }
    }

    @Override
    public String toString() {
        return "SparkSobol on " + sc.master() + (partitions > 0 ? ", " + partitions + " partitions" : "");
    }
}
