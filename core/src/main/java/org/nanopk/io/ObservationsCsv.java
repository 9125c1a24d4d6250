package org.nanopk.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nanopk.Observations;
import org.nanopk.Observations.Quantity;
import org.nanopk.internal.Checks;

/**
 * Reads measured data from a tidy (long) CSV, one value per row:
 * {@code time, compartment, value} and optionally {@code unit, sd, subject, lloq}. Column names are
 * matched without case; {@code tissue} or {@code name} may stand for compartment, {@code dataset_id},
 * {@code id} or {@code group} for subject, {@code dv} for value.
 *
 * <p>Units are read from the header (for example {@code time (min)}, {@code time_d},
 * {@code value (%ID/g)}) or, for values, from the {@code unit} column (its first word, so
 * "%ID/g tumor" reads as %ID/g), and converted: times to h (h, min, d, s); %ID and %ID/g as they are;
 * amounts to µg (ng, µg, mg); concentrations to µg/g (ng/g, ng/mL, µg/g, µg/mL, mg/L, mg/kg, mg/mL).
 * Values "ND", "BLQ" or "&lt;LLOQ" are below the limit of quantification: they are kept as censored
 * points at their lloq when the row gives one, and skipped otherwise. Rows can be kept to some
 * compartments and renamed on the way in ({@code names}).
 */
public final class ObservationsCsv {
    /** A value unit: the quantity it measures and its factor to NanoPK's unit of that quantity. */
    private record Unit(Quantity quantity, double factor) {
    }

    private static final Map<String, Unit> UNITS = units(
        Quantity.PERCENT_ID, 1.0, "%ID", "%id", "%dose", "% ID",
        Quantity.PERCENT_ID_PER_GRAM, 1.0, "%ID/g", "%id/g", "%ID/mL",
        Quantity.AMOUNT, 1e-3, "ng",
        Quantity.AMOUNT, 1.0, "µg", "ug", "mcg",
        Quantity.AMOUNT, 1e3, "mg",
        Quantity.CONCENTRATION, 1e-3, "ng/g", "ng/mL", "ng/ml", "µg/L", "ug/L",
        Quantity.CONCENTRATION, 1.0, "µg/g", "ug/g", "µg/mL", "ug/mL", "ug/ml", "mg/L", "mg/l", "mg/kg", "mcg/mL",
        Quantity.CONCENTRATION, 1e3, "mg/mL", "mg/ml", "mg/g");

    private static Map<String, Unit> units(Object... table) {
        // table: quantity, factor, names..., quantity, factor, names...
        Map<String, Unit> m = new LinkedHashMap<>();
        Unit current = null;
        for (int i = 0; i < table.length; i++) {
            if (table[i] instanceof Quantity q) {
                current = new Unit(q, (Double) table[++i]);
            } else {
                m.put((String) table[i], current);
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private ObservationsCsv() {
    }

    /** The value units understood, with the quantity each is read as. */
    public static Map<String, Quantity> units() {
        Map<String, Quantity> m = new LinkedHashMap<>();
        UNITS.forEach((k, v) -> m.put(k, v.quantity()));
        return m;
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

    /** The quantity and factor of a value unit (its first word), or an error listing the known units. */
    static Unit valueUnit(String unit, String where) {
        String u = unit.trim();
        int cut = u.length();
        for (int i = 0; i < u.length(); i++) {
            if (u.charAt(i) == ' ' || u.charAt(i) == '(') {
                cut = i;
                break;
            }
        }
        u = u.substring(0, cut);
        Unit q = UNITS.get(u);
        if (q == null) {
            throw new IllegalArgumentException(where + ": unknown unit '" + CsvTable.shorten(unit) + "'; known: "
                + String.join(", ", UNITS.keySet()));
        }
        return q;
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
                u = valueUnitFromHeader.isEmpty() ? "%ID" : valueUnitFromHeader;
            }
            Unit q = valueUnit(u, where);
            Quantity quantity = q.quantity();
            double factor = q.factor();
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
            try {
                points.add(new Observations.Point(subj.isEmpty() ? "1" : subj, tt * tf, name, quantity, v, s, limit,
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
        return Observations.of(points);
    }
}
