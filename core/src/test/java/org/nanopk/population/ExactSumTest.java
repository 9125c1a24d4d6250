package org.nanopk.population;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The exact sum and the moments built on it against BigDecimal arithmetic (exact, independent), over
 * values of every sign and of magnitudes from subnormal to 1e300, in any order and partition.
 */
class ExactSumTest {
    private static List<Double> values(long seed, int n) {
        Random r = new Random(seed);
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = switch (i % 5) {
                case 0 -> r.nextGaussian();
                case 1 -> Math.scalb(r.nextDouble(), r.nextInt(2000) - 1000);
                case 2 -> -Math.scalb(r.nextDouble(), r.nextInt(2098) - 1074);
                case 3 -> Double.MIN_VALUE * r.nextInt(1000);
                default -> 1e300 * (r.nextDouble() - 0.5);
            };
            v.add(x);
        }
        return v;
    }

    @Test
    void theSumIsExactInAnyOrderAndPartition() {
        for (long seed = 1; seed <= 5; seed++) {
            List<Double> v = values(seed, 20_000);
            BigDecimal exact = BigDecimal.ZERO;
            for (double x : v) {
                exact = exact.add(new BigDecimal(x));
            }
            ExactSum s = new ExactSum();
            v.forEach(s::add);
            assertEquals(0, exact.compareTo(new BigDecimal(s.scaled()).divide(BigDecimal.valueOf(2).pow(1074))),
                "seed " + seed);
            Collections.shuffle(v, new Random(seed));
            ExactSum a = new ExactSum();
            ExactSum b = new ExactSum();
            for (int i = 0; i < v.size(); i++) {
                (i % 3 == 0 ? a : b).add(v.get(i));
            }
            b.merge(a);
            assertEquals(s.scaled(), b.scaled(), "shuffled and merged, seed " + seed);
        }
    }

    @Test
    void meanAndSdAreTheExactOnesRounded() {
        Random r = new Random(3);
        for (double offset : new double[] {0, 1e9, -3e15}) {
            Moments m = new Moments();
            BigDecimal s1 = BigDecimal.ZERO;
            BigDecimal s2 = BigDecimal.ZERO;
            int n = 5000;
            for (int i = 0; i < n; i++) {
                double x = offset + r.nextGaussian() * 0.37;
                m.add(x);
                s1 = s1.add(new BigDecimal(x));
                s2 = s2.add(new BigDecimal(x).multiply(new BigDecimal(x)));
            }
            MathContext mc = new MathContext(50);
            double mean = s1.divide(BigDecimal.valueOf(n), mc).doubleValue();
            BigDecimal var = s2.multiply(BigDecimal.valueOf(n)).subtract(s1.multiply(s1))
                .divide(BigDecimal.valueOf((long) n * (n - 1)), mc);
            double sd = var.sqrt(mc).doubleValue();
            // both correctly rounded from 40 and 50 digits: equal, or one ulp apart at a rounding boundary
            assertEquals(mean, m.mean(), Math.ulp(mean), "mean, offset " + offset);
            assertEquals(sd, m.sd(), Math.ulp(sd), "sd, offset " + offset);
        }
    }
}
