package org.nanopk.internal;

import java.util.ArrayList;
import java.util.List;


/**
 * Curves drawn with Unicode characters on a fixed-width grid, for JShell sessions and terminals where no
 * picture can be shown. Each series has its own mark (● ○ ▲ ■ ◆ + x *); between its points the curve is
 * interpolated linearly column by column, so a curve reads as a line. The y axis is linear or log10;
 * the tick labels give its range, the legend the marks.
 */
public final class TextChart {
    private static final String MARKS = "●○▲■◆+x*";

    private TextChart() {
    }

    /**
     * Renders series over time.
     *
     * @param title a title line
     * @param names the curves' names, for the legend
     * @param times each curve's times (h), increasing
     * @param values each curve's values, one per time
     * @param width the plot area's width in characters (at least 10)
     * @param height its height in lines (at least 4)
     * @param logY a log10 y axis (values ≤ 0 are left out)
     */
    public static String render(String title, List<String> names, List<double[]> times, List<double[]> values,
                                int width, int height, boolean logY) {
        if (width < 10 || height < 4) {
            throw new IllegalArgumentException("text chart of " + width + "x" + height + ": expected at least 10x4");
        }
        if (names.isEmpty() || names.size() != times.size() || names.size() != values.size()) {
            throw new IllegalArgumentException("a text chart needs at least one series");
        }
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < names.size(); k++) {
            double[] xs = times.get(k);
            double[] ys = values.get(k);
            for (int i = 0; i < xs.length; i++) {
                double y = ys[i];
                if (logY && !(y > 0)) {
                    continue;
                }
                double yy = logY ? Math.log10(y) : y;
                x0 = Math.min(x0, xs[i]);
                x1 = Math.max(x1, xs[i]);
                y0 = Math.min(y0, yy);
                y1 = Math.max(y1, yy);
            }
        }
        if (x0 > x1) {
            throw new IllegalArgumentException("text chart '" + title + "' has nothing to draw");
        }
        if (x1 == x0) {
            x1 = x0 + 1;
        }
        if (y1 == y0) {
            y1 = y0 + 1;
        }
        char[][] grid = new char[height][width];
        for (char[] row : grid) {
            java.util.Arrays.fill(row, ' ');
        }
        for (int k = 0; k < names.size(); k++) {
            double[] xs = times.get(k);
            double[] ys = values.get(k);
            char mark = MARKS.charAt(k % MARKS.length());
            for (int c = 0; c < width; c++) {
                double x = x0 + (x1 - x0) * c / (width - 1);
                double y = valueAt(xs, ys, x, logY);
                if (Double.isNaN(y)) {
                    continue;
                }
                int r = (int) Math.round((y1 - y) / (y1 - y0) * (height - 1));
                grid[Math.max(0, Math.min(height - 1, r))][c] = mark;
            }
        }
        String top = label(y1, logY);
        String bottom = label(y0, logY);
        int lw = Math.max(top.length(), bottom.length());
        StringBuilder sb = new StringBuilder(title).append('\n');
        for (int r = 0; r < height; r++) {
            String l = r == 0 ? top : r == height - 1 ? bottom : "";
            sb.append(" ".repeat(lw - l.length())).append(l).append(" │").append(new String(grid[r]).stripTrailing())
                .append('\n');
        }
        sb.append(" ".repeat(lw)).append(" └").append("─".repeat(width)).append('\n');
        String xl = Checks.g(x0);
        String xr = Checks.g(x1) + " h";
        sb.append(" ".repeat(lw + 2)).append(xl).append(" ".repeat(Math.max(1, width - xl.length() - xr.length())))
            .append(xr).append('\n');
        List<String> legend = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            legend.add(MARKS.charAt(k % MARKS.length()) + " " + names.get(k));
        }
        sb.append(" ".repeat(lw + 2)).append(String.join("   ", legend)).append(logY ? "   (log scale)" : "");
        return sb.toString();
    }

    /** The curve's value at x: linear interpolation between its points (of log10 values on a log axis). */
    private static double valueAt(double[] xs, double[] ys, double x, boolean logY) {
        int n = xs.length;
        if (n == 0 || x < xs[0] || x > xs[n - 1]) {
            return Double.NaN;
        }
        for (int i = 0; i < n; i++) {
            if (xs[i] >= x) {
                if (xs[i] == x || i == 0) {
                    return tr(ys[i], logY);
                }
                double a = tr(ys[i - 1], logY);
                double b = tr(ys[i], logY);
                double w = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
                return a + w * (b - a);
            }
        }
        return Double.NaN;
    }

    private static double tr(double v, boolean logY) {
        return logY ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
    }

    private static String label(double v, boolean logY) {
        return Checks.g(logY ? Math.pow(10, v) : v);
    }
}
