package org.nanopk.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nanopk.Fit;
import org.nanopk.Series;
import org.nanopk.Simulation;
import org.nanopk.internal.Checks;
import org.nanopk.internal.SafeFiles;
import org.nanopk.internal.TextChart;
import org.nanopk.population.DoseSweep;
import org.nanopk.population.Population;

/**
 * A chart (XChart): curves over time on linear or log axes, observed against predicted values,
 * residuals, dose-sweep curves and percentile bands, saved as PNG or SVG with a title, axis labels with
 * units and a legend. Immutable: {@code with...} returns a new chart.
 *
 * <pre>{@code
 * Chart.of(sim.percentId("B"), sim.percentId("Tumor")).withLogY().save(Path.of("np9.png"));
 * }</pre>
 * Rendering needs no display (AWT runs headless) and needs XChart ({@code org.knowm.xchart:xchart}), an
 * optional dependency of NanoPK: building and printing charts works without it, saving says what to add.
 */
public final class Chart {
    /** Points on a curve drawn from a simulation's dense solution. */
    static final int DENSE_POINTS = 400;

    /** Line colours (RGB), in order of use. */
    private static final List<Integer> PALETTE = List.of(0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd,
        0x8c564b, 0xe377c2, 0x7f7f7f);

    /**
     * One drawn series: points, whether they are drawn as markers only or dashed, and its colour's index
     * in the palette (−1: the next colour in drawing order).
     */
    record Trace(String name, double[] x, double[] y, boolean points, boolean dashed, int colour, boolean ribbon) {
        Trace(String name, double[] x, double[] y, boolean points, boolean dashed, int colour) {
            this(name, x, y, points, dashed, colour, false);
        }

        Trace(String name, double[] x, double[] y, boolean points, boolean dashed) {
            this(name, x, y, points, dashed, -1, false);
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Trace> traces;
    private final boolean logX;
    private final boolean logY;

    private Chart(String title, String xLabel, String yLabel, List<Trace> traces, boolean logX, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.traces = traces;
        this.logX = logX;
        this.logY = logY;
    }

    /** Curves of the given series over time (h); the y label is the first series' unit. */
    public static Chart of(Series... series) {
        if (series.length == 0) {
            throw new IllegalArgumentException("a chart needs at least one series");
        }
        List<Trace> t = new ArrayList<>();
        for (Series s : series) {
            // a simulated series is drawn from its solution, smooth between the output times
            Series d = s.densified(DENSE_POINTS);
            t.add(new Trace(s.name(), d.times(), d.values(), false, false));
        }
        return new Chart(series[0].name(), "time (h)", series[0].unit(), List.copyOf(t), false, false);
    }

    /** Amounts of compartments and outputs of a simulation over time (all if none are named): {@link #amounts}. */
    public static Chart of(Simulation sim, String... names) {
        return amounts(sim, names);
    }

    /** Amounts (or output values) of compartments and outputs of a simulation over time. */
    public static Chart amounts(Simulation sim, String... names) {
        return of(series(sim, names, false)).withTitle(sim.model().name()).withYLabel("amount (in the dose's unit)");
    }

    /** %ID of compartments and outputs of a simulation over time. */
    public static Chart percentId(Simulation sim, String... names) {
        return of(series(sim, names, true)).withTitle(sim.model().name()).withYLabel("%ID");
    }

    private static Series[] series(Simulation sim, String[] names, boolean percent) {
        String[] n = names.length == 0 ? sim.names().toArray(new String[0]) : names;
        Series[] s = new Series[n.length];
        for (int i = 0; i < n.length; i++) {
            s[i] = percent ? sim.percentId(n[i]) : sim.amount(n[i]);
        }
        return s;
    }

    /**
     * Observations (points) and the fitted predictions as smooth curves from the dense solution, one
     * colour per observed name (and unit); with several subjects, one curve per subject. The y axis is
     * labelled with the observations' unit when they share one.
     */
    public static Chart fit(Fit fit) {
        List<String> labels = fit.residuals().stream().map(Fit.Residual::label).distinct().toList();
        boolean several = fit.curves().stream().map(Fit.Curve::subject).distinct().count() > 1;
        List<Trace> t = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            String label = labels.get(c);
            List<Fit.Residual> rs = fit.residuals().stream().filter(r -> r.label().equals(label)).toList();
            t.add(new Trace(label + " observed", rs.stream().mapToDouble(Fit.Residual::time).toArray(),
                rs.stream().mapToDouble(Fit.Residual::observed).toArray(), true, false, c));
            for (Fit.Curve curve : fit.curves()) {
                if (curve.label().equals(label)) {
                    t.add(new Trace(label + " fitted" + (several ? ", " + curve.subject() : ""), curve.times(),
                        curve.values(), false, false, c));
                }
            }
        }
        List<String> units = fit.residuals().stream().map(Fit.Residual::unit).distinct().toList();
        String y = units.size() == 1 ? (units.get(0).isEmpty() ? "value (the model's unit)" : units.get(0))
            : "observed and fitted (unit per series)";
        return new Chart("Fit of " + fit.model().name(), "time (h)", y, List.copyOf(t), false, false);
    }

    /** Observed against predicted values, with the line of identity. */
    public static Chart observedVsPredicted(Fit fit) {
        double[] p = fit.residuals().stream().mapToDouble(Fit.Residual::predicted).toArray();
        double[] o = fit.residuals().stream().mapToDouble(Fit.Residual::observed).toArray();
        double lo = Math.min(min(p), min(o));
        double hi = Math.max(max(p), max(o));
        return new Chart("Observed vs predicted, " + fit.model().name(), "predicted", "observed",
            List.of(new Trace("observations", p, o, true, false), new Trace("identity", new double[] {lo, hi},
                new double[] {lo, hi}, false, true)), false, false);
    }

    /** Weighted residuals (observed − predicted)/σ against time, with the zero line. */
    public static Chart residuals(Fit fit) {
        double[] x = fit.residuals().stream().mapToDouble(Fit.Residual::time).toArray();
        double[] w = fit.residuals().stream().mapToDouble(Fit.Residual::weighted).toArray();
        return new Chart("Weighted residuals, " + fit.model().name(), "time (h)", "(observed - predicted)/sd",
            List.of(new Trace("residuals", x, w, true, false), new Trace("zero", new double[] {min(x), max(x)},
                new double[] {0, 0}, false, true)), false, false);
    }

    /** A readout of a dose sweep against dose, on a log dose axis. */
    public static Chart doseSweep(DoseSweep.Result r, String... readouts) {
        List<String> names = readouts.length == 0 ? r.names() : List.of(readouts);
        List<Trace> t = new ArrayList<>();
        for (String n : names) {
            t.add(new Trace(n, r.doses(), r.column(n), false, false));
        }
        return new Chart("Dose sweep of " + r.model(), "dose into " + r.compartment(), names.size() == 1 ? names.get(0)
            : "readout", List.copyOf(t), true, false);
    }

    /**
     * The percentile bands of a tracked name of a population study: each pair of percentiles symmetric
     * about the median (P5 and P95) as a shaded ribbon, the median as a solid line, in one colour.
     */
    public static Chart bands(Population.Summary s, String name) {
        List<Double> p = new ArrayList<>();
        for (double x : s.percentiles()) {
            p.add(x);
        }
        java.util.Collections.sort(p);
        List<Trace> t = new ArrayList<>();
        int lo = 0;
        int hi = p.size() - 1;
        while (lo < hi) {
            Series a = s.band(name, p.get(lo));
            Series b = s.band(name, p.get(hi));
            double[] at = a.times();
            double[] x = new double[2 * at.length];
            double[] y = new double[2 * at.length];
            for (int i = 0; i < at.length; i++) {
                // the polygon: along the upper percentile, back along the lower one
                x[i] = at[i];
                y[i] = b.value(i);
                x[x.length - 1 - i] = at[i];
                y[y.length - 1 - i] = a.value(i);
            }
            t.add(new Trace(name + " P" + Checks.g(p.get(lo)) + "-P" + Checks.g(p.get(hi)), x, y, false, false, 0, true));
            lo++;
            hi--;
        }
        if (lo == hi) {
            Series m = s.band(name, p.get(lo));
            t.add(new Trace(name + " P" + Checks.g(p.get(lo)), m.times(), m.values(), false, false, 0));
        }
        return new Chart(name + " in " + s.subjects() + " subjects of " + s.model(), "time (h)", name, List.copyOf(t),
            false, false);
    }

    /** This chart with another title. */
    public Chart withTitle(String t) {
        return new Chart(Checks.notNull("title", t), xLabel, yLabel, traces, logX, logY);
    }

    /** This chart with another y-axis label (say what and the unit). */
    public Chart withYLabel(String label) {
        return new Chart(title, xLabel, Checks.notNull("label", label), traces, logX, logY);
    }

    /** This chart with another x-axis label. */
    public Chart withXLabel(String label) {
        return new Chart(title, Checks.notNull("label", label), yLabel, traces, logX, logY);
    }

    /** This chart with a logarithmic y axis (non-positive values are left out). */
    public Chart withLogY() {
        return new Chart(title, xLabel, yLabel, traces, logX, true);
    }

    /** This chart with a logarithmic x axis. */
    public Chart withLogX() {
        return new Chart(title, xLabel, yLabel, traces, true, logY);
    }

    /**
     * The chart as a PNG image (800×500 pixels).
     *
     * @throws IllegalStateException if XChart is not on the class path (see {@link ChartRenderer})
     */
    public byte[] toPng() {
        return render(false);
    }

    /** The chart as an SVG document (see {@link #toPng()}). */
    public String toSvg() {
        return new String(render(true), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The XChart artifact charts need, for messages. */
    static final String XCHART = "org.knowm.xchart:xchart:3.8.8";

    /**
     * Draws the chart after checking that XChart can be loaded: only then is the renderer, whose
     * signatures name XChart's types, touched.
     */
    private byte[] render(boolean svg) {
        try {
            Class.forName("org.knowm.xchart.XYChart", false, Chart.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("saving or drawing a chart needs XChart: add " + XCHART
                + " to the class path (on the module path, also --add-modules org.knowm.xchart); without it a chart "
                + "prints as text (toText())");
        }
        return ChartRenderer.render(this, svg);
    }

    /**
     * Saves the chart; the file name's extension chooses the format: {@code .png} or {@code .svg}. The
     * file is replaced only once the new chart is complete; missing folders are created.
     *
     * @return the file written
     */
    public Path save(Path file) {
        Checks.notNull("file", file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new IllegalArgumentException("chart file '" + file + "': expected a name ending in .png or .svg");
        }
        byte[] bytes = render(name.endsWith(".svg"));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file + ": " + SafeFiles.reason(e), e);
        }
        SafeFiles.writeBytes(file, bytes);
        return file;
    }

    // ---- read by the renderer ----

    String title() {
        return title;
    }

    String xLabel() {
        return xLabel;
    }

    String yLabel() {
        return yLabel;
    }

    boolean logX() {
        return logX;
    }

    boolean logY() {
        return logY;
    }

    List<Trace> traces() {
        return traces;
    }

    /** The colour of the k-th series drawn (RGB). */
    static int color(int k) {
        return PALETTE.get(k % PALETTE.size());
    }

    /** The chart as text for a terminal: Unicode marks on a fixed-width grid. */
    public String toText() {
        List<String> names = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (Trace t : traces) {
            // points sorted by time, repeated times averaged: one value per time for the text grid
            java.util.TreeMap<Double, double[]> m = new java.util.TreeMap<>();
            for (int i = 0; i < t.x().length; i++) {
                double[] acc = m.computeIfAbsent(t.x()[i], k -> new double[2]);
                acc[0] += t.y()[i];
                acc[1]++;
            }
            names.add(t.name());
            xs.add(m.keySet().stream().mapToDouble(Double::doubleValue).toArray());
            ys.add(m.values().stream().mapToDouble(a -> a[0] / a[1]).toArray());
        }
        return TextChart.render(title, names, xs, ys, 72, 20, logY);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    @Override
    public String toString() {
        return "Chart '" + title + "': " + traces.size() + " series, x " + xLabel + (logX ? " (log)" : "") + ", y "
            + yLabel + (logY ? " (log)" : "");
    }
}
