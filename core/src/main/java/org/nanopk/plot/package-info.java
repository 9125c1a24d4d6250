/**
 * Charts of simulations, fits, dose sweeps and population bands: {@link org.nanopk.plot.Chart} values,
 * drawn as PNG or SVG by {@link org.nanopk.plot.ChartRenderer} with XChart (an optional dependency:
 * add {@code org.knowm.xchart:xchart}) or as text for a terminal without it.
 */
package org.nanopk.plot;
