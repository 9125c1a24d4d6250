package org.nanopk.solve;

/**
 * The Dormand–Prince 5(4) explicit Runge–Kutta method (Dormand and Prince 1980; Hairer, Nørsett and
 * Wanner, Solving ODEs I, the code DOPRI5), with the first-same-as-last property (6 evaluations per
 * step) and its 4th-order continuous extension for output times. NanoPK's own, allocation-free
 * implementation of the tableau Hipparchus's {@code DormandPrince54Integrator} also uses (the tests
 * compare the two); the error estimate is controlled per component.
 */
final class DormandPrince5 extends AbstractSolver {
    // nodes, coefficients and weights (Hairer's dopri5.f)
    static final double C2 = 0.2;
    static final double C3 = 0.3;
    static final double C4 = 0.8;
    static final double C5 = 8.0 / 9.0;
    static final double A21 = 0.2;
    static final double A31 = 3.0 / 40.0;
    static final double A32 = 9.0 / 40.0;
    static final double A41 = 44.0 / 45.0;
    static final double A42 = -56.0 / 15.0;
    static final double A43 = 32.0 / 9.0;
    static final double A51 = 19372.0 / 6561.0;
    static final double A52 = -25360.0 / 2187.0;
    static final double A53 = 64448.0 / 6561.0;
    static final double A54 = -212.0 / 729.0;
    static final double A61 = 9017.0 / 3168.0;
    static final double A62 = -355.0 / 33.0;
    static final double A63 = 46732.0 / 5247.0;
    static final double A64 = 49.0 / 176.0;
    static final double A65 = -5103.0 / 18656.0;
    static final double A71 = 35.0 / 384.0;
    static final double A73 = 500.0 / 1113.0;
    static final double A74 = 125.0 / 192.0;
    static final double A75 = -2187.0 / 6784.0;
    static final double A76 = 11.0 / 84.0;
    // error estimate: 5th-order minus embedded 4th-order weights
    static final double E1 = 71.0 / 57600.0;
    static final double E3 = -71.0 / 16695.0;
    static final double E4 = 71.0 / 1920.0;
    static final double E5 = -17253.0 / 339200.0;
    static final double E6 = 22.0 / 525.0;
    static final double E7 = -1.0 / 40.0;
    // continuous extension (Hairer's contd5)
    static final double D1 = -12715105075.0 / 11282082432.0;
    static final double D3 = 87487479700.0 / 32700410799.0;
    static final double D4 = -10690763975.0 / 1880347072.0;
    static final double D5 = 701980252875.0 / 199316789632.0;
    static final double D6 = -1453857185.0 / 822651844.0;
    static final double D7 = 69997945.0 / 29380423.0;

    DormandPrince5(double rtol, double atol, int maxSteps) {
        this(rtol, atol, maxSteps, DEFAULT_MAX_SS_CYCLES);
    }

    DormandPrince5(double rtol, double atol, int maxSteps, int maxCycles) {
        super(rtol, atol, maxSteps, maxCycles);
    }

    @Override
    Solver copy(double r, double a, int m, int cycles) {
        return new DormandPrince5(r, a, m, cycles);
    }

    @Override
    public String name() {
        return "nonstiff";
    }

    @Override
    public Integrator integrator(OdeSystem system, double horizon) {
        return new Run(system, this);
    }

    static final class Run extends AdaptiveIntegrator {
        private final double[] k2;
        private final double[] k3;
        private final double[] k4;
        private final double[] k5;
        private final double[] k6;
        private final double[] k7;
        private final double[] u;
        /** The dense output's coefficients of the current step, valid when {@link #denseReady}. */
        private final double[] r1;
        private final double[] r2;
        private final double[] r3;
        private final double[] r4;
        private boolean denseReady;
        private double denseFor;
        private int stiffSteps;
        private int nonStiffSteps;

        Run(OdeSystem sys, DormandPrince5 s) {
            super(sys, s, "dopri5");
            k2 = new double[n];
            k3 = new double[n];
            k4 = new double[n];
            k5 = new double[n];
            k6 = new double[n];
            k7 = new double[n];
            u = new double[n];
            r1 = new double[n];
            r2 = new double[n];
            r3 = new double[n];
            r4 = new double[n];
        }

        @Override
        int errorOrder() {
            return 5;
        }

        @Override
        boolean attempt(double t, double h, boolean retry) {
            final double[] y = y0;
            final double[] k1 = f0;
            for (int i = 0; i < n; i++) {
                u[i] = y[i] + h * A21 * k1[i];
            }
            eval(t + C2 * h, u, k2);
            for (int i = 0; i < n; i++) {
                u[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
            }
            eval(t + C3 * h, u, k3);
            for (int i = 0; i < n; i++) {
                u[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
            }
            eval(t + C4 * h, u, k4);
            for (int i = 0; i < n; i++) {
                u[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
            }
            eval(t + C5 * h, u, k5);
            for (int i = 0; i < n; i++) {
                u[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
            }
            eval(t + h, u, k6);
            for (int i = 0; i < n; i++) {
                y1[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
            }
            eval(t + h, y1, k7);
            for (int i = 0; i < n; i++) {
                err[i] = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
            }
            denseReady = false;
            return true;
        }

        @Override
        void dense(double theta, double h, double[] out, int at) {
            if (denseFor != h || !denseReady) {
                // the interpolant's coefficients, once per step: a recorded step reads 4 interior points
                for (int i = 0; i < n; i++) {
                    double ydiff = y1[i] - y0[i];
                    double bspl = h * f0[i] - ydiff;
                    r1[i] = ydiff;
                    r2[i] = bspl;
                    r3[i] = ydiff - h * k7[i] - bspl;
                    r4[i] = h * (D1 * f0[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
                }
                denseFor = h;
                denseReady = true;
            }
            double s = 1 - theta;
            for (int i = 0; i < n; i++) {
                out[at + i] = y0[i] + theta * (r1[i] + s * (r2[i] + theta * (r3[i] + s * r4[i])));
            }
        }

        @Override
        void accepted(double tNew, double h, boolean corrected) {
            if (handOver != null) {
                detectStiffness(h);
            }
            if (corrected) {
                eval(tNew, y1, f0);
            } else {
                System.arraycopy(k7, 0, f0, 0, n); // first same as last
            }
        }

        private void detectStiffness(double h) {
            // Hairer's stiffness detection (DOPRI5, Solving ODEs II, IV.2): h·λ estimated from the last
            // two stages, both at t + h; near the stability boundary (|hλ| ≈ 3.3) on 15 accepted steps
            // out of any run without 6 clearly non-stiff ones, the problem is stiff.
            double num = 0;
            double den = 0;
            for (int i = 0; i < n; i++) {
                double df = k7[i] - k6[i];
                double dy = y1[i] - u[i];
                num += df * df;
                den += dy * dy;
            }
            if (den > 0 && h * Math.sqrt(num / den) > 3.25) {
                nonStiffSteps = 0;
                stiffSteps++;
            } else if (++nonStiffSteps == 6) {
                stiffSteps = 0;
            }
        }

        @Override
        boolean looksStiff() {
            return stiffSteps >= 15;
        }

        @Override
        void notStiff() {
            stiffSteps = 0;
        }
    }
}
