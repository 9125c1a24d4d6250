package org.nanopk.fit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.nanopk.Fit;
import org.nanopk.Model;
import org.nanopk.Observations;
import org.nanopk.Observations.Quantity;
import org.nanopk.Simulation;
import org.nanopk.mechanism.Presets;
import org.nanopk.solve.Solver;

/**
 * Parameter recovery: NP9 simulated with known parameters and 10 % proportional noise (fixed seed),
 * four parameters fitted from perturbed starts. The estimates fall within 2 SE of the truth, and over
 * 100 replicates the 95 % interval covers the truth in 88–100 % of them (a binomial(100, 0.95) count is
 * inside that range with probability above 0.99).
 */
class RecoveryTest {
    // four parameters the design identifies well (RSE about 3-10 %); poorly identified ones such as KmL
    // (strongly correlated with VmL here) have skewed estimators whose Wald intervals under-cover:
    // use profile intervals for those
    static final String[] FREE = {"kR", "kEPR", "VmL", "kTAM"};
    static final double[] TIMES = {0.5, 1, 2, 4, 6, 8, 12, 24, 48, 72, 120, 168};
    static final String[] OBSERVED = {"B", "Tumor", "L", "S", "U", "Tm"};

    static Observations noisy(Model truth, UniformRandomProvider rng) {
        Simulation s = truth.simulate(truth.regimen(), TIMES, Solver.auto().withTolerances(1e-10, 1e-12));
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        List<Observations.Point> pts = new ArrayList<>();
        for (String c : OBSERVED) {
            for (int i = 0; i < TIMES.length; i++) {
                double f = s.percentId(c).value(i);
                if (f > 1e-3) {
                    pts.add(Observations.point(TIMES[i], c, Quantity.PERCENT_ID, f * (1 + 0.1 * z.sample())));
                }
            }
        }
        return Observations.of(pts);
    }

    static Fit fit(Model truth, Observations obs, UniformRandomProvider rng) {
        Model start = truth;
        for (String p : FREE) {
            start = start.with(p, truth.parameter(p) * Math.exp(0.4 * (rng.nextDouble() - 0.5)));
        }
        return Fitter.of(start, obs).estimate(FREE).withErrorModel(ErrorModel.proportional(0.2))
            .withSolver(Solver.auto().withTolerances(1e-8, 1e-10)).fit();
    }

    @Test
    void estimatesFallWithinTwoStandardErrors() {
        Model truth = Presets.np9();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2026L);
        Fit f = fit(truth, noisy(truth, rng), rng);
        assertTrue(f.converged(), f.toString());
        for (String p : FREE) {
            Fit.Estimate e = f.estimate(p);
            double z = (Math.log(e.value()) - Math.log(truth.parameter(p))) / e.seEstimationScale();
            assertTrue(Math.abs(z) < 2, p + ": estimate " + e.value() + ", truth " + truth.parameter(p) + ", z = " + z
                + "\n" + f);
        }
    }

    @Test
    void confidenceIntervalsCoverTheTruth() {
        Model truth = Presets.np9();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        int replicates = 100;
        int[] covered = new int[FREE.length];
        for (int r = 0; r < replicates; r++) {
            Fit f = fit(truth, noisy(truth, rng), rng);
            for (int k = 0; k < FREE.length; k++) {
                Fit.Estimate e = f.estimate(FREE[k]);
                double t = truth.parameter(FREE[k]);
                if (e.lower() <= t && t <= e.upper()) {
                    covered[k]++;
                }
            }
        }
        for (int k = 0; k < FREE.length; k++) {
            assertTrue(covered[k] >= 88 && covered[k] <= 100, FREE[k] + " covered in " + covered[k] + " of 100");
        }
    }

}
