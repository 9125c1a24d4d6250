package org.nanopk.population;

/**
 * Count, mean, sum of squared deviations, minimum and maximum of a stream of numbers, updated one
 * value at a time (Welford) and merged exactly as two streams' pairs (Chan, Golub and LeVeque 1979):
 * accurate however large the mean is against the spread, and the same for the same order of merges.
 * Mutable; one instance per block of subjects.
 */
final class Moments {
    private long n;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Adds a value. */
    void add(double x) {
        n++;
        double d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
        min = Math.min(min, x);
        max = Math.max(max, x);
    }

    /** Adds the values of {@code o} (their moments), as if they had been added here after this one's. */
    void merge(Moments o) {
        if (o.n == 0) {
            return;
        }
        if (n == 0) {
            n = o.n;
            mean = o.mean;
            m2 = o.m2;
            min = o.min;
            max = o.max;
            return;
        }
        long total = n + o.n;
        double d = o.mean - mean;
        mean += d * o.n / total;
        m2 += o.m2 + d * d * ((double) n * o.n / total);
        n = total;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
    }

    long count() {
        return n;
    }

    double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** The sample standard deviation (n − 1 in the denominator); 0 for one value. */
    double sd() {
        return n < 2 ? 0 : Math.sqrt(Math.max(0, m2 / (n - 1)));
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }
}
