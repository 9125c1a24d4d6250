package org.nanopk.population;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Count, mean, standard deviation, minimum and maximum of a stream of numbers, from exact sums of x and
 * x² ({@link ExactSum}; x² = hi + lo exactly by a fused multiply-add): the mean is the exact mean
 * rounded, the variance (nΣx² − (Σx)²)/(n(n − 1)) is computed exactly before rounding, so neither loses
 * accuracy when the mean is large against the spread, and the result does not depend on the order in
 * which values are added or partial moments merged. Mutable; one instance per thread.
 */
final class Moments {
    /** Above this magnitude a square would overflow a double (and so the exact sum of squares). */
    static final double MAX_MAGNITUDE = 1e150;
    private static final MathContext DIGITS = new MathContext(40);

    private long n;
    private final ExactSum sum;
    private final ExactSum squares;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    Moments() {
        this(new ExactSum(), new ExactSum());
    }

    private Moments(ExactSum sum, ExactSum squares) {
        this.sum = sum;
        this.squares = squares;
    }

    /** Adds a value (finite, of magnitude at most {@link #MAX_MAGNITUDE}). */
    void add(double x) {
        if (!(Math.abs(x) <= MAX_MAGNITUDE)) {
            throw new ArithmeticException("moments of " + x + ": expected a finite number of magnitude at most "
                + MAX_MAGNITUDE);
        }
        n++;
        sum.add(x);
        double hi = x * x;
        squares.add(hi);
        squares.add(Math.fma(x, x, -hi));
        min = Math.min(min, x);
        max = Math.max(max, x);
    }

    /** Adds the values of {@code o} (exactly: the same as adding them one by one). */
    void merge(Moments o) {
        n += o.n;
        sum.merge(o.sum);
        squares.merge(o.squares);
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
    }

    long count() {
        return n;
    }

    /** The mean (the exact mean rounded); NaN when empty. */
    double mean() {
        if (n == 0) {
            return Double.NaN;
        }
        return new BigDecimal(sum.scaled()).divide(new BigDecimal(BigInteger.valueOf(n).shiftLeft(1074)), DIGITS)
            .doubleValue();
    }

    /** The sample standard deviation (n − 1 in the denominator); 0 for one value. */
    double sd() {
        if (n < 2) {
            return 0;
        }
        // with S1 = B1·2^-1074 and S2 = B2·2^-1074: nS2 − S1² = (n·B2·2^1074 − B1²)·2^-2148, exactly
        BigInteger b1 = sum.scaled();
        BigInteger num = squares.scaled().multiply(BigInteger.valueOf(n)).shiftLeft(1074).subtract(b1.multiply(b1));
        if (num.signum() <= 0) {
            return 0; // all equal (or squares below the double range rounded away)
        }
        BigInteger den = BigInteger.valueOf(n).multiply(BigInteger.valueOf(n - 1)).shiftLeft(2148);
        return new BigDecimal(num).divide(new BigDecimal(den), DIGITS).sqrt(DIGITS).doubleValue();
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(n);
        out.writeDouble(min);
        out.writeDouble(max);
        sum.write(out);
        squares.write(out);
    }

    static Moments read(DataInput in) throws IOException {
        long n = in.readLong();
        double min = in.readDouble();
        double max = in.readDouble();
        Moments m = new Moments(ExactSum.read(in), ExactSum.read(in));
        m.n = n;
        m.min = min;
        m.max = max;
        return m;
    }
}
