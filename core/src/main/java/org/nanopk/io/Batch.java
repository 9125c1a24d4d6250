package org.nanopk.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.commons.csv.CSVRecord;
import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.Times;
import org.nanopk.internal.Checks;
import org.nanopk.internal.Table;
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
public final class Batch {
    private Batch() {
    }

    /** One row's result. */
    public record Row(String id, double de24, double de168, double deMax, Map<String, Double> observed) {
    }

    /** All rows' results, in file order; {@code observed} names the observed columns the file had. */
    public record Result(String preset, List<Row> rows, List<String> observed) {
        /** A table: ID, DE24, DE168, DEmax, then the observed columns. */
        @Override
        public String toString() {
            List<String> obs = observedNames();
            List<String> header = new ArrayList<>(List.of("ID", "DE24", "DE168", "DEmax"));
            obs.forEach(o -> header.add(o + " observed"));
            Table t = new Table(header.toArray(new String[0]));
            for (Row r : rows) {
                List<String> cells = new ArrayList<>(List.of(r.id(), Checks.g(r.de24()), Checks.g(r.de168()),
                    Checks.g(r.deMax())));
                obs.forEach(o -> cells.add(r.observed().containsKey(o) ? Checks.g(r.observed().get(o)) : ""));
                t.row(cells.toArray(new String[0]));
            }
            return "Tumour delivery efficiency (%ID) of preset " + preset + ", " + rows.size() + " rows\n" + t;
        }

        private List<String> observedNames() {
            return observed;
        }

        /** CSV: ID, DE24, DE168, DEmax, then DE24_observed, … when the input had them. */
        public String toCsv() {
            List<String> obs = observedNames();
            StringBuilder sb = new StringBuilder("ID,DE24,DE168,DEmax");
            obs.forEach(o -> sb.append(',').append(o).append("_observed"));
            sb.append('\n');
            for (Row r : rows) {
                sb.append(r.id()).append(',').append(r.de24()).append(',').append(r.de168()).append(',')
                    .append(r.deMax());
                for (String o : obs) {
                    Double v = r.observed().get(o);
                    sb.append(',').append(v == null ? "" : v.toString());
                }
                sb.append('\n');
            }
            return sb.toString();
        }

        /** Writes {@link #toCsv()} to a file. */
        public void write(Path file) {
            try {
                Files.writeString(file, toCsv(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Runs {@code preset} on every row of {@code csv} with the stiff solver at rtol 1e-8, atol 1e-10. */
    public static Result run(String preset, Path csv) {
        return run(preset, csv, Solver.stiff());
    }

    /** Runs {@code preset} on every row of {@code csv} with {@code solver}. */
    public static Result run(String preset, Path csv, Solver solver) {
        Model base = Presets.byName(preset);
        Csv.Table table = Csv.read(csv);
        List<CSVRecord> records = table.rows();
        List<String> header = table.header();
        Row[] out = new Row[records.size()];
        RuntimeException[] failure = new RuntimeException[1];
        IntStream.range(0, records.size()).parallel().forEach(i -> {
            try {
                out[i] = row(preset, base, table, header, records.get(i), solver);
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

    private static Row row(String preset, Model base, Csv.Table table, List<String> header, CSVRecord r,
                           Solver solver) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            cells.put(header.get(c), table.cell(r, c));
        }
        String id = cells.containsKey("ID") ? cells.get("ID") : Long.toString(r.getRecordNumber());
        String where = table.where(r);
        Model m;
        double[] grid;
        try {
            if (preset.equals("chou2023")) {
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
                    String v = cells.get(h);
                    if (v != null && Checks.isDecimal(v.trim())) {
                        observed.put(col, Double.parseDouble(v.trim()));
                    } // "NA" and blanks: no observed value
                }
            }
        }
        return new Row(id, de.get("DE24"), de.get("DE168"), de.get("DEmax"), observed);
    }
}
