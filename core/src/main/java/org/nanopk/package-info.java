/**
 * NanoPK's everyday types: {@link org.nanopk.Model} (compartments, parameters, transfers with
 * {@link org.nanopk.RateLaw rate laws}, outputs, integrals, doses), {@link org.nanopk.Dose} and
 * {@link org.nanopk.Regimen} with NONMEM's semantics, {@link org.nanopk.Simulation} and
 * {@link org.nanopk.Series} results (read from the continuous solution: values at any time, maxima,
 * areas over the solver's steps), {@link org.nanopk.Delivery}, non-compartmental analysis ({@link org.nanopk.Nca}
 * with {@link org.nanopk.NcaOptions}, {@link org.nanopk.SparseNca}, {@link org.nanopk.NcaReport}, the
 * parameters named by {@link org.nanopk.NcaParameter CDISC codes}), {@link org.nanopk.Observations} and
 * {@link org.nanopk.Fit}, {@link org.nanopk.Table} for printing.
 * One import, {@code import org.nanopk.*;}, is enough in JShell.
 *
 * <p>Units: time in h, volume in mL, mass in g, amounts in the dose's unit (%ID by default). Bad input
 * is an {@link java.lang.IllegalArgumentException} naming what is wrong; a numerical failure is a
 * {@link org.nanopk.PkException}. Every value type is immutable and thread-safe.
 */
package org.nanopk;
