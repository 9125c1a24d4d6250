package org.nanopk.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nanopk.Fit;
import org.nanopk.Observations;
import org.nanopk.io.FitJob;
import org.nanopk.io.FitJson;

/**
 * A batch of fits on a Spark cluster: the subjects of a {@link FitJob} are shared out over partitions;
 * each task rebuilds the job from its JSON once, fits its subjects (each with all the job's starts) and
 * returns each fit as JSON ({@link FitJson}); the driver reads them back, by subject in the order of the
 * data: the same fits as {@link FitJob#bySubject()} on one machine. Immutable.
 */
public final class SparkBatchFit {
    private final JavaSparkContext sc;
    private final int partitions;

    private SparkBatchFit(JavaSparkContext sc, int partitions) {
        this.sc = sc;
        this.partitions = partitions;
    }

    /** Fits on {@code sc}, in up to 4 partitions per core of its default parallelism. */
    public static SparkBatchFit of(JavaSparkContext sc) {
        SparkJobs.notNull("Spark context", sc);
        return new SparkBatchFit(sc, 0);
    }

    /** Fits in up to {@code n} partitions (at most one per subject). Results do not depend on it. */
    public SparkBatchFit withPartitions(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("partitions = " + n + ": expected at least 1");
        }
        return new SparkBatchFit(sc, n);
    }

    /**
     * The fit of every subject of the job, computed on the cluster, by subject in order of appearance.
     *
     * @throws IllegalStateException naming the subject whose fit failed, with its reason
     */
    public Map<String, Fit> bySubject(FitJob job) {
        SparkJobs.notNull("fit job", job);
        String json = job.toJson();
        List<String> subjects = job.subjects();
        int p = SparkJobs.partitions(sc, partitions, subjects.size());
        Broadcast<String> spec = sc.broadcast(json);
        try {
            List<String> fits = SparkJobs.job("the batch of fits", () -> sc.parallelize(subjects, p)
                .mapPartitions((Iterator<String> ids) -> {
                    FitJob j = FitJob.parse(spec.value());
                    Observations all = j.observations();
                    List<String> out = new ArrayList<>();
                    while (ids.hasNext()) {
                        String id = ids.next();
                        out.add(SparkJobs.part("the fit of subject " + id,
                            () -> FitJson.toJson(j.fitter(all.subject(id)).fit())));
                    }
                    return out.iterator();
                })
                .collect());
            Map<String, Fit> bySubject = new LinkedHashMap<>();
            for (int i = 0; i < subjects.size(); i++) {
                bySubject.put(subjects.get(i), FitJson.parse(fits.get(i)));
            }
            return java.util.Collections.unmodifiableMap(bySubject);
        } finally {
            spec.destroy();
        }
    }

    @Override
    public String toString() {
        return "SparkBatchFit on " + sc.master() + (partitions > 0 ? ", " + partitions + " partitions" : "");
    }
}
