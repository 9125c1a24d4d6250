package org.nanopk.solve;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.AbstractIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.GraggBulirschStoerIntegrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * Hipparchus's explicit adaptive integrators behind the {@link Solver} interface: Dormand–Prince
 * 8(5,3) and Gragg–Bulirsch–Stoer. Output times are taken from Hipparchus's dense output of each
 * accepted step. Hipparchus does not report rejected steps, so they are reported as -1 (unknown).
 */
final class HipparchusSolver extends AbstractSolver {
    private final boolean gbs;

    private HipparchusSolver(boolean gbs, double rtol, double atol, int maxSteps, int maxCycles) {
        super(rtol, atol, maxSteps, maxCycles);
        this.gbs = gbs;
    }

    static HipparchusSolver dormandPrince853() {
        return new HipparchusSolver(false, DEFAULT_RTOL, DEFAULT_ATOL, DEFAULT_MAX_STEPS, DEFAULT_MAX_SS_CYCLES);
    }

    static HipparchusSolver graggBulirschStoer() {
        return new HipparchusSolver(true, DEFAULT_RTOL, DEFAULT_ATOL, DEFAULT_MAX_STEPS, DEFAULT_MAX_SS_CYCLES);
    }

    @Override
    Solver copy(double r, double a, int m, int cycles) {
        return new HipparchusSolver(gbs, r, a, m, cycles);
    }

    @Override
    public String name() {
        return gbs ? "gbs" : "dp853";
    }

    @Override
    public Integrator integrator(OdeSystem system, double horizon) {
        return new Run(system);
    }

    private final class Run implements Integrator, OrdinaryDifferentialEquation, ODEStepHandler {
        private final OdeSystem sys;
        private final int n;
        private final AdaptiveStepsizeIntegrator integrator;
        private long accepted;
        private long evaluations;
        private double[] times;
        private double[] out;
        private int offset;
        private int from;
        private int next;
        private int to;
        private double reached;
        private long acceptedBefore;
        private StepListener listener;

        Run(OdeSystem sys) {
            this.sys = sys;
            this.n = sys.dimension();
            this.integrator = gbs
                ? new GraggBulirschStoerIntegrator(0, Double.POSITIVE_INFINITY, atol, rtol)
                : new DormandPrince853Integrator(0, Double.POSITIVE_INFINITY, atol, rtol);
            integrator.addStepHandler(this);
        }

        @Override
        public int getDimension() {
            return n;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            double[] dy = new double[n];
            sys.derivatives(t, y, dy);
            evaluations++;
            return dy;
        }

        @Override
        public void handleStep(ODEStateInterpolator interpolator) {
            accepted++;
            if (accepted - acceptedBefore > maxSteps) {
                throw new SolverException(sys.describe() + ": maximum number of steps (" + maxSteps
                    + ") reached at t = " + interpolator.getCurrentState().getTime() + " h with " + name(),
                    interpolator.getCurrentState().getTime());
            }
            double end = interpolator.getCurrentState().getTime();
            if (listener != null) {
                double start = interpolator.getPreviousState().getTime();
                listener.step(start, end, new DenseOutput() {
                    @Override
                    public void state(double t, double[] out, int at) {
                        double[] s = interpolator.getInterpolatedState(Math.max(start, Math.min(end, t)))
                            .getPrimaryState();
                        System.arraycopy(s, 0, out, at, n);
                    }

                    @Override
                    public void derivative(double t, double[] out, int at) {
                        double[] d = interpolator.getInterpolatedState(Math.max(start, Math.min(end, t)))
                            .getPrimaryDerivative();
                        System.arraycopy(d, 0, out, at, n);
                    }
                });
            }
            reached = end;
            while (next < to && times[next] <= end) {
                double[] y = interpolator.getInterpolatedState(times[next]).getPrimaryState();
                System.arraycopy(y, 0, out, offset + (next - from) * n, n);
                next++;
            }
        }

        @Override
        public void integrate(double t0, double[] y, double t1, double[] outTimes, int first, int until,
                              double[] outRows, int outOffset) {
            this.times = outTimes;
            this.out = outRows;
            this.offset = outOffset;
            this.from = first;
            this.next = first;
            this.to = until;
            this.reached = t0;
            this.acceptedBefore = accepted;
            ((AbstractIntegrator) integrator).setMaxEvaluations(
                (int) Math.min(Integer.MAX_VALUE, 16L * maxSteps + 16));
            ODEStateAndDerivative end;
            try {
                end = integrator.integrate(this, new ODEState(t0, y.clone()), t1);
            } catch (MathRuntimeException e) {
                throw new SolverException(sys.describe() + ": " + name() + " failed at t = " + reached + " h: "
                    + e.getMessage(), reached, e);
            }
            double[] last = end.getPrimaryState();
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(last[i])) {
                    throw new SolverException(sys.describe() + ": the solution is not finite at t = " + t1
                        + " h (" + sys.stateName(i) + " = " + last[i] + "); the model blows up", t1);
                }
            }
            System.arraycopy(last, 0, y, 0, n);
            while (next < to) { // outputs exactly at t1
                System.arraycopy(last, 0, out, offset + (next - from) * n, n);
                next++;
            }
        }

        @Override
        public SolverStats stats() {
            return new SolverStats(name(), accepted, -1, evaluations, 0, 0, 0);
        }

        @Override
        public void listen(StepListener l) {
            this.listener = l;
        }
    }
}
