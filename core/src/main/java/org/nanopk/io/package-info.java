/**
 * Files: the JSON model format ({@link org.nanopk.io.ModelJson}), tidy CSV observations
 * ({@link org.nanopk.io.ObservationsCsv}), NONMEM-style data sets ({@link org.nanopk.io.NonmemData}) and
 * the CSV dialect they share ({@link org.nanopk.io.CsvTable}). Reading is bounded and strict, every
 * problem names the file, row and column; writing replaces a file only once the new content is complete.
 */
package org.nanopk.io;
