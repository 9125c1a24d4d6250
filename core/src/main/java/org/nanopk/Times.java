package org.nanopk;

import java.util.Arrays;

import org.nanopk.internal.Budget;
import org.nanopk.internal.Checks;

/** Output time grids (h). */
public final class Times {
    private Times() {
    }

    /**
     * {@code start, start+step, ..., end}, like R's {@code seq(from, to, by)}, with end always on the grid
     * (within round-off); otherwise it is an error that names the nearest grids, so that a study never
     * silently stops short of its last time. Each point is start + k·step, so no error accumulates.
     *
     * @param start first time (h)
     * @param end last time (h), at least {@code start}
     * @param step spacing (h, &gt; 0)
     */
    public static double[] grid(double start, double end, double step) {
        Checks.finite("grid start", start);
        Checks.positive("grid step", step);
        Checks.finite("grid end", end);
        if (end < start) {
            throw new IllegalArgumentException("grid end = " + end + " is before start = " + start
                + ": expected end >= start");
        }
        double points = Math.floor((end - start) / step * (1 + 1e-12) + 1e-9) + 1;
        if (!(points <= Integer.MAX_VALUE - 8)) {
            throw new IllegalArgumentException("grid " + start + ":" + step + ":" + end + " has " + Checks.g(points)
                + " points: expected at most " + (Integer.MAX_VALUE - 8) + " (a longer step)");
        }
        long count = (long) points;
        Budget.require(8.0 * count, "a grid of " + count + " times", "use a longer step");
        double[] t = new double[(int) count];
        for (int k = 0; k < count; k++) {
            t[k] = start + k * step;
        }
        if (Math.abs(t[t.length - 1] - end) <= 1e-9 * Math.max(1, Math.abs(end))) {
            t[t.length - 1] = end;
        } else {
            double last = t[t.length - 1];
            throw new IllegalArgumentException("grid end = " + Checks.g(end) + " is not on the grid from " + Checks.g(start)
                + " by " + Checks.g(step) + " (it would stop at " + Checks.g(last) + "); expected end = start + k·step: "
                + "Times.grid(" + Checks.g(start) + ", " + Checks.g(last) + ", " + Checks.g(step) + ") or Times.grid("
                + Checks.g(start) + ", " + Checks.g(last + step) + ", " + Checks.g(step) + "), or Times.linear("
                + Checks.g(start) + ", " + Checks.g(end) + ", n) for n evenly spaced times");
        }
        return t;
    }

    /** {@code count} points evenly spaced from start to end inclusive. */
    public static double[] linear(double start, double end, int count) {
        Checks.finite("start", start);
        Checks.finite("end", end);
        if (count < 2 || !(end > start)) {
            throw new IllegalArgumentException("linear grid from " + start + " to " + end + " with " + count
                + " points: expected end > start and at least 2 points");
        }
        double[] t = new double[count];
        for (int k = 0; k < count; k++) {
            t[k] = start + (end - start) * k / (count - 1);
        }
        t[count - 1] = end;
        return t;
    }

    /**
     * Parses a comma-separated list ({@code "0,0.5,1,24"}) or a grid {@code start:step:end}
     * ({@code "0:0.5:24"}), or a mix of both ({@code "0,0.25,0.5:0.5:24"}).
     */
    public static double[] parse(String text) {
        Checks.notNull("times", text);
        double[] out = new double[16];
        int size = 0;
        String[] parts = text.split(",");
        for (String part : parts) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("times '" + text + "': empty entry; expected numbers "
                    + "separated by commas, or start:step:end");
            }
            String[] g = p.split(":");
            for (String number : g) {
                if (!Checks.isDecimal(number.trim())) {
                    throw new IllegalArgumentException("times '" + text + "': cannot read '" + p
                        + "'; expected decimal numbers separated by commas, or start:step:end");
                }
            }
            try {
                double[] values;
                if (g.length == 1) {
                    values = new double[] {Double.parseDouble(p)};
                } else if (g.length == 3) {
                    // start:step:end on the command line
                    try {
                        values = grid(Double.parseDouble(g[0].trim()), Double.parseDouble(g[2].trim()),
                            Double.parseDouble(g[1].trim()));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("times '" + shorten(text) + "': " + e.getMessage(), e);
                    }
                } else {
                    throw new NumberFormatException();
                }
                if (parts.length == 1) {
                    out = values; // one grid: kept as it is, not copied
                    size = values.length;
                    break;
                }
                if (size + values.length > out.length) {
                    out = Arrays.copyOf(out, Math.max(2 * out.length, size + values.length));
                }
                System.arraycopy(values, 0, out, size, values.length);
                size += values.length;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("times '" + text + "': cannot read '" + p
                    + "'; expected numbers separated by commas, or start:step:end");
            }
        }
        double[] t = size == out.length ? out : Arrays.copyOf(out, size);
        requireIncreasing("times", t);
        return t;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** Checks that output times are finite, at least 0 and strictly increasing. */
    static void requireIncreasing(String what, double[] t) {
        Checks.notNull(what, t);
        for (int i = 0; i < t.length; i++) {
            if (!(t[i] >= 0 && t[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + t[i]
                    + ": expected a finite time >= 0 h");
            }
            if (i > 0 && !(t[i] > t[i - 1])) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + t[i] + " is not after " + what + "["
                    + (i - 1) + "] = " + t[i - 1] + ": expected strictly increasing times");
            }
        }
    }
}
