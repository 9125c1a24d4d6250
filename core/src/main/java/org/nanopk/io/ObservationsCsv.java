package org.nanopk.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.nanopk.Observations;
import org.nanopk.Observations.Quantity;
import org.nanopk.internal.Checks;

/**
 * Reads measured data from a tidy (long) CSV, one value per row:
 * {@code time, compartment, value} and optionally {@code unit, sd, subject, lloq, dose, dose_unit}. Column names are
 * matched without case; {@code tissue} or {@code name} may stand for compartment, {@code dataset_id},
 * {@code id} or {@code group} for subject, {@code dv} for value.
 *
 * <p>Units are read from the header (for example {@code time (min)}, {@code time_d},
 * {@code value (%ID/g)}) or, for values, from the {@code unit} column (its first word, so
 * "%ID/g tumor" reads as %ID/g), and converted: times to h (h, min, d, s); %ID and %ID/g as they are;
 * amounts to µg (ng, µg, mg); concentrations to µg/g (ng/g, ng/mL, µg/g, µg/mL, mg/L, mg/kg, mg/mL)
 * ({@link Observations#unit}). A value without a unit is compared with what the model computes for its
 * name (a compartment's amount, an output's value); it is never taken for %ID. A {@code dose} column
 * gives each subject its own dose ({@link Observations#dose}). Values "ND", "BLQ" or "&lt;LLOQ" are below the limit of quantification: they are kept as censored
 * points at their lloq when the row gives one, and skipped otherwise. Rows can be kept to some
 * compartments and renamed on the way in ({@code names}).
 */
public final class ObservationsCsv {
    private ObservationsCsv() {
    }

    /** The value units understood, with the quantity each is read as ({@link Observations#units()}). */
    public static Map<String, Quantity> units() {
        return Observations.units();
    }

    /** Reads every row of a tidy CSV file. */
    public static Observations read(Path file) {
        return read(file, Map.of());
    }

    /**
     * Reads a tidy CSV file, keeping only the rows whose compartment is a key of {@code names} (all
     * rows if it is empty) and renaming them to its value.
     */
    public static Observations read(Path file, Map<String, String> names) {
        return from(CsvTable.read(file), names);
    }

    /** The observations of a CSV table already read, kept and renamed as {@link #read(Path, Map)} does. */
    public static Observations read(CsvTable table, Map<String, String> names) {
        return from(Checks.notNull("CSV table", table), Checks.notNull("names", names));
    }

    /** Parses tidy CSV text. */
    public static Observations parse(String csv, Map<String, String> names) {
        return from(CsvTable.parse(csv, "observations"), names);
    }

    static int column(CsvTable t, String... candidates) {
        for (String c : candidates) {
            int i = t.column(c);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A column whose name starts with {@code prefix} (like "time (min)" or "time_h"), or -1. Of several
     * time columns, the one whose suffix is a time unit ("time_h" beside "time_original").
     */
    static int prefixed(CsvTable t, String prefix) {
        int exact = t.column(prefix);
        if (exact >= 0) {
            return exact;
        }
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < t.header().size(); i++) {
            String h = t.header().get(i).toLowerCase(Locale.ROOT);
            if (h.startsWith(prefix + " ") || h.startsWith(prefix + "_") || h.startsWith(prefix + "(")
                || h.startsWith(prefix + "[")) {
                found.add(i);
            }
        }
        if (found.size() > 1 && prefix.equals("time")) {
            found.removeIf(i -> !isTimeUnit(headerUnit(t.header().get(i), prefix)));
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException(t.source() + ": duplicate column for the " + prefix + ": '"
                + t.header().get(found.get(0)) + "' and '" + t.header().get(found.get(1)) + "'; expected one of them");
        }
        return found.isEmpty() ? -1 : found.get(0);
    }

    /** The unit written in a header after the name: "time (min)", "time_h", "value [%ID]". */
    static String headerUnit(String header, String name) {
        String rest = header.substring(Math.min(name.length(), header.length())).trim();
        rest = rest.replaceAll("^[_\\s]+", "");
        if (rest.startsWith("(") || rest.startsWith("[")) {
            rest = rest.substring(1);
            int close = Math.max(rest.indexOf(')'), rest.indexOf(']'));
            rest = close >= 0 ? rest.substring(0, close) : rest;
        }
        return rest.trim();
    }

    private static boolean isTimeUnit(String unit) {
        try {
            timeFactor(unit, "");
            return true;
        } catch (IllegalArgumentException notATimeUnit) {
            return false;
        }
    }

    static double timeFactor(String unit, String where) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "":
            case "h":
            case "hr":
            case "hrs":
            case "hour":
            case "hours":
                return 1;
            case "min":
            case "mins":
            case "minute":
            case "minutes":
                return 1.0 / 60;
            case "d":
            case "day":
            case "days":
                return 24;
            case "s":
            case "sec":
            case "seconds":
                return 1.0 / 3600;
            default:
                throw new IllegalArgumentException(where + ": unknown time unit '" + unit + "'; known: h, min, d, s");
        }
    }

    private static Observations from(CsvTable t, Map<String, String> names) {
        Checks.notNull("names", names);
        int time = prefixed(t, "time");
        int comp = column(t, "compartment", "tissue", "name", "output");
        int value = prefixed(t, "value");
        if (value < 0) {
            value = column(t, "dv");
        }
        List<String> missing = new ArrayList<>();
        if (time < 0) {
            missing.add("time");
        }
        if (comp < 0) {
            missing.add("compartment");
        }
        if (value < 0) {
            missing.add("value");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(t.source() + ": missing column" + (missing.size() > 1 ? "s " : " ")
                + String.join(", ", missing) + "; columns are " + t.header()
                + "; expected time, compartment, value and optionally unit, sd, subject, lloq");
        }
        int unit = t.column("unit");
        int sd = t.column("sd");
        int lloq = t.column("lloq");
        int subject = column(t, "subject", "dataset_id", "id", "group");
        int dose = t.column("dose");
        int doseUnit = t.column("dose_unit");
        Map<String, Double> doses = new LinkedHashMap<>();
        Set<String> doseUnits = new LinkedHashSet<>();
        String timeHeader = t.header().get(time);
        double tf = timeFactor(headerUnit(timeHeader, "time"), t.source() + ", column " + timeHeader);
        String valueUnitFromHeader = headerUnit(t.header().get(value), t.header().get(value).toLowerCase(Locale.ROOT)
            .startsWith("value") ? "value" : t.header().get(value));
        List<Observations.Point> points = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            String where = t.where(r);
            String name = t.cell(r, comp);
            if (!names.isEmpty()) {
                if (!names.containsKey(name)) {
                    continue;
                }
                name = names.get(name);
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException(where + ", column " + t.header().get(comp) + ": empty; expected a "
                    + "compartment or output name");
            }
            String u = unit >= 0 ? t.cell(r, unit) : valueUnitFromHeader;
            if (u.isEmpty()) {
                u = valueUnitFromHeader;
            }
            // no unit: the value is compared with what the model computes for the name, never guessed
            Observations.Unit q = u.isEmpty() ? null : Observations.unit(u, where);
            Quantity quantity = q == null ? Quantity.VALUE : q.quantity();
            double factor = q == null ? 1 : q.factor();
            double tt = t.number(r, time, Double.NaN);
            if (Double.isNaN(tt)) {
                throw new IllegalArgumentException(where + ", column " + timeHeader + ": empty; expected a time");
            }
            double limit = lloq >= 0 ? t.number(r, lloq, Double.NaN) * factor : Double.NaN;
            String raw = t.cell(r, value);
            double v;
            if (raw.equalsIgnoreCase("ND") || raw.equalsIgnoreCase("BLQ") || raw.equalsIgnoreCase("<LLOQ")) {
                if (Double.isNaN(limit)) {
                    continue; // not detected and no limit given: nothing to fit
                }
                v = 0;
            } else {
                v = t.number(r, value, Double.NaN) * factor;
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException(where + ", column " + t.header().get(value)
                        + ": empty; expected a value");
                }
            }
            double s = sd >= 0 ? t.number(r, sd, Double.NaN) * factor : Double.NaN;
            String subj = subject >= 0 ? t.cell(r, subject) : "1";
            subj = subj.isEmpty() ? "1" : subj;
            if (dose >= 0 && !t.cell(r, dose).isEmpty()) {
                double d = t.number(r, dose, Double.NaN);
                Double before = doses.put(subj, d);
                if (!(d > 0 && Double.isFinite(d))) {
                    throw new IllegalArgumentException(where + ", column " + t.header().get(dose) + ": " + t.cell(r, dose)
                        + "; expected a dose > 0");
                }
                if (before != null && before != d) {
                    throw new IllegalArgumentException(where + ", column " + t.header().get(dose) + ": " + Checks.g(d)
                        + " differs from subject " + subj + "'s earlier dose " + Checks.g(before) + "; expected one dose "
                        + "per subject");
                }
            }
            if (doseUnit >= 0 && !t.cell(r, doseUnit).isEmpty()) {
                doseUnits.add(t.cell(r, doseUnit));
            }
            try {
                points.add(new Observations.Point(subj, tt * tf, name, quantity, v, s, limit,
                    (int) t.line(r)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(t.source() + ": row " + t.line(r) + ": "
                    + e.getMessage(), e);
            }
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException(t.source() + ": no observations" + (names.isEmpty() ? ""
                : " of " + names.keySet()) + "; expected at least one row with a value");
        }
        Observations obs = Observations.of(points);
        if (doses.isEmpty()) {
            return obs;
        }
        if (doseUnits.size() > 1) {
            throw new IllegalArgumentException(t.source() + ", column dose_unit: " + doseUnits + "; expected one unit for "
                + "every dose");
        }
        return obs.withDoses(doses, doseUnits.isEmpty() ? "" : doseUnits.iterator().next());
    }
}
