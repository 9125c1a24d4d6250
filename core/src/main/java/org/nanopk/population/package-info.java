/**
 * Many simulations of one model: virtual {@link org.nanopk.population.Population populations}
 * (lognormal variability, correlations, body-weight allometry, residual error) summarised by percentile
 * bands and readout statistics on all cores, {@link org.nanopk.population.DoseSweep dose sweeps}, and
 * local and Sobol {@link org.nanopk.population.Sensitivity sensitivity} analyses. Results do not depend
 * on the number of threads.
 */
package org.nanopk.population;
