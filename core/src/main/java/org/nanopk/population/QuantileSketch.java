package org.nanopk.population;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A mergeable quantile sketch with a guaranteed relative accuracy (DDSketch: Masson, Rim and Lee, "DDSketch:
 * a fast and fully-mergeable quantile sketch with relative-error guarantees", VLDB 2019): values fall in
 * logarithmic buckets [γ^(i−1), γ^i) with γ = (1 + α)/(1 − α), so any quantile is returned within a
 * relative α of a value of the data at that rank. Counts only are kept, so memory does not grow with
 * the number of values, and merging sketches is exact and order-free: the summary of a million
 * subjects is the same on any number of threads. Negative values are kept in a mirrored store, zeros
 * counted apart. When a store would exceed its bucket limit, its lowest buckets are collapsed (so only
 * the smallest quantiles of extremely wide distributions lose accuracy). Not thread-safe.
 */
final class QuantileSketch {
    /** Relative accuracy of the quantiles. */
    static final double ALPHA = 1e-3;
    private static final double GAMMA = (1 + ALPHA) / (1 - ALPHA);
    private static final double LOG_GAMMA = Math.log(GAMMA);
    private static final int MAX_BUCKETS = 8192;
    /** The memory a sketch typically holds (its buckets span about two decades of values), for budgets. */
    static final int TYPICAL_BYTES = 4096;

    private final Store positive = new Store();
    private final Store negative = new Store();
    private long zeros;
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /**
     * Counts per bucket index, dense between the lowest and highest index seen. The collapse depends on
     * the indices seen only (never on how the array was padded), so a store holds the same counts per
     * index whatever the order of its additions and merges.
     */
    private static final class Store {
        int offset;
        int[] counts = new int[0];
        int lowest = Integer.MAX_VALUE;
        int highest = Integer.MIN_VALUE;

        void add(int index, int c) {
            if (counts.length == 0) {
                counts = new int[64];
                offset = index - 32;
            }
            int i = index - offset;
            if (i < 0 || i >= counts.length) {
                grow(index);
                i = Math.max(index - offset, 0); // below the collapsed range: into its lowest bucket
            }
            counts[i] += c;
            lowest = Math.min(lowest, offset + i);
            highest = Math.max(highest, offset + i);
        }

        private void grow(int index) {
            int lo = Math.min(lowest, index);
            int hi = Math.max(highest, index);
            if ((long) hi - lo + 1 > MAX_BUCKETS) {
                // collapse the buckets below the highest index's range into its lowest one
                int newLo = hi - MAX_BUCKETS + 1;
                int[] c = new int[MAX_BUCKETS];
                for (int k = lowest - offset; k <= highest - offset; k++) {
                    c[Math.max(offset + k, newLo) - newLo] += counts[k];
                }
                counts = c;
                offset = newLo;
                lowest = Math.max(lowest, newLo);
                return;
            }
            int span = hi - lo + 1;
            int size = Math.min(MAX_BUCKETS, Math.max(span + span / 2, counts.length * 2));
            int newOffset = index < lowest ? hi - size + 1 : lo; // room on the side it grows to
            int[] c = new int[size];
            if (lowest <= highest) {
                System.arraycopy(counts, lowest - offset, c, lowest - newOffset, highest - lowest + 1);
            }
            counts = c;
            offset = newOffset;
        }

        void merge(Store o) {
            for (int k = 0; k < o.counts.length; k++) {
                if (o.counts[k] != 0) {
                    add(o.offset + k, o.counts[k]);
                }
            }
        }

        /** The non-zero buckets: their number, then each as the gap to the previous index and the count. */
        void write(DataOutput out) throws IOException {
            int nonZero = 0;
            for (int c : counts) {
                nonZero += c != 0 ? 1 : 0;
            }
            writeVar(out, nonZero);
            long previous = 0;
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] != 0) {
                    long index = offset + k;
                    writeVar(out, zigZag(index - previous));
                    writeVar(out, counts[k]);
                    previous = index;
                }
            }
        }

        void read(DataInput in) throws IOException {
            long nonZero = readVar(in);
            long index = 0;
            for (long b = 0; b < nonZero; b++) {
                long gap = readVar(in);
                index += (gap >>> 1) ^ -(gap & 1);
                long c = readVar(in);
                if (c <= 0 || c > Integer.MAX_VALUE || index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
                    throw new IOException("a sketch bucket " + index + " of count " + c + "; expected an int index "
                        + "and a positive int count");
                }
                add((int) index, (int) c);
            }
        }
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    /** Writes a non-negative long in 7-bit groups (small numbers take a byte). */
    static void writeVar(DataOutput out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    /** Reads what {@link #writeVar} wrote. */
    static long readVar(DataInput in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("a variable-length number longer than 64 bits");
    }

    /** Counts, extremes and the non-zero buckets: a few bytes per bucket. */
    void write(DataOutput out) throws IOException {
        writeVar(out, count);
        writeVar(out, zeros);
        out.writeDouble(min);
        out.writeDouble(max);
        positive.write(out);
        negative.write(out);
    }

    /** A sketch written by {@link #write}: the same counts in every bucket. */
    static QuantileSketch read(DataInput in) throws IOException {
        QuantileSketch s = new QuantileSketch();
        s.count = readVar(in);
        s.zeros = readVar(in);
        s.min = in.readDouble();
        s.max = in.readDouble();
        s.positive.read(in);
        s.negative.read(in);
        return s;
    }

    /** Adds one value (finite). */
    void add(double v) {
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (v > 1e-300) {
            positive.add(index(v), 1);
        } else if (v < -1e-300) {
            negative.add(index(-v), 1);
        } else {
            zeros++;
        }
    }

    private static int index(double v) {
        return (int) Math.ceil(Math.log(v) / LOG_GAMMA);
    }

    private static double value(int index) {
        return 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
    }

    /** Adds all the counts of another sketch. */
    void merge(QuantileSketch o) {
        positive.merge(o.positive);
        negative.merge(o.negative);
        zeros += o.zeros;
        count += o.count;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
    }

    /** The number of values. */
    long count() {
        return count;
    }

    /** The q-quantile (0 ≤ q ≤ 1), within a relative {@link #ALPHA}; the exact min and max at 0 and 1. */
    double quantile(double q) {
        if (count == 0) {
            throw new IllegalStateException("empty sketch");
        }
        if (q <= 0) {
            return min;
        }
        if (q >= 1) {
            return max;
        }
        double rank = q * (count - 1);
        long seen = 0;
        for (int k = negative.counts.length - 1; k >= 0; k--) {
            seen += negative.counts[k];
            if (seen > rank) {
                return Math.max(min, -value(negative.offset + k));
            }
        }
        seen += zeros;
        if (seen > rank) {
            return 0;
        }
        for (int k = 0; k < positive.counts.length; k++) {
            seen += positive.counts[k];
            if (seen > rank) {
                return Math.min(max, Math.max(min, value(positive.offset + k)));
            }
        }
        return max;
    }

    @Override
    public String toString() {
        return "sketch of " + count + " values, buckets " + Arrays.stream(positive.counts).filter(c -> c > 0).count();
    }
}
