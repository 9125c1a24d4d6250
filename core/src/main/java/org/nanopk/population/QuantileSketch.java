package org.nanopk.population;

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

    /** Counts per bucket index, dense between the lowest and highest index seen. */
    private static final class Store {
        int offset;
        int[] counts = new int[0];

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
        }

        private void grow(int index) {
            int lo = Math.min(offset, index);
            int hi = Math.max(offset + counts.length - 1, index);
            int span = hi - lo + 1;
            if (span > MAX_BUCKETS) {
                // collapse the lowest buckets into the lowest kept one
                int newLo = hi - MAX_BUCKETS + 1;
                int[] c = new int[MAX_BUCKETS];
                for (int k = 0; k < counts.length; k++) {
                    int idx = offset + k;
                    c[Math.max(idx, newLo) - newLo] += counts[k];
                }
                counts = c;
                offset = newLo;
                return;
            }
            int size = Math.min(MAX_BUCKETS, Math.max(span + span / 2, counts.length * 2));
            int newOffset = index < offset ? hi - size + 1 : lo;
            int[] c = new int[size];
            System.arraycopy(counts, 0, c, offset - newOffset, counts.length);
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
