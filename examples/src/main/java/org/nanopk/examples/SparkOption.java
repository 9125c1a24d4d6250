package org.nanopk.examples;

import picocli.CommandLine.Option;

/** {@code --spark MASTER}: run the command's main work on Apache Spark (local[N] or a cluster). */
final class SparkOption {
    @Option(names = "--spark", paramLabel = "MASTER", description = "Share the work out over Apache Spark: "
        + "local[N] on this machine, or a cluster's master (spark://HOST:PORT, yarn, k8s://URL); prints exactly "
        + "what the run without it prints.")
    String master;

    @Option(names = "--save-spec", paramLabel = "FILE.json", description = "Write what the run would do as a spec "
        + "file for spark-submit (org.nanopk.spark.SparkMain) and stop, without running it.")
    java.nio.file.Path saveSpec;

    /**
     * With --save-spec: writes the spec's JSON (never over an input), says how to submit it, and returns true.
     */
    boolean saved(String json, String submit, java.io.PrintWriter w, Cli.Input... inputs) {
        if (saveSpec == null) {
            return false;
        }
        if (master != null) {
            throw new IllegalArgumentException("--save-spec writes a spec and runs nothing; --spark runs it; expected "
                + "one of them");
        }
        Cli.refuseOverwrite("--save-spec", saveSpec, inputs);
        org.nanopk.internal.SafeFiles.write(saveSpec, out -> out.write(json));
        w.println("wrote the spec to " + saveSpec + "; run it on a cluster with");
        w.println("  spark-submit --class org.nanopk.spark.SparkMain nanopk-spark-submit.jar " + submit);
        return true;
    }

    /**
     * Refuses --spark and --save-spec where the command would share nothing out ({@code applies} false):
     * "--spark local[2] shares out {@code what}".
     */
    void requireShared(boolean applies, String what) {
        if (!applies && (master != null || saveSpec != null)) {
            throw new IllegalArgumentException((master != null ? "--spark " + master : "--save-spec") + " shares out "
                + what);
        }
    }

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
