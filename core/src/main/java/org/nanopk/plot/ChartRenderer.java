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
        for (Chart.Trace tr : chart.traces()) {
            double[][] xy = drawable(chart, tr);
            if (xy[0].length == 0) {
                continue;
            }
            XYSeries s = c.addSeries(tr.name(), xy[0], xy[1]);
            Color color = new Color(Chart.color(tr.colour() >= 0 ? tr.colour() : k++));
            s.setLineColor(color);
            s.setMarkerColor(color);
            if (tr.points()) {
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

    /** The points an axis can show: finite, and positive on a log axis. */
    private static double[][] drawable(Chart chart, Chart.Trace t) {
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < t.x().length; i++) {
            if ((!chart.logX() || t.x()[i] > 0) && (!chart.logY() || t.y()[i] > 0) && Double.isFinite(t.y()[i])) {
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
