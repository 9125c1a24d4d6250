package org.nanopk.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Spark contexts as the command line and the submit main open them. */
public final class SparkContexts {
    private SparkContexts() {
    }

    /**
     * A context on {@code master} ("local[2]", "spark://host:7077", "yarn", …; null: what spark-submit set)
     * named {@code app}; in local mode without the web UI and bound to the loopback address. Stop it when done.
     */
    public static JavaSparkContext open(String master, String app) {
        SparkConf conf = new SparkConf().setAppName(SparkJobs.notNull("application name", app));
        if (master != null) {
            if (!master.matches("local(\\[(\\d+|\\*)(,\\d+)?])?|spark://.+|yarn|k8s://.+|mesos://.+")) {
                throw new IllegalArgumentException("Spark master '" + master + "'; expected local[N], "
                    + "spark://HOST:PORT, yarn or k8s://URL");
            }
            conf.setMaster(master);
            if (master.startsWith("local")) {
                conf.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1");
            }
        }
        return new JavaSparkContext(conf);
    }
}
