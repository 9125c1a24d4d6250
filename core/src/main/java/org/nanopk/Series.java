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
    /** For a series of a simulation: the continuous solution it samples, or null for measured values. */
    private final Curve curve;

    /**
     * What a simulation knows between its output times: the quantity's value at any time of the span,
     * its maximum on the continuous solution, its area and first moment over the solver's steps, its slope.
     */
    interface Curve {
        double start();

        double end();

        double at(double t);

        /** {time, value} of the largest value. */
        double[] max();

        double area(double from, double to);

        double moment(double from, double to);

        double slope(double t);
    }

    private Series(String name, String unit, double[] times, double[] values, Curve curve) {
        this.name = name;
        this.unit = unit;
        this.times = times;
        this.values = values;
        this.curve = curve;
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
        return new Series(name, unit, times.clone(), values.clone(), null);
    }

    static Series trusted(String name, String unit, double[] times, double[] values) {
        return new Series(name, unit, times, values, null);
    }

    static Series trusted(String name, String unit, double[] times, double[] values, Curve curve) {
        return new Series(name, unit, times, values, curve);
    }

    /** The continuous solution behind a simulated series, or null. */
    Curve curve() {
        return curve;
    }

    /**
     * True for a series of a simulation: its value at any time, maximum and area come from the
     * continuous solution, not from its points.
     */
    public boolean isContinuous() {
        return curve != null;
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

    /**
     * This series on a fine grid of its continuous solution: {@code points} evenly spaced times over the
     * simulated span, with its own times, read from the dense output (for smooth charts). A series of
     * measured values has no solution between its times and is returned as it is.
     */
    public Series densified(int points) {
        if (curve == null || points < 2 || !(curve.end() > curve.start())) {
            return this;
        }
        java.util.TreeSet<Double> grid = new java.util.TreeSet<>();
        for (double t : times) {
            grid.add(t);
        }
        for (int i = 0; i < points; i++) {
            grid.add(curve.start() + (curve.end() - curve.start()) * i / (points - 1));
        }
        double[] t = grid.stream().mapToDouble(Double::doubleValue).filter(x -> x >= curve.start() && x <= curve.end())
            .toArray();
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            v[i] = at(t[i]);
        }
        return new Series(name, unit, t, v, curve);
    }

    /** Value of point {@code i}. */
    public double value(int i) {
        return values[i];
    }

    /**
     * The value at time {@code t} (h). For a simulated series, any time of the simulated span: the
     * solution there (its dense output, not an interpolation between output times). For measured
     * values, one of the series' times (values are never interpolated).
     */
    public double at(double t) {
        int i = Arrays.binarySearch(times, t);
        if (i < 0 && curve != null && t >= curve.start() && t <= curve.end()) {
            return curve.at(t);
        }
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
                + " h; expected " + (curve != null ? "a time of the simulated span" : "one of its times")
                + (times.length > 0 ? " (" + Checks.g(times[0]) + " to " + Checks.g(times[times.length - 1]) + " h)"
                : ""));
        }
        return values[i];
    }

    /**
     * The largest value: for a simulated series, of the continuous solution over the simulated span
     * (found on every solver step, refined by root finding on the derivative); for measured values, of
     * the points.
     */
    public double max() {
        requireNonEmpty();
        return curve != null ? Math.max(curve.max()[1], values[argMax()]) : values[argMax()];
    }

    /** The time of the largest value (see {@link #max()}; the first, if tied), h. */
    public double timeOfMax() {
        requireNonEmpty();
        if (curve != null) {
            double[] m = curve.max();
            return m[1] >= values[argMax()] ? m[0] : times[argMax()];
        }
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

    /**
     * Area under the curve from the first to the last time (value·h): for a simulated series, the
     * exact integral of the solver's dense output over its steps (as accurate as the solution; for an
     * exact solve or an output not linear in the states, a quadrature state integrated with the model);
     * for measured values, linear-up/log-down trapezoids.
     */
    public double auc() {
        requireNonEmpty();
        return curve != null ? curve.area(times[0], times[times.length - 1])
            : Nca.area(times, values, times.length - 1, true);
    }

    /**
     * Area under a simulated series' curve from {@code from} to {@code to} (h, within the simulated
     * span), as {@link #auc()}.
     *
     * @throws IllegalArgumentException for measured values (use {@link Nca} for their areas)
     */
    public double auc(double from, double to) {
        if (curve == null) {
            throw new IllegalArgumentException("series '" + name + "' holds measured values: its area between any "
                + "two times is not known; use auc() or Nca for the area over its points");
        }
        if (!(from >= curve.start() && to <= curve.end() && from <= to)) {
            throw new IllegalArgumentException("area of '" + name + "' from " + from + " to " + to + " h: expected "
                + curve.start() + " <= from <= to <= " + curve.end() + " h (the simulated span)");
        }
        return curve.area(from, to);
    }

    /**
     * Non-compartmental analysis of this series (see {@link Nca}): of the solution for a simulated
     * series, of the points for measured values.
     */
    public Nca nca(NcaOptions options) {
        return Nca.of(this, options);
    }

    /** This series with every value multiplied by {@code factor} (&gt; 0), in {@code newUnit}. */
    public Series scaled(double factor, String newUnit) {
        Checks.positive("scale factor", factor);
        Checks.notNull("unit", newUnit);
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i] * factor;
        }
        Curve c = curve;
        Curve scaled = c == null ? null : new Curve() {
            public double start() {
                return c.start();
            }

            public double end() {
                return c.end();
            }

            public double at(double t) {
                return factor * c.at(t);
            }

            public double[] max() {
                double[] m = c.max();
                return new double[] {m[0], factor * m[1]};
            }

            public double area(double from, double to) {
                return factor * c.area(from, to);
            }

            public double moment(double from, double to) {
                return factor * c.moment(from, to);
            }

            public double slope(double t) {
                return factor * c.slope(t);
            }
        };
        return new Series(name, newUnit, times, v, scaled);
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
