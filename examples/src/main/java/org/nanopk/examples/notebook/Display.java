package org.nanopk.examples.notebook;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import org.nanopk.Table;
import org.nanopk.plot.Chart;

/**
 * How a cell's value is shown: the MIME bundle Jupyter receives. A {@link Chart} is an inline PNG (its
 * SVG with {@link Svg}), any {@link RenderedImage} a PNG, a {@link Table} text and HTML; everything else
 * its {@code toString()}, which for NanoPK's values is the readable summary or table.
 */
public final class Display {
    private Display() {
    }

    /** SVG on request: {@code svg(chart)} in a cell shows the chart as {@code image/svg+xml}. */
    public record Svg(String document) {
        /** The chart's SVG. */
        public static Svg of(Chart chart) {
            return new Svg(chart.toSvg());
        }

        @Override
        public String toString() {
            return "SVG image, " + document.length() + " characters";
        }
    }

    /** MIME type → data of a value (base64 for images), always with text/plain. */
    public static Map<String, String> bundle(Object value) {
        Map<String, String> m = new LinkedHashMap<>();
        if (value instanceof Chart c) {
            m.put("image/png", Base64.getEncoder().encodeToString(c.toPng()));
        } else if (value instanceof RenderedImage img) {
            m.put("image/png", Base64.getEncoder().encodeToString(png(img)));
        } else if (value instanceof Svg s) {
            // the bare <svg> element: some nbconvert versions fail on an XML declaration inside a notebook
            m.put("image/svg+xml", s.document().replaceFirst("^\\s*(<\\?xml[^>]*>\\s*)?(<!DOCTYPE[^>]*>\\s*)?", ""));
        } else if (value instanceof Table t) {
            m.put("text/html", t.toHtml());
        }
        m.put("text/plain", text(value));
        return m;
    }

    /** A value as text: arrays by their elements (as the jshell tool shows them), else toString(). */
    static String text(Object value) {
        if (value instanceof double[] a) {
            return "double[" + a.length + "] " + java.util.Arrays.toString(a);
        }
        if (value instanceof int[] a) {
            return "int[" + a.length + "] " + java.util.Arrays.toString(a);
        }
        if (value instanceof Object[] a) {
            return a.getClass().getComponentType().getSimpleName() + "[" + a.length + "] "
                + java.util.Arrays.deepToString(a);
        }
        return String.valueOf(value);
    }

    private static byte[] png(RenderedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
