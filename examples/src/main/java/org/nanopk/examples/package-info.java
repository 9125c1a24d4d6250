/**
 * The {@code nanopk} command line (picocli): simulate, fit, population, sensitivity, batch, presets,
 * lessons and the demo; each command prints one line per error, naming the option or file.
 */
package org.nanopk.examples;
