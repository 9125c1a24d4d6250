package org.nanopk.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVPrinter;
import org.nanopk.Fit;
import org.nanopk.Table;
import org.nanopk.internal.Checks;
import org.nanopk.internal.Csv;
import org.nanopk.internal.SafeFiles;

/**
 * Fit results as CSV, one fit per subject: the estimates ({@code subject,parameter,estimate,se,ci_low,
 * ci_high,minus2LL,SS,converged}, error parameters included under the names the printed table uses) and
 * the residuals ({@code subject,name,unit,time,observed,predicted,residual,weighted,censored}). A value
 * that is not known (the SE of a parameter the data do not inform; the SS of observations in several
 * units, whose squares do not add up) is an empty cell. Files are written atomically.
 */
public final class FitCsv {
    /** The estimates file's columns, in order. */
    public static final List<String> ESTIMATE_COLUMNS = List.of("subject", "parameter", "estimate", "se", "ci_low",
        "ci_high", "minus2LL", "SS", "converged");
    /** The residuals file's columns, in order. */
    public static final List<String> RESIDUAL_COLUMNS = List.of("subject", "name", "unit", "time", "observed",
        "predicted", "residual", "weighted", "censored");

    private FitCsv() {
    }

    /** The estimates of every fit, by subject, as CSV text. */
    public static String estimates(Map<String, Fit> fits) {
        StringBuilder sb = new StringBuilder();
        try {
            writeEstimates(fits, sb);
        } catch (IOException e) {
            throw new AssertionError("a StringBuilder does not fail", e);
        }
        return sb.toString();
    }

    /** Writes the estimates of every fit, by subject, to {@code file}. */
    public static void writeEstimates(Map<String, Fit> fits, Path file) {
        Checks.notNull("fits", fits);
        SafeFiles.write(file, w -> writeEstimates(fits, w));
    }

    /** Writes the residuals of every fit, by subject, to {@code file}. */
    public static void writeResiduals(Map<String, Fit> fits, Path file) {
        Checks.notNull("fits", fits);
        SafeFiles.write(file, w -> {
            CSVPrinter p = Csv.printer(w);
            Csv.record(p, RESIDUAL_COLUMNS);
            for (Map.Entry<String, Fit> e : fits.entrySet()) {
                for (Fit.Residual r : e.getValue().residuals()) {
                    Csv.record(p, List.of(e.getKey(), r.name(), r.unit(), Csv.number(r.time()), Csv.number(r.observed()),
                        Csv.number(r.predicted()), Csv.number(r.raw()), Csv.number(r.weighted()),
                        Boolean.toString(r.censored())));
                }
            }
            p.flush();
        });
    }

    private static void writeEstimates(Map<String, Fit> fits, Appendable out) throws IOException {
        CSVPrinter p = Csv.printer(out);
        Csv.record(p, ESTIMATE_COLUMNS);
        for (Map.Entry<String, Fit> e : fits.entrySet()) {
            Fit f = e.getValue();
            String ss = ss(f);
            for (Fit.Estimate est : f.estimates()) {
                Csv.record(p, List.of(e.getKey(), est.name(), Csv.number(est.value()), cell(est.se()),
                    cell(est.lower()), cell(est.upper()), Csv.number(f.objective()), ss, Boolean.toString(f.converged())));
            }
        }
        p.flush();
    }

    /** A table with a row per subject and a column per estimate, then -2LL, SS and convergence. */
    public static String estimatesTable(Map<String, Fit> fits) {
        Checks.notNull("fits", fits);
        List<String> header = new ArrayList<>(List.of("subject"));
        Fit first = fits.values().iterator().next();
        first.estimates().forEach(est -> header.add(est.name()));
        header.addAll(List.of("-2LL", "SS", "converged"));
        Table.Builder t = Table.builder(header);
        for (Map.Entry<String, Fit> e : fits.entrySet()) {
            List<Object> row = new ArrayList<>();
            row.add(e.getKey());
            e.getValue().estimates().forEach(est -> row.add(Checks.g(est.value())));
            row.add(Checks.g(e.getValue().objective()));
            String ss = ss(e.getValue());
            row.add(ss.isEmpty() ? "by name" : Checks.g(Double.parseDouble(ss)));
            row.add(e.getValue().converged() ? "yes" : "NO");
            t.row(row.toArray());
        }
        return t.toString();
    }

    private static String ss(Fit f) {
        try {
            return Csv.number(f.sumOfSquares());
        } catch (IllegalArgumentException severalUnits) {
            return "";
        }
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? Csv.number(v) : "";
    }
}
