package org.nanopk.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.mechanism.Presets;

/** Virtual populations against analytic lognormal quantiles, and their reproducibility. */
class PopulationTest {
    static Model oneCompartment() {
        return Model.builder("one").compartment("blood", "V").sink("out").parameter("V", 2).parameter("k", 0.2)
            .firstOrder("blood", "out", "k").output("C", "blood/V").dose(Dose.bolus("blood", 100)).build();
    }

    @Test
    void percentilesMatchTheLognormalQuantilesOfC() {
        // V lognormal with ω = 0.3: C(t) = D/V e^{-kt} is lognormal, median D/V0 e^{-kt}, so its p-th percentile
        // is D/V0 e^{-kt} exp(ω z_p) (ln C is normal with SD ω); n = 100,000 subjects, within 1 %
        double omega = 0.3;
        Population pop = Population.of(oneCompartment()).withOmega("V", omega).withSeed(11);
        double[] times = {0.5, 2, 6, 12, 24};
        Population.Summary s = pop.study(times).track("C").percentiles(5, 50, 95).run(100_000);
        NormalDistribution n = new NormalDistribution(0, 1);
        for (int j = 0; j < times.length; j++) {
            double median = 100 / 2.0 * Math.exp(-0.2 * times[j]);
            for (double p : new double[] {5, 50, 95}) {
                double expected = median * Math.exp(omega * n.inverseCumulativeProbability(p / 100));
                double actual = s.band("C", p).value(j);
                assertEquals(expected, actual, 0.01 * expected, "P" + p + " at " + times[j] + " h");
            }
        }
    }

    @Test
    void sameSeedSameSummaryOnOneAndTwoThreads() {
        Population pop = Population.of(Presets.np9()).withVariability("kEPR", 0.3).withVariability("VmL", 0.3)
            .withCorrelation("kEPR", "VmL", 0.4).withSeed(5);
        double[] times = {1, 24, 168};
        Population.Study st = pop.study(times).track("Tumor", "B")
            .readout("DE24", sim -> sim.percentId("Tumor").at(24));
        Population.Summary one = st.run(3000);
        Population.Summary two = pop.withThreads(2).study(times).track("Tumor", "B")
            .readout("DE24", sim -> sim.percentId("Tumor").at(24)).run(3000);
        Population.Summary oneAgain = pop.withThreads(1).study(times).track("Tumor", "B")
            .readout("DE24", sim -> sim.percentId("Tumor").at(24)).run(3000);
        assertEquals(oneAgain, two);
        assertEquals(one, two);
        assertTrue(one.toString().contains("DE24"), one.toString());
        assertEquals(Population.of(Presets.np9()).withVariability("kEPR", 0.3).withSeed(5).subjectParameters(17),
            Population.of(Presets.np9()).withVariability("kEPR", 0.3).withSeed(5).subjectParameters(17));
    }

    /**
     * Declared readouts are the readouts they stand for: a study of AUC, maximum, its time and DE24 declared
     * as {@link Readout}s (maxima and areas read from the solution recorded in each subject's one solve)
     * gives the summary of the same readouts written as functions (read by solving again), bit for bit.
     */
    @Test
    void declaredReadoutsEqualTheFunctionsTheyStandFor() {
        Population pop = Population.of(Presets.np9()).withVariability("kEPR", 0.3).withVariability("VmL", 0.3).withSeed(9);
        double[] times = org.nanopk.Times.grid(0, 48, 1);
        Population.Summary declared = pop.study(times).track("Tumor").readout("AUC", Readout.auc("Tumor"))
            .readout("max", Readout.max("Tumor")).readout("tmax", Readout.timeOfMax("Tumor"))
            .readout("DE24", Readout.percentIdAt("Tumor", 24)).readout("B at 7.5", Readout.amountAt("B", 7.5)).run(300);
        Population.Summary functions = pop.study(times).track("Tumor").readout("AUC", s -> s.amount("Tumor").auc())
            .readout("max", s -> s.amount("Tumor").max()).readout("tmax", s -> s.amount("Tumor").timeOfMax())
            .readout("DE24", s -> s.percentId("Tumor").at(24)).readout("B at 7.5", s -> s.amount("B").at(7.5)).run(300);
        assertEquals(functions, declared);
        assertEquals("%ID Tumor at 24 h", Readout.percentIdAt("Tumor", 24).toString());
        assertEquals(Readout.max("Tumor"), Readout.max("Tumor"));
        assertTrue(Readout.max("Tumor").needsContinuous(times) && Readout.auc("Tumor").needsContinuous(times)
            && !Readout.percentIdAt("Tumor", 24).needsContinuous(times) && Readout.amountAt("B", 7.5).needsContinuous(times));
    }

    @Test
    void covariancesAndCovariates() {
        // ln kEPR and ln VmL with ω 0.3 and 0.2 and correlation 0.6: the sample moments of η recover Ω
        Population pop = Population.of(Presets.np9()).withCovariance(List.of("kEPR", "VmL"),
            new double[][] {{0.09, 0.036}, {0.036, 0.04}}).withSeed(3);
        int n = 20000;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            Map<String, Double> v = pop.subjectParameters(i);
            double x = Math.log(v.get("kEPR") / 0.02);
            double y = Math.log(v.get("VmL") / 20);
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        // sample variance of n normals: relative sd sqrt(2/n) = 1 %; 4 % tolerance
        assertEquals(0.09, sxx / n, 0.04 * 0.09);
        assertEquals(0.04, syy / n, 0.04 * 0.04);
        assertEquals(0.036, sxy / n, 0.04 * 0.09);
        // allometry: with no spread in body weight nothing changes; with a heavier median nothing changes either
        // (the scaling is relative to the median), and BW-dependent parameters follow (BW_i/median)^e
        Population bw = Population.of(Presets.np9()).withBodyWeight(0.025, 0.2, Map.of("VmL", 0.75)).withSeed(9);
        Map<String, Double> v = bw.subjectParameters(4);
        assertTrue(v.containsKey("VmL") && !v.get("VmL").equals(20.0));
        assertThrows(IllegalArgumentException.class, () -> Population.of(Presets.np9()).withCovariance(
            List.of("kEPR", "VmL"), new double[][] {{0.09, 0.5}, {0.5, 0.04}}));
        assertThrows(IllegalArgumentException.class, () -> Population.of(Presets.np9()).withVariability("kx", 0.3));
    }

    @Test
    void quantileSketchIsWithinItsRelativeAccuracy() {
        QuantileSketch s = new QuantileSketch();
        double[] v = new double[10001];
        for (int i = 0; i <= 10000; i++) {
            v[i] = Math.exp(i / 1000.0 - 3);
            s.add(v[10000 - i == i ? i : i]);
        }
        for (double q : new double[] {0.01, 0.1, 0.5, 0.9, 0.99}) {
            double exact = v[(int) Math.round(q * 10000)];
            assertEquals(exact, s.quantile(q), 2e-3 * exact, "q = " + q);
        }
        QuantileSketch a = new QuantileSketch();
        QuantileSketch b = new QuantileSketch();
        for (int i = 0; i <= 10000; i++) {
            (i % 2 == 0 ? a : b).add(v[i]);
        }
        a.merge(b);
        assertEquals(s.quantile(0.3), a.quantile(0.3), 0, "merging is exact");
    }
}
