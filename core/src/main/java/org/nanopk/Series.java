package org.nanopk;

import java.util.Arrays;

import org.nanopk.internal.Checks;

/**
 * One quantity over time: the amount, concentration or %ID of one compartment or output at the
 * output times of a {@link Simulation}, or any measured curve. Immutable.
 */
public final class Series {
    private final String name;
    private final String unit;
    private final double[] times;
    private final double[] values;

    private Series(String name, String unit, double[] times, double[] values) {
        this.name = name;
        this.unit = unit;
        this.times = times;
        this.values = values;
    }

    /**
     * A series of values at increasing times.
     *
     * @param name what the values are (e.g. {@code "blood"})
     * @param unit their unit (e.g. {@code "%ID"}, {@code "amount/mL"})
     * @param times the times in h, increasing
     * @param values the values, finite, one per time
     */
    public static Series of(String name, String unit, double[] times, double[] values) {
        Checks.notNull("series name", name);
        Checks.notNull("series unit", unit);
        Checks.notNull("times", times);
        Checks.notNull("values", values);
        if (times.length != values.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + times.length + " times but "
                + values.length + " values; expected one value per time");
        }
        for (int i = 0; i < times.length; i++) {
            Checks.finite("series '" + name + "' time[" + i + "]", times[i]);
            Checks.finite("series '" + name + "' value[" + i + "]", values[i]);
            if (i > 0 && !(times[i] > times[i - 1])) {
                throw new IllegalArgumentException("series '" + name + "' time[" + i + "] = " + times[i]
                    + " is not after time[" + (i - 1) + "] = " + times[i - 1] + ": expected increasing times");
            }
        }
        return new Series(name, unit, times.clone(), values.clone());
    }

    static Series trusted(String name, String unit, double[] times, double[] values) {
        return new Series(name, unit, times, values);
    }

    /** What the values are. */
    public String name() {
        return name;
    }

    /** The unit of the values. */
    public String unit() {
        return unit;
    }

    /** The number of points. */
    public int size() {
        return times.length;
    }

    /** The times (h), a copy. */
    public double[] times() {
        return times.clone();
    }

    /** The values, a copy. */
    public double[] values() {
        return values.clone();
    }

    /** Time of point {@code i} (h). */
    public double time(int i) {
        return times[i];
    }

    /** Value of point {@code i}. */
    public double value(int i) {
        return values[i];
    }

    /**
     * The value at time {@code t}, which must be one of the series' times (values are never
     * interpolated between output times: ask the simulation for that time instead).
     */
    public double at(double t) {
        int i = Arrays.binarySearch(times, t);
        if (i < 0) {
            int near = Math.min(Math.max(-i - 1, 0), times.length - 1);
            int best = near;
            if (near > 0 && Math.abs(times[near - 1] - t) < Math.abs(times[near] - t)) {
                best = near - 1;
            }
            if (times.length > 0 && Math.abs(times[best] - t) <= 1e-9 * Math.max(1, Math.abs(t))) {
                return values[best];
            }
            throw new IllegalArgumentException("series '" + name + "' has no value at t = " + t
                + " h; expected one of its output times"
                + (times.length > 0 ? " (" + Checks.g(times[0]) + " to " + Checks.g(times[times.length - 1]) + " h)"
                : ""));
        }
        return values[i];
    }

    /** The largest value. */
    public double max() {
        requireNonEmpty();
        return values[argMax()];
    }

    /** The time of the largest value (the first, if tied), h. */
    public double timeOfMax() {
        requireNonEmpty();
        return times[argMax()];
    }

    private int argMax() {
        int b = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[b]) {
                b = i;
            }
        }
        return b;
    }

    private void requireNonEmpty() {
        if (times.length == 0) {
            throw new IllegalArgumentException("series '" + name + "' is empty");
        }
    }

    /** Area under the curve from the first to the last time, linear-up/log-down trapezoids. */
    public double auc() {
        return Nca.auc(times, values);
    }

    /** Non-compartmental analysis without a dose (no CL, Vss). */
    public Nca nca() {
        return Nca.of(this);
    }

    /** Non-compartmental analysis for an IV bolus {@code dose} (in the series' amount unit). */
    public Nca nca(double dose) {
        return Nca.of(this, dose);
    }

    /** This series with every value multiplied by {@code factor}, in {@code newUnit}. */
    public Series scaled(double factor, String newUnit) {
        Checks.finite("scale factor", factor);
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i] * factor;
        }
        return new Series(name, newUnit, times, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && name.equals(s.name) && unit.equals(s.unit) && Arrays.equals(times, s.times)
            && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() + 31 * Arrays.hashCode(values);
    }

    /** A two-column table: time, value. */
    @Override
    public String toString() {
        Table.Builder t = Table.builder("time (h)", name + " (" + unit + ")");
        for (int i = 0; i < times.length; i++) {
            if (times.length > 40 && i == 20) {
                t.ellipsis();
                i = times.length - 20;
            }
            t.row(Checks.g(times[i]), Checks.g(values[i]));
        }
        return t.toString();
    }
}
