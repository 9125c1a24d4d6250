package org.nanopk.internal;

import java.util.Locale;

/**
 * Memory checked before it is claimed: a result whose size is known up front (output rows × columns,
 * sketches of a population study, a Sobol design) is refused with a message that gives its size, the
 * heap and what to change, rather than ending in an {@code OutOfMemoryError} half-way through a run.
 */
public final class Budget {
    /** The share of the JVM's maximum heap one result may take. */
    static final double SHARE = 0.5;

    private Budget() {
    }

    /**
     * Requires that {@code bytes} fit in half the maximum heap.
     *
     * @param what what needs the memory, for example "12000000 output times × 13 columns"
     * @param advice what to change, for example "ask for fewer output times"
     * @throws IllegalArgumentException if it does not fit
     */
    public static void require(double bytes, String what, String advice) {
        long heap = Runtime.getRuntime().maxMemory();
        if (!(bytes <= SHARE * heap)) {
            throw new IllegalArgumentException(what + " would take " + size(bytes) + ", more than this JVM can spare ("
                + size(heap) + " of heap); " + advice + ", or give Java more memory (-Xmx)");
        }
    }

    /** A byte count for people: 1.2 GB, 340 MB, 12 kB. */
    public static String size(double bytes) {
        if (!Double.isFinite(bytes)) {
            return "more than any heap";
        }
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
        int u = 0;
        double v = bytes;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f bytes", v) : String.format(Locale.ROOT, "%.3g %s", v, units[u]);
    }
}
