package org.nanopk.population;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.junit.jupiter.api.Test;
import org.nanopk.mechanism.Presets;

/**
 * The one-pass moments against Apache Commons Statistics (an independent implementation) on data with
 * a mean a billion times the spread, merged in blocks; and a population readout offset by 1e9 keeps
 * its standard deviation.
 */
class MomentsTest {

    @Test
    void meanAndSdAgreeWithCommonsStatisticsWhateverTheOffsetAndBlocks() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (double offset : new double[] {0, 1e3, 1e9, -1e12}) {
            double[] x = new double[10_000];
            for (int i = 0; i < x.length; i++) {
                x[i] = offset + 2.77 * rnd.nextGaussian();
            }
            for (int block : new int[] {1, 7, 64, 10_000}) {
                Moments all = new Moments();
                for (int from = 0; from < x.length; from += block) {
                    Moments b = new Moments();
                    for (int i = from; i < Math.min(x.length, from + block); i++) {
                        b.add(x[i]);
                    }
                    all.merge(b);
                }
                double sd = StandardDeviation.of(x).getAsDouble();
                double mean = Mean.of(x).getAsDouble();
                // round-off of values near the offset: a few ulps of it, relative to the spread
                double tol = 1e-12 + 8 * Math.ulp(Math.abs(offset)) / sd;
                // Welford's running mean: each update rounds by an ulp of the mean; over 1e4 values the error
                // stays within a few tens of ulps (7 seen on this data)
                assertEquals(mean, all.mean(), 64 * Math.ulp(Math.abs(offset) + 10), "mean, offset " + offset);
                assertEquals(sd, all.sd(), tol * sd, "sd, offset " + offset + ", blocks of " + block);
                assertEquals(10_000, all.count());
            }
        }
    }

    @Test
    void aReadoutOffsetByABillionKeepsItsSd() {
        Population p = Population.of(Presets.np9()).withVariability("kEPR", 0.3).withVariability("VmL", 0.3)
            .withSeed(11);
        Population.Summary s = p.study(0, 24).readout("DE24", x -> x.percentId("Tumor").at(24))
            .readout("DE24+1e9", x -> x.percentId("Tumor").at(24) + 1e9).run(500);
        double sd = s.readout("DE24")[1];
        double shifted = s.readout("DE24+1e9")[1];
        // values near 1e9 carry an ulp of 1.2e-7: the SD agrees to about 1e-7 relative
        assertEquals(sd, shifted, 1e-6 * sd, "SD " + sd + " against " + shifted);
        assertEquals(s.readout("DE24")[0] + 1e9, s.readout("DE24+1e9")[0], 1e-6);
    }
}
