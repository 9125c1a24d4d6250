package org.nanopk.examples;

import picocli.CommandLine.Option;

/** {@code --spark MASTER}: run the command's main work on Apache Spark (local[N] or a cluster). */
final class SparkOption {
    @Option(names = "--spark", paramLabel = "MASTER", description = "Share the work out over Apache Spark: "
        + "local[N] on this machine, or a cluster's master (spark://HOST:PORT, yarn, k8s://URL); prints exactly "
        + "what the run without it prints.")
    String master;

    /** True when --spark was given, after checking that Spark is on the class path. */
    boolean on() {
        if (master == null) {
            return false;
        }
        try {
            Class.forName("org.apache.spark.api.java.JavaSparkContext", false, SparkOption.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--spark " + master + ": Apache Spark is not on the class path; run "
                + "through ./nanopk, which adds it, or add org.apache.spark:spark-core_2.13 4.2.0 and its libraries");
        }
        return true;
    }
}
