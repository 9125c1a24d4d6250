package org.nanopk.benchmarks;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.GraggBulirschStoerIntegrator;
import org.nanopk.solve.OdeSystem;

/**
 * The peers, driven directly on NanoPK's compiled equations ({@code Model.odeSystem()}): the same
 * right-hand side, the same initial state, outputs from each integrator's own dense output.
 */
final class Peers {
    private Peers() {
    }

    /** Hipparchus Dormand–Prince 8(5,3) or Gragg–Bulirsch–Stoer; returns the states at {@code times}. */
    static double[][] hipparchus(boolean gbs, OdeSystem sys, double[] y0, double[] times, double rtol, double atol) {
        int n = sys.dimension();
        AdaptiveStepsizeIntegrator integ = gbs
            ? new GraggBulirschStoerIntegrator(0, Double.POSITIVE_INFINITY, atol, rtol)
            : new DormandPrince853Integrator(0, Double.POSITIVE_INFINITY, atol, rtol);
        double[][] out = new double[times.length][];
        out[0] = y0.clone();
        int[] next = {1};
        integ.addStepHandler(interpolator -> {
            double end = interpolator.getCurrentState().getTime();
            while (next[0] < times.length && times[next[0]] <= end) {
                out[next[0]] = interpolator.getInterpolatedState(times[next[0]]).getPrimaryState();
                next[0]++;
            }
        });
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] dy = new double[n];
                sys.derivatives(t, y, dy);
                return dy;
            }
        };
        integ.integrate(ode, new ODEState(times[0], y0.clone()), times[times.length - 1]);
        return out;
    }

    /** Apache Commons Math 3 Dormand–Prince 8(5,3); returns the states at {@code times}. */
    static double[][] commonsMath3(OdeSystem sys, double[] y0, double[] times, double rtol, double atol) {
        int n = sys.dimension();
        org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator integ =
            new org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator(0, Double.POSITIVE_INFINITY, atol,
                rtol);
        integ.setMaxEvaluations(Integer.MAX_VALUE);
        double[][] out = new double[times.length][];
        out[0] = y0.clone();
        integ.addStepHandler(new StepHandler() {
            int next = 1;

            @Override
            public void init(double t0, double[] y, double t) {
            }

            @Override
            public void handleStep(StepInterpolator interpolator, boolean isLast) {
                double end = interpolator.getCurrentTime();
                while (next < times.length && times[next] <= end) {
                    interpolator.setInterpolatedTime(times[next]);
                    out[next] = interpolator.getInterpolatedState().clone();
                    next++;
                }
            }
        });
        FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return n;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] dy) {
                sys.derivatives(t, y, dy);
            }
        };
        double[] y = y0.clone();
        integ.integrate(ode, times[0], y, times[times.length - 1], y);
        return out;
    }
}
