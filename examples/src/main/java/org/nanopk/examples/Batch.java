package org.nanopk.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.Table;
import org.nanopk.Times;
import org.nanopk.io.CsvTable;
import org.nanopk.mechanism.Chou2023;
import org.nanopk.mechanism.Presets;
import org.nanopk.solve.Solver;

/**
 * A preset simulated once per row of a CSV file, reporting the tumour delivery efficiency of each
 * row: DE24, DE168 and DEmax (%ID of output {@code Tumor}) beside the observed values when the file has
 * columns DE24, DE168 and DEmax (or Demax). Rows are simulated in parallel.
 *
 * <p>How a row becomes a model: for {@code chou2023}, {@link Chou2023#forDataset(Map)} (the row's tumour
 * parameters, BW in grams, a 0.005 h infusion of Dose·BW) on the grid 0, 0.1, …, 180 h; for any other
 * preset, every column that names a parameter sets it, the preset's own doses are kept and the grid is
 * 0, 0.5, …, 168 h.
 */
final class Batch {
    private Batch() {
    }

    /** One row's result. */
    record Row(String id, double de24, double de168, double deMax, Map<String, Double> observed) {
    }

    /** All rows' results, in file order; {@code observed} names the observed columns the file had. */
    record Result(String preset, List<Row> rows, List<String> observed) {
        /** A table: ID, DE24, DE168, DEmax, then the observed columns. */
        @Override
        public String toString() {
            List<String> obs = observedNames();
            List<String> header = new ArrayList<>(List.of("ID", "DE24", "DE168", "DEmax"));
            obs.forEach(o -> header.add(o + " observed"));
            Table.Builder t = Table.builder(header).title("Tumour delivery efficiency (%ID) of preset " + preset + ", "
                + rows.size() + " rows");
            for (Row r : rows) {
                List<Object> cells = new ArrayList<>(List.of(r.id(), r.de24(), r.de168(), r.deMax()));
                obs.forEach(o -> cells.add(r.observed().get(o)));
                t.row(cells.toArray());
            }
            return t.build().toString();
        }

        private List<String> observedNames() {
            return observed;
        }

        /** The results as a CSV table: ID, DE24, DE168, DEmax, then DE24_observed, … when the input had them. */
        CsvTable toCsvTable() {
            List<String> obs = observedNames();
            List<String> header = new ArrayList<>(List.of("ID", "DE24", "DE168", "DEmax"));
            obs.forEach(o -> header.add(o + "_observed"));
            List<List<String>> cells = new ArrayList<>();
            for (Row r : rows) {
                List<String> c = new ArrayList<>(List.of(r.id(), Double.toString(r.de24()), Double.toString(r.de168()),
                    Double.toString(r.deMax())));
                for (String o : obs) {
                    Double v = r.observed().get(o);
                    c.add(v == null ? "" : v.toString());
                }
                cells.add(c);
            }
            return CsvTable.of(header, cells);
        }

        /** The CSV text of {@link #toCsvTable()}. */
        String toCsv() {
            return toCsvTable().toCsv();
        }

        /** Writes the CSV to a file, replacing it only once the new content is complete. */
        void write(Path file) {
            toCsvTable().write(file);
        }
    }

    /** Runs {@code preset} on every row of {@code csv} with the stiff solver at rtol 1e-8, atol 1e-10. */
    static Result run(String preset, Path csv) {
        return run(preset, csv, Solver.stiff());
    }

    /** Runs {@code preset} on every row of {@code csv} with {@code solver}. */
    static Result run(String preset, Path csv, Solver solver) {
        Model base = Presets.byName(preset);
        CsvTable table = CsvTable.read(csv);
        List<String> header = table.header();
        boolean chou = preset.equalsIgnoreCase("chou2023");
        if (!chou) {
            for (String h : header) {
                boolean known = h.equals("ID") || base.parameters().contains(h)
                    || List.of("de24", "de168", "demax").contains(h.toLowerCase(Locale.ROOT));
                if (!known) {
                    throw new IllegalArgumentException(csv + ": column '" + h + "' names no parameter of " + preset
                        + "; expected ID, DE24, DE168, DEmax or a parameter: "
                        + String.join(", ", base.parameters().names()));
                }
            }
        }
        Row[] out = new Row[table.size()];
        RuntimeException[] failure = new RuntimeException[1];
        IntStream.range(0, table.size()).parallel().forEach(i -> {
            try {
                out[i] = row(chou, base, table, header, i, solver);
            } catch (RuntimeException e) {
                synchronized (failure) {
                    if (failure[0] == null) {
                        failure[0] = e;
                    }
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        List<String> observed = new ArrayList<>();
        for (String col : new String[] {"DE24", "DE168", "DEmax"}) {
            if (table.column(col) >= 0) {
                observed.add(col);
            }
        }
        return new Result(preset, List.of(out), List.copyOf(observed));
    }

    private static Row row(boolean chou, Model base, CsvTable table, List<String> header, int r,
                           Solver solver) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            cells.put(header.get(c), table.cell(r, c));
        }
        String id = cells.containsKey("ID") ? cells.get("ID") : Integer.toString(r + 1);
        String where = table.where(r);
        Model m;
        double[] grid;
        try {
            if (chou) {
                m = Chou2023.forDataset(cells);
                grid = Chou2023.grid();
            } else {
                Map<String, Double> values = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    if (base.parameters().contains(header.get(c))) {
                        values.put(header.get(c), table.number(r, c, base.parameter(header.get(c))));
                    }
                }
                m = base.with(values);
                grid = Times.grid(0, 168, 0.5);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " (ID " + id + "): " + e.getMessage(), e);
        }
        Simulation s = m.simulate(m.regimen(), grid, solver);
        Map<String, Double> de = Chou2023.deliveryEfficiency(s);
        Map<String, Double> observed = new LinkedHashMap<>();
        for (String col : new String[] {"DE24", "DE168", "DEmax"}) {
            for (String h : header) {
                if (h.toLowerCase(Locale.ROOT).equals(col.toLowerCase(Locale.ROOT))) {
                    String v = cells.get(h).trim();
                    if (!v.isEmpty() && !v.equalsIgnoreCase("NA")) {
                        observed.put(col, table.number(r, table.column(h), Double.NaN));
                    } // "NA" and blanks: no observed value
                }
            }
        }
        return new Row(id, de.get("DE24"), de.get("DE168"), de.get("DEmax"), observed);
    }
}
