package org.nanopk.population;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The exact sum of any number of finite doubles: a fixed-point accumulator spanning the whole double
 * range (bit k weighs 2^(k − 1074)), in 32-bit limbs held in longs so that carries are deferred. Adding
 * and merging are exact, so the sum is the same in any order and on any partition of the values: what
 * makes a population's mean and SD identical on one machine and on a cluster. Not thread-safe.
 */
final class ExactSum {
    /** 2,098 bits of double range plus head room for 2^31 values (a subject count is an int). */
    private static final int LIMBS = 68;
    private static final long MASK = 0xFFFF_FFFFL;
    /** Each add puts less than 2^33 into a limb: 2^29 adds stay far from a long's range. */
    private static final int ADDS_BEFORE_CARRY = 1 << 29;

    private final long[] limb = new long[LIMBS];
    private int pending;

    /** Adds {@code x} exactly. */
    void add(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) ((bits >>> 52) & 0x7FF);
        long m = bits & 0xF_FFFF_FFFF_FFFFL;
        if (e == 0x7FF) {
            throw new ArithmeticException("an exact sum of " + x + ": expected finite numbers");
        }
        if (e == 0) {
            e = 1; // subnormal: the same weight as the smallest normal exponent
        } else {
            m |= 1L << 52;
        }
        if (m == 0) {
            return;
        }
        // x = ±m·2^(e − 1075): m's lowest bit is bit e − 1 of the accumulator
        int s = e - 1;
        int k = s >>> 5;
        int off = s & 31;
        long lo = (m & MASK) << off; // < 2^63
        long hi = (m >>> 32) << off; // < 2^52, weight 2^32 above lo
        long sign = bits < 0 ? -1 : 1;
        limb[k] += sign * (lo & MASK);
        limb[k + 1] += sign * ((lo >>> 32) + (hi & MASK));
        limb[k + 2] += sign * (hi >>> 32);
        if (++pending == ADDS_BEFORE_CARRY) {
            carry();
        }
    }

    /** Adds the sum of {@code o} (exactly). */
    void merge(ExactSum o) {
        carry();
        o.carry();
        for (int i = 0; i < LIMBS; i++) {
            limb[i] += o.limb[i];
        }
        carry();
    }

    /** Propagates the deferred carries: every limb but the top one in [0, 2^32), the top one signed. */
    private void carry() {
        for (int i = 0; i < LIMBS - 1; i++) {
            long c = limb[i] >> 32;
            limb[i] -= c << 32;
            limb[i + 1] += c;
        }
        pending = 0;
    }

    /** The sum times 2^1074, an integer. */
    BigInteger scaled() {
        carry();
        BigInteger r = BigInteger.valueOf(limb[LIMBS - 1]);
        for (int i = LIMBS - 2; i >= 0; i--) {
            r = r.shiftLeft(32).add(BigInteger.valueOf(limb[i]));
        }
        return r;
    }

    /** The limbs from the lowest to the highest non-zero one (a few for a typical sum). */
    void write(DataOutput out) throws IOException {
        carry();
        int from = 0;
        while (from < LIMBS && limb[from] == 0) {
            from++;
        }
        int to = LIMBS;
        while (to > from && limb[to - 1] == 0) {
            to--;
        }
        out.writeByte(from);
        out.writeByte(to - from);
        for (int i = from; i < to; i++) {
            out.writeLong(limb[i]);
        }
    }

    /** A sum written by {@link #write}. */
    static ExactSum read(DataInput in) throws IOException {
        ExactSum s = new ExactSum();
        int from = in.readUnsignedByte();
        int count = in.readUnsignedByte();
        if (from + count > LIMBS) {
            throw new IOException("an exact sum of limbs " + from + " to " + (from + count) + "; expected at most "
                + LIMBS);
        }
        for (int i = 0; i < count; i++) {
            s.limb[from + i] = in.readLong();
        }
        return s;
    }
}
