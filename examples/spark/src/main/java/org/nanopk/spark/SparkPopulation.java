package org.nanopk.spark;

import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nanopk.io.StudyJson;
import org.nanopk.population.Population;

/**
 * A population study on a Spark cluster: the study's blocks of subjects ({@link Population.Study#blockCount})
 * are shared out as contiguous ranges, one per partition; each task rebuilds the study from its JSON,
 * runs its blocks on one thread and returns the partial summary's bytes; partials merge exactly, so the
 * summary equals {@link Population.Study#run} on one machine bit for bit, whatever the partitioning.
 * Immutable; the context is the caller's to stop.
 *
 * <pre>{@code
 * Population.Summary s = SparkPopulation.of(sc).run(study, 1_000_000);
 * }</pre>
 */
public final class SparkPopulation {
    private final JavaSparkContext sc;
    private final int partitions;

    private SparkPopulation(JavaSparkContext sc, int partitions) {
        this.sc = sc;
        this.partitions = partitions;
    }

    /** Studies on {@code sc}, in up to 4 partitions per core of its default parallelism. */
    public static SparkPopulation of(JavaSparkContext sc) {
        SparkJobs.notNull("Spark context", sc);
        return new SparkPopulation(sc, 0);
    }

    /**
     * Studies in up to {@code n} partitions (at most one per block; a study of N subjects has 64 blocks for
     * N from 4,096 to 65,536, then one per 1,024 subjects). Results do not depend on it.
     */
    public SparkPopulation withPartitions(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("partitions = " + n + ": expected at least 1");
        }
        return new SparkPopulation(sc, n);
    }

    /**
     * Simulates {@code n} subjects of the study on the cluster and summarises them: the same summary as
     * {@code study.run(n)}.
     *
     * @throws IllegalArgumentException if a readout of the study is a function (JSON holds declared readouts)
     * @throws IllegalStateException naming the blocks of a task that failed, with its reason
     */
    public Population.Summary run(Population.Study study, int n) {
        SparkJobs.notNull("study", study);
        String json = StudyJson.toJson(study);
        int blocks = study.blockCount(n);
        List<int[]> ranges = SparkJobs.split(blocks, SparkJobs.partitions(sc, partitions, blocks));
        Broadcast<String> spec = sc.broadcast(json);
        try {
            byte[] merged = SparkJobs.job("the population study", () -> sc.parallelize(ranges, ranges.size())
                .map(r -> SparkJobs.part("blocks [" + r[0] + ", " + r[1] + ") of a study of " + n + " subjects", () -> {
                    Population.Study s = StudyJson.parse(spec.value());
                    return s.withPopulation(s.population().withThreads(1)).runBlocks(n, r[0], r[1]).toBytes();
                }))
                .reduce((a, b) -> Population.Partial.fromBytes(a).merge(Population.Partial.fromBytes(b)).toBytes()));
            return StudyJson.parse(json).finish(Population.Partial.fromBytes(merged));
        } finally {
            spec.destroy();
        }
    }

    @Override
    public String toString() {
        return "SparkPopulation on " + sc.master() + (partitions > 0 ? ", " + partitions + " partitions" : "");
    }
}
