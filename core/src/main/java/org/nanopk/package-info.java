/**
 * NanoPK's everyday types: {@link org.nanopk.Model} (compartments, parameters, transfers with
 * {@link org.nanopk.RateLaw rate laws}, outputs, integrals, doses), {@link org.nanopk.Dose} and
 * {@link org.nanopk.Regimen} with NONMEM's semantics, {@link org.nanopk.Simulation} and
 * {@link org.nanopk.Series} results, {@link org.nanopk.Nca}, {@link org.nanopk.Delivery},
 * {@link org.nanopk.Observations} and {@link org.nanopk.Fit}, {@link org.nanopk.Table} for printing.
 * One import, {@code import org.nanopk.*;}, is enough in JShell.
 *
 * <p>Units: time in h, volume in mL, mass in g, amounts in the dose's unit (%ID by default). Bad input
 * is an {@link java.lang.IllegalArgumentException} naming what is wrong; a numerical failure is a
 * {@link org.nanopk.PkException}. Every value type is immutable and thread-safe.
 */
package org.nanopk;
