package org.nanopk.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link Chart} with XChart, the one class of NanoPK that uses it. XChart is an optional
 * dependency: the chart's {@code save}, {@code toPng} and {@code toSvg} first check that it can be
 * loaded (before this class is), and otherwise say which artifact to add; calling
 * {@link #toXChart(Chart)} needs XChart in any case.
 */
public final class ChartRenderer {
    private ChartRenderer() {
    }

    /**
     * The XChart chart of {@code chart}, to style further.
     *
     * @throws IllegalStateException if XChart is not on the class path
     */
    public static XYChart toXChart(Chart chart) {
        return build(chart);
    }

    /** PNG (or SVG) bytes of a chart. */
    static byte[] render(Chart chart, boolean svg) {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        XYChart c = build(chart);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (svg) {
                VectorGraphicsEncoder.saveVectorGraphic(c, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } else {
                BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + chart.title() + "': " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static XYChart build(Chart chart) {
        XYChart c = new XYChartBuilder().width(800).height(500).title(chart.title()).xAxisTitle(chart.xLabel())
            .yAxisTitle(chart.yLabel()).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setXAxisLogarithmic(chart.logX());
        c.getStyler().setYAxisLogarithmic(chart.logY());
        c.getStyler().setAxisTickLabelsFont(c.getStyler().getAxisTickLabelsFont().deriveFont(11f));
        int k = 0;
        double floor = chart.logY() ? logFloor(chart) : Double.NEGATIVE_INFINITY;
        if (chart.logY() && floor > 0) {
            c.getStyler().setYAxisMin(floor);
        }
        for (Chart.Trace tr : chart.traces()) {
            double[][] xy = drawable(chart, tr, floor);
            if (xy[0].length == 0) {
                continue;
            }
            XYSeries s = c.addSeries(tr.name(), xy[0], xy[1]);
            Color color = new Color(Chart.color(tr.colour() >= 0 ? tr.colour() : k++));
            s.setLineColor(color);
            s.setMarkerColor(color);
            if (tr.ribbon()) {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                s.setMarker(SeriesMarkers.NONE);
                s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
                s.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
            } else if (tr.points()) {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE);
            } else {
                s.setMarker(SeriesMarkers.NONE);
                if (tr.dashed()) {
                    s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {6f, 4f}, 0f));
                }
            }
        }
        if (c.getSeriesMap().isEmpty()) {
            throw new IllegalArgumentException("chart '" + chart.title() + "' has nothing to draw"
                + (chart.logY() || chart.logX() ? " on a log axis (all values <= 0)" : ""));
        }
        return c;
    }

    /**
     * The floor of a log y axis, following the data: the smallest positive value, but at most six decades
     * below the largest (round-off near zero, 1e-12 %ID late in a washout, would otherwise squash the curves).
     */
    private static double logFloor(Chart chart) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Chart.Trace t : chart.traces()) {
            for (double y : t.y()) {
                if (y > 0 && Double.isFinite(y)) {
                    lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                }
            }
        }
        if (!(hi > 0)) {
            return 0;
        }
        double floor = Math.max(lo, hi * 1e-6);
        return Math.pow(10, Math.floor(Math.log10(floor)));
    }

    /** The points an axis can show: finite, and on a log axis positive and above its floor. */
    private static double[][] drawable(Chart chart, Chart.Trace t, double floor) {
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < t.x().length; i++) {
            if ((!chart.logX() || t.x()[i] > 0) && (!chart.logY() || t.y()[i] >= floor && t.y()[i] > 0)
                && Double.isFinite(t.y()[i])) {
                keep.add(new double[] {t.x()[i], t.y()[i]});
            }
        }
        double[][] xy = new double[2][keep.size()];
        for (int i = 0; i < keep.size(); i++) {
            xy[0][i] = keep.get(i)[0];
            xy[1][i] = keep.get(i)[1];
        }
        return xy;
    }
}
