/**
 * JMH benchmarks of NanoPK's solvers against the JVM's peers, and the accuracy and million-subject
 * programs; see {@code benchmarks/README.md}.
 */
package org.nanopk.benchmarks;
