package org.nanopk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nanopk.internal.Checks;

/**
 * Measured data to fit: each observation is a value of a compartment or output at a time, for a
 * subject (or group), in one of the quantities NanoPK predicts. Units are converted when the data are
 * read (time to h; amounts to µg; concentrations to µg/g = µg/mL = mg/L), so every value here is in
 * its quantity's base unit. Immutable.
 *
 * <p>What is predicted for an observation of a compartment: {@link Quantity#PERCENT_ID} its %ID,
 * {@link Quantity#PERCENT_ID_PER_GRAM} its %ID/g, {@link Quantity#AMOUNT} its amount and
 * {@link Quantity#CONCENTRATION} its amount/mass, both converted from the model's amount unit (see
 * {@code Fitter.withAmountUnit}). For an output, %ID and %ID/g as for a compartment (the output needs a
 * mass for %ID/g); with any other unit the output's value itself, which the output's expression must
 * give in the data's unit.
 */
public final class Observations {

    /** What an observation measures. */
    public enum Quantity {
        /** Percent of the injected dose. */
        PERCENT_ID("%ID"),
        /** Percent of the injected dose per gram of tissue. */
        PERCENT_ID_PER_GRAM("%ID/g"),
        /** An amount, in µg. */
        AMOUNT("µg"),
        /** An amount per gram or per mL (density 1), in µg/g. */
        CONCENTRATION("µg/g"),
        /** The model's own value, unconverted (NONMEM DV, or an output in the data's unit). */
        VALUE("");

        private final String unit;

        Quantity(String unit) {
            this.unit = unit;
        }

        /** The base unit of values of this quantity. */
        public String unit() {
            return unit;
        }
    }

    /**
     * A unit of observed values: the quantity it measures and its factor to that quantity's base unit
     * ({@code value in base unit = value × factor}).
     *
     * @param name the unit as written (for example {@code "ng/mL"})
     * @param quantity what it measures
     * @param factor to the base unit of the quantity (µg for amounts, µg/g = µg/mL = mg/L for concentrations)
     */
    public record Unit(String name, Quantity quantity, double factor) {
    }

    /** The one table of value units NanoPK reads: names, quantities, factors to the base units. */
    private static final Map<String, Unit> UNITS = table(
        Quantity.PERCENT_ID, 1.0, "%ID", "%id", "%dose", "% ID",
        Quantity.PERCENT_ID_PER_GRAM, 1.0, "%ID/g", "%id/g", "%ID/mL",
        Quantity.AMOUNT, 1e-3, "ng",
        Quantity.AMOUNT, 1.0, "µg", "ug", "mcg",
        Quantity.AMOUNT, 1e3, "mg",
        Quantity.AMOUNT, 1e6, "g",
        Quantity.CONCENTRATION, 1e-3, "ng/g", "ng/mL", "ng/ml", "µg/L", "ug/L",
        Quantity.CONCENTRATION, 1.0, "µg/g", "ug/g", "µg/mL", "ug/mL", "ug/ml", "mg/L", "mg/l", "mg/kg", "mcg/mL",
        Quantity.CONCENTRATION, 1e3, "mg/mL", "mg/ml", "mg/g");

    private static Map<String, Unit> table(Object... rows) {
        // rows: quantity, factor, names..., quantity, factor, names...
        Map<String, Unit> m = new LinkedHashMap<>();
        Quantity q = null;
        double f = Double.NaN;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] instanceof Quantity x) {
                q = x;
                f = (Double) rows[++i];
            } else {
                m.put((String) rows[i], new Unit((String) rows[i], q, f));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** The value units understood, with the quantity each measures. */
    public static Map<String, Quantity> units() {
        Map<String, Quantity> m = new LinkedHashMap<>();
        UNITS.forEach((k, v) -> m.put(k, v.quantity()));
        return Collections.unmodifiableMap(m);
    }

    /**
     * The unit written {@code text} (its first word, so "%ID/g tumor" is %ID/g), or an error naming
     * {@code where} and listing the known units.
     */
    public static Unit unit(String text, String where) {
        Checks.notNull("unit", text);
        String u = text.trim();
        int cut = u.length();
        for (int i = 0; i < u.length(); i++) {
            if (u.charAt(i) == ' ' || u.charAt(i) == '(') {
                cut = i;
                break;
            }
        }
        Unit found = UNITS.get(u.substring(0, cut));
        if (found == null) {
            throw new IllegalArgumentException(where + ": unknown unit '" + (text.length() > 60 ? text.substring(0, 60)
                + "…" : text) + "'; known: " + String.join(", ", UNITS.keySet()));
        }
        return found;
    }

    /** The unit written {@code text}; see {@link #unit(String, String)}. */
    public static Unit unit(String text) {
        return unit(text, "unit");
    }

    /**
     * One measurement.
     *
     * @param subject the subject or group (its own simulation)
     * @param time the time in h
     * @param name the compartment or output measured
     * @param quantity what is measured
     * @param value the value in the quantity's base unit
     * @param sd its standard deviation (same unit), or NaN if not given
     * @param lloq the lower limit of quantification (same unit), or NaN; a value below it is censored
     * @param line the line of the source file (0 if none)
     */
    public record Point(String subject, double time, String name, Quantity quantity, double value, double sd,
                        double lloq, int line) {
        /** Validates the fields. */
        public Point {
            Checks.notNull("subject", subject);
            Checks.name("observed compartment or output", name);
            Checks.notNull("quantity", quantity);
            String where = (line > 0 ? "line " + line + ": " : "") + name;
            if (!(time >= 0 && time < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(where + " time = " + time + ": expected a finite time >= 0 h");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(where + " at " + time + " h: value = " + value
                    + ": expected a finite number");
            }
            if (value < 0) {
                throw new IllegalArgumentException(where + " at " + time + " h: value = " + value
                    + " is negative; expected a value >= 0");
            }
            if (!Double.isNaN(sd) && !(sd > 0 && sd < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(where + " at " + time + " h: sd = " + sd
                    + ": expected a finite sd > 0 (or none)");
            }
            if (!Double.isNaN(lloq) && !(lloq > 0 && lloq < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(where + " at " + time + " h: lloq = " + lloq
                    + ": expected a finite limit > 0 (or none)");
            }
        }

        /** True if the value is below the limit of quantification. */
        public boolean censored() {
            return !Double.isNaN(lloq) && value < lloq;
        }
    }

    private final List<Point> points;
    private final Map<String, Regimen> regimens;
    /** Each subject's own dose (a data file's dose column), by subject; empty if none. */
    private final Map<String, Double> doses;
    private final String doseUnit;

    private Observations(List<Point> points, Map<String, Regimen> regimens) {
        this(points, regimens, Map.of(), "");
    }

    private Observations(List<Point> points, Map<String, Regimen> regimens, Map<String, Double> doses,
                         String doseUnit) {
        this.points = points;
        this.regimens = regimens;
        this.doses = doses;
        this.doseUnit = doseUnit;
    }

    /**
     * These observations with each listed subject's own dose (&gt; 0, the amount of each dose record of
     * the model's regimen for that subject: the fitter gives that subject the model's regimen with every
     * dose record's amount set to it), in {@code unit} as the data state it ({@code ""} if not stated).
     */
    public Observations withDoses(Map<String, Double> amounts, String unit) {
        Checks.notNull("doses", amounts);
        Checks.notNull("dose unit", unit);
        Map<String, Double> m = new LinkedHashMap<>();
        amounts.forEach((subject, d) -> {
            if (!subjects().contains(subject)) {
                throw Checks.unknown("subject", subject, subjects());
            }
            if (regimens.containsKey(subject)) {
                throw new IllegalArgumentException("subject " + subject + " has its own regimen; a dose for it would "
                    + "contradict it");
            }
            m.put(subject, Checks.positive("dose of subject " + subject, Checks.notNull("dose of " + subject, d)));
        });
        return new Observations(points, regimens, Collections.unmodifiableMap(m), unit);
    }

    /** A subject's own dose (see {@link #withDoses}), or NaN if it takes the model's. */
    public double dose(String subject) {
        Double d = doses.get(Checks.notNull("subject", subject));
        return d == null ? Double.NaN : d;
    }

    /** The unit the data state their doses in ({@code ""} if not stated). */
    public String doseUnit() {
        return doseUnit;
    }

    /** Observations of one subject ("1"), dosed with the model's own regimen. */
    public static Observations of(List<Point> points) {
        return of(points, Map.of());
    }

    /**
     * Observations with, for some subjects, their own regimens (from a NONMEM-style data set, or a dose
     * column); subjects without one are dosed with the model's regimen.
     */
    public static Observations of(List<Point> points, Map<String, Regimen> regimens) {
        Checks.notNull("observations", points);
        Checks.notNull("regimens", regimens);
        List<Point> copy = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            copy.add(Checks.notNull("observation " + i, points.get(i)));
        }
        return new Observations(Collections.unmodifiableList(copy),
            Collections.unmodifiableMap(new LinkedHashMap<>(regimens)));
    }

    /** A builder-style shortcut: {@code value} of {@code name} at {@code time} h as {@code quantity}. */
    public static Point point(double time, String name, Quantity quantity, double value) {
        return new Point("1", time, name, quantity, value, Double.NaN, Double.NaN, 0);
    }

    /** All observations, in order. */
    public List<Point> points() {
        return points;
    }

    /** The number of observations. */
    public int size() {
        return points.size();
    }

    /** The subjects, in order of appearance. */
    public List<String> subjects() {
        List<String> s = new ArrayList<>();
        for (Point p : points) {
            if (!s.contains(p.subject())) {
                s.add(p.subject());
            }
        }
        return s;
    }

    /** The observations of one subject. */
    public Observations subject(String subject) {
        List<Point> l = new ArrayList<>();
        for (Point p : points) {
            if (p.subject().equals(subject)) {
                l.add(p);
            }
        }
        if (l.isEmpty()) {
            throw Checks.unknown("subject", subject, subjects());
        }
        Map<String, Regimen> r = regimens.containsKey(subject) ? Map.of(subject, regimens.get(subject)) : Map.of();
        Map<String, Double> d = doses.containsKey(subject) ? Map.of(subject, doses.get(subject)) : Map.of();
        return new Observations(Collections.unmodifiableList(l), r, d, doseUnit);
    }

    /** The regimen of a subject, or null if it uses the model's. */
    public Regimen regimen(String subject) {
        return regimens.get(subject);
    }

    /**
     * The observations of one quantity (say only the %ID rows of a file that also has %ID/g rows of the
     * same measurements).
     */
    public Observations only(Quantity quantity) {
        Checks.notNull("quantity", quantity);
        List<Point> l = new ArrayList<>();
        for (Point p : points) {
            if (p.quantity() == quantity) {
                l.add(p);
            }
        }
        if (l.isEmpty()) {
            throw new IllegalArgumentException("no observations in " + quantity.unit() + " (" + quantity + "); the "
                + "quantities here: " + points.stream().map(Point::quantity).distinct().toList());
        }
        return new Observations(Collections.unmodifiableList(l), regimens, doses, doseUnit);
    }

    /** These observations without those below their limit of quantification. */
    public Observations uncensored() {
        List<Point> l = new ArrayList<>();
        for (Point p : points) {
            if (!p.censored()) {
                l.add(p);
            }
        }
        return new Observations(Collections.unmodifiableList(l), regimens, doses, doseUnit);
    }

    /** A table of the observations. */
    @Override
    public String toString() {
        Table.Builder t = Table.builder("subject", "time (h)", "name", "value", "unit", "sd", "lloq");
        int i = 0;
        for (Point p : points) {
            if (points.size() > 40 && i == 20) {
                t.ellipsis();
            }
            if (points.size() <= 40 || i < 20 || i >= points.size() - 20) {
                t.row(p.subject(), Checks.g(p.time()), p.name(), Checks.g(p.value()), p.quantity().unit(),
                    Double.isNaN(p.sd()) ? "" : Checks.g(p.sd()), Double.isNaN(p.lloq()) ? "" : Checks.g(p.lloq()));
            }
            i++;
        }
        return "Observations: " + points.size() + " values of " + subjects().size() + " subjects\n" + t;
    }
}
