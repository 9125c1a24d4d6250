/**
 * NanoPK on Apache Spark: {@link org.nanopk.spark.SparkPopulation population studies},
 * {@link org.nanopk.spark.SparkSobol Sobol analyses} and {@link org.nanopk.spark.SparkBatchFit batches of
 * fits} shared out over a cluster's executors, each giving exactly the result of the same work on one
 * machine. What travels is JSON (the study, the analysis, the fit job) out and compact partial results
 * back; every task rebuilds its part from the JSON with NanoPK's own per-subject random streams.
 */
package org.nanopk.spark;
