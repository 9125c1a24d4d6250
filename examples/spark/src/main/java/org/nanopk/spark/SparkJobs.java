package org.nanopk.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.SparkException;

/** What the Spark adapters share: contiguous ranges for partitions, and failures that name their part. */
final class SparkJobs {
    /** The prefix of a task's failure, found again in the driver's report of it. */
    private static final String MARK = "NanoPK task failed: ";
    private static final Pattern FAILURE = Pattern.compile(Pattern.quote(MARK) + "([^\\n]*)");

    private SparkJobs() {
    }

    /** {@code x}, refused when null with a message naming it. */
    static <T> T notNull(String what, T x) {
        if (x == null) {
            throw new IllegalArgumentException(what + " is null; expected one");
        }
        return x;
    }

    /** The partitions of {@code units} units of work: those asked for (0: 4 per core of the context), at most units. */
    static int partitions(org.apache.spark.api.java.JavaSparkContext sc, int asked, int units) {
        return Math.max(1, Math.min(units, asked > 0 ? asked : 4 * sc.defaultParallelism()));
    }

    /** [0, total) as at most {@code parts} contiguous ranges {from, to} of sizes differing by at most one. */
    static List<int[]> split(int total, int parts) {
        int p = Math.max(1, Math.min(total, parts));
        List<int[]> ranges = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            ranges.add(new int[] {(int) ((long) total * i / p), (int) ((long) total * (i + 1) / p)});
        }
        return ranges;
    }

    /** Runs a task's part; a failure names the part ("blocks [3, 6) of a study of 6400 subjects: ..."). */
    static <T> T part(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException(MARK + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a Spark job on the driver: a task's failure comes back as an {@link IllegalStateException}
     * whose message is the task's own, naming its part (not Spark's report with its stack traces).
     */
    static <T> T job(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (Exception e) { // Spark's Scala code throws SparkException, a checked exception, undeclared
            if (!(e instanceof SparkException) && e instanceof RuntimeException re) {
                throw re;
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                Matcher m = FAILURE.matcher(String.valueOf(t.getMessage()));
                if (m.find()) {
                    throw new IllegalStateException(what + " on Spark failed in " + m.group(1), e);
                }
            }
            throw new IllegalStateException(what + " on Spark failed: " + e.getMessage(), e);
        }
    }
}
