package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nanopk.mechanism.Presets;
import org.nanopk.solve.Solver;

/**
 * The bound that lets a maximum search skip a step: the degree-5 interpolant of values at the 6
 * Chebyshev–Lobatto points never exceeds M + 2.5·(M − m) (its Lebesgue constant is 1.9889, computed here
 * independently by Lagrange's formula on a fine grid); and maxima found with the skip equal a brute-force
 * search of the continuous solution on a grid far finer than the steps.
 */
class TrajectoryBoundTest {
    @Test
    void theLebesgueConstantOfTheNodesIsBelowTheBoundsFactor() {
        double[] x = new double[6];
        for (int j = 0; j < 6; j++) {
            x[j] = -Math.cos(j * Math.PI / 5);
        }
        double lebesgue = 0;
        for (int i = 0; i <= 100_000; i++) {
            double t = -1 + 2.0 * i / 100_000;
            double sum = 0;
            for (int j = 0; j < 6; j++) {
                double l = 1;
                for (int k = 0; k < 6; k++) {
                    if (k != j) {
                        l *= (t - x[k]) / (x[j] - x[k]);
                    }
                }
                sum += Math.abs(l);
            }
            lebesgue = Math.max(lebesgue, sum);
        }
        assertEquals(1.98885, lebesgue, 1e-5);
        assertTrue(lebesgue < 2.5);
    }

    @Test
    void maximaEqualABruteForceSearch() {
        Random r = new Random(4);
        for (int i = 0; i < 20; i++) {
            Model m = Presets.np9().with("kEPR", 0.02 * Math.exp(r.nextGaussian() * 0.5))
                .with("VmL", 20 * Math.exp(r.nextGaussian() * 0.5));
            Simulation s = m.simulateContinuous(Schedule.of(m.regimen(), Times.grid(0, 72, 1)),
                Solver.nonstiff().withTolerances(1e-8, 1e-12));
            for (String name : new String[] {"Tumor", "L", "C"}) {
                Series a = s.amount(name);
                double brute = Double.NEGATIVE_INFINITY;
                for (int k = 0; k <= 72_000; k++) {
                    brute = Math.max(brute, a.at(k / 1000.0));
                }
                // the search refines the peak by root finding: at least the grid's best; and the grid refined to
                // 1e-7 h around the peak found agrees to 1e-12 (a peak is flat: the value moves by ~(dt)²)
                double max = a.max();
                assertTrue(max >= brute * (1 - 1e-15), name + ": " + max + " < " + brute);
                double tmax = a.timeOfMax();
                double fine = brute;
                for (int k = -20_000; k <= 20_000; k++) {
                    double t = tmax + k * 1e-7;
                    if (t >= 0 && t <= 72) {
                        fine = Math.max(fine, a.at(t));
                    }
                }
                assertEquals(fine, max, 1e-12 * fine, name + " at " + tmax + " h");
            }
        }
    }
}
