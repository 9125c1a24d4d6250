/**
 * Fitting models to data: {@link org.nanopk.fit.Fitter} (maximum likelihood by Levenberg–Marquardt,
 * several starts, M3 for values below the limit of quantification, profile likelihood) and
 * {@link org.nanopk.fit.ErrorModel} (additive, proportional, combined residual error). Results are
 * {@link org.nanopk.Fit} values.
 */
package org.nanopk.fit;
