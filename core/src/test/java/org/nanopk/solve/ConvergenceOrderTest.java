package org.nanopk.solve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The methods converge at their order: with fixed steps h, the global error at the end falls like
 * h^p (p = 5 for Rodas5P and for Dormand–Prince 5(4)), and the dense output between steps like h^5
 * as well (its local error O(h⁵) matches the global error). With adaptive steps the error falls in
 * proportion to rtol. Observed orders are fitted from halving h, on problems with closed forms.
 */
class ConvergenceOrderTest {

    /** Global error at t = 4 (end) and the largest error at interior output times, for fixed step h. */
    static double[] errors(AdaptiveIntegrator in, TestProblems.Problem p, double h) {
        in.fixedStep = h;
        double[] y = p.y0.clone();
        double[] times = {0.37 * h, 1 + 0.5 * h, 2.13, 3.001};
        int n = p.dimension();
        double[] out = new double[times.length * n];
        in.integrate(0, y, 4, times, 0, times.length, out, 0);
        double end = Math.abs(y[0] - p.exact(4)[0]);
        double dense = 0;
        for (int k = 0; k < times.length; k++) {
            dense = Math.max(dense, Math.abs(out[k * n] - p.exact(times[k])[0]));
        }
        return new double[] {end, dense};
    }

    static void checkOrder(String method, java.util.function.Function<TestProblems.Problem, AdaptiveIntegrator> make,
                           TestProblems.Problem p, double h0, double minOrder, double minDenseOrder) {
        double[] coarse = errors(make.apply(p), p, h0);
        double[] fine = errors(make.apply(p), p, h0 / 2);
        double[] finer = errors(make.apply(p), p, h0 / 4);
        double order = Math.log(fine[0] / finer[0]) / Math.log(2);
        double order1 = Math.log(coarse[0] / fine[0]) / Math.log(2);
        double denseOrder = Math.log(fine[1] / finer[1]) / Math.log(2);
        assertTrue(order > minOrder && order1 > minOrder, method + " on " + p + ": observed order " + order1 + ", "
            + order + " (errors " + coarse[0] + ", " + fine[0] + ", " + finer[0] + "); expected > " + minOrder);
        assertTrue(denseOrder > minDenseOrder, method + " dense output on " + p + ": observed order " + denseOrder
            + " (errors " + fine[1] + ", " + finer[1] + "); expected > " + minDenseOrder);
    }

    static AdaptiveIntegrator rodas(TestProblems.Problem p) {
        return (AdaptiveIntegrator) new Rosenbrock(1e-6, 1e-9, 1_000_000).integrator(p, 4);
    }

    static AdaptiveIntegrator dopri(TestProblems.Problem p) {
        return (AdaptiveIntegrator) new DormandPrince5(1e-6, 1e-9, 1_000_000).integrator(p, 4);
    }

    @Test
    void rodas5pIsOfOrderFive() {
        checkOrder("Rodas5P", ConvergenceOrderTest::rodas, TestProblems.michaelisMenten(20, 5, 100), 0.4, 4.6, 4.4);
        checkOrder("Rodas5P", ConvergenceOrderTest::rodas, TestProblems.linear("linear", 0.2, 0.5, 0.1, 3), 0.5,
            4.6, 4.4);
    }

    @Test
    void rodas5pKeepsItsOrderWithTimeDependentRates() {
        // needs the ∂f/∂t terms: without them the order drops to 1
        checkOrder("Rodas5P", ConvergenceOrderTest::rodas, TestProblems.hillInTime(0.5, 3, 100), 0.5, 4.6, 4.4);
    }

    @Test
    void dormandPrinceIsOfOrderFive() {
        checkOrder("DOPRI5", ConvergenceOrderTest::dopri, TestProblems.michaelisMenten(20, 50, 100), 0.5, 4.6, 3.6);
        checkOrder("DOPRI5", ConvergenceOrderTest::dopri, TestProblems.hillInTime(0.5, 3, 100), 0.25, 4.6, 3.6);
    }

    @Test
    void adaptiveErrorFollowsTheTolerance() {
        // tolerance proportionality: each 100-fold tightening of rtol cuts the error 30- to 300-fold
        TestProblems.Problem p = TestProblems.michaelisMenten(20, 5, 100);
        double prev = Double.NaN;
        for (double rtol : new double[] {1e-5, 1e-7, 1e-9}) {
            double[] y = p.y0.clone();
            new Rosenbrock(rtol, rtol * 1e-3, 1_000_000).integrator(p, 4)
                .integrate(0, y, 4, new double[0], 0, 0, new double[0], 0);
            double err = Math.abs(y[0] - p.exact(4)[0]) + 1e-16;
            if (!Double.isNaN(prev)) {
                double ratio = prev / err;
                assertTrue(ratio > 30 && ratio < 1000, "error ratio " + ratio + " at rtol " + rtol);
            }
            prev = err;
        }
    }
}
