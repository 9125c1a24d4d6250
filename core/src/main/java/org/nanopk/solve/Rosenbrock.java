package org.nanopk.solve;

/**
 * Rodas5P, an L-stable, stiffly accurate Rosenbrock method of order 5 with an embedded order-4 error
 * estimate and a 4th-order dense output (G. Steinebach, "Construction of Rosenbrock–Wanner method
 * Rodas5P and numerical benchmarks within the Julia Differential Equations package", BIT Numerical
 * Mathematics 63, 2023; coefficients as published with the method).
 *
 * <p>Each step solves 8 linear systems with one LU decomposition of W = I/(hγ) − J, J the model's
 * analytic Jacobian at the start of the step (reused after a rejected step, evaluated once for a
 * linear model); the time derivative ∂f/∂t enters the stages for time-dependent rate laws, so the
 * method keeps its order there. In the Rosenbrock (Hairer–Wanner "u") form:
 * <pre>
 * W k_i = f(t + c_i h, y + Σ a_ij k_j) + Σ (C_ij/h) k_j + h d_i ∂f/∂t,   y_new = y + Σ a_8j k_j + k_8
 * </pre>
 * and the error estimate is k_8. The dense output is
 * y(t + θh) = (1−θ) y + θ (y_new + (1−θ)(K1 + θ (K2 + θ K3))), K_r = Σ H_rj k_j; its local error
 * O(h⁵) matches the method's global error, so interpolated outputs are as accurate as step ends.
 */
final class Rosenbrock extends AbstractSolver {
    static final double GAMMA = 0.21193756319429014;
    static final int STAGES = 8;
    private static final double[][] A = {
        {},
        {3.0},
        {2.849394379747939, 0.45842242204463923},
        {-6.954028509809101, 2.489845061869568, -10.358996098473584},
        {2.8029986275628964, 0.5072464736228206, -0.3988312541770524, -0.04721187230404641},
        {-7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256,
            0.030198172008377946},
        {-7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256,
            0.030198172008377946, 1},
        {-7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256,
            0.030198172008377946, 1, 1},
    };
    private static final double[][] C = {
        {},
        {-14.155112264123755},
        {-17.97296035885952, -2.859693295451294},
        {147.12150275711716, -1.41221402718213, 71.68940251302358},
        {165.43517024871676, -0.4592823456491126, 42.90938336958603, -5.961986721573306},
        {24.854864614690072, -3.0009227002832186, 47.4931110020768, 5.5814197821558125, -0.6610691825249471},
        {30.91273214028599, -3.1208243349937974, 77.79954646070892, 34.28646028294783, -19.097331116725623,
            -28.087943162872662},
        {37.80277123390563, -3.2571969029072276, 112.26918849496327, 66.9347231244047, -40.06618937091002,
            -54.66780262877968, -9.48861652309627},
    };
    private static final double[] NODES = {0, 0.6358126895828704, 0.4095798393397535, 0.9769306725060716,
        0.4288403609558664, 1, 1, 1};
    private static final double[] D = {0.21193756319429014, -0.42387512638858027, -0.3384627126235924,
        1.8046452872882734, 2.325825639765069, 0, 0, 0};
    private static final double[][] H = {
        {25.948786856663858, -2.5579724845846235, 10.433815404888879, -2.3679251022685204, 0.524948541321073,
            1.1241088310450404, 0.4272876194431874, -0.17202221070155493},
        {-9.91568850695171, -0.9689944594115154, 3.0438037242978453, -24.495224566215796, 20.176138334709044,
            15.98066361424651, -6.789040303419874, -6.710236069923372},
        {11.419903575922262, 2.8879645146136994, 72.92137995996029, 80.12511834622643, -52.072871366152654,
            -59.78993625266729, -0.15582684282751913, 4.883087185713722},
    };

    Rosenbrock(double rtol, double atol, int maxSteps) {
        this(rtol, atol, maxSteps, DEFAULT_MAX_SS_CYCLES);
    }

    Rosenbrock(double rtol, double atol, int maxSteps, int maxCycles) {
        super(rtol, atol, maxSteps, maxCycles);
    }

    @Override
    Solver copy(double r, double a, int m, int cycles) {
        return new Rosenbrock(r, a, m, cycles);
    }

    @Override
    public String name() {
        return "stiff";
    }

    @Override
    public Integrator integrator(OdeSystem system, double horizon) {
        return new Run(system, this);
    }

    static final class Run extends AdaptiveIntegrator {
        private final double[][] k;
        private final double[] u;
        private final double[] fs;
        private final double[] ft;
        private final double[] jac;
        private final Lu lu;
        private final double[][] dk;
        private final double[] ch = new double[STAGES];
        private final boolean autonomous;
        private final boolean linear;
        private boolean denseReady;
        private double jacobianTime = Double.NaN;
        /** The Jacobian's structural non-zeros (row-major positions), or null for a dense system. */
        private final int[] entries;

        Run(OdeSystem sys, Rosenbrock s) {
            super(sys, s, "rodas5p");
            k = new double[STAGES][n];
            u = new double[n];
            fs = new double[n];
            ft = new double[n];
            jac = new double[n * n];
            lu = new Lu(n, sys.jacobianPattern());
            entries = sys.jacobianPattern() != null ? sys.jacobianPattern().entries() : null;
            dk = new double[3][n];
            autonomous = sys.isAutonomous();
            linear = sys.isLinear();
        }

        @Override
        int errorOrder() {
            return 5;
        }

        @Override
        void restart(double t) {
            jacobianTime = Double.NaN; // the state jumped: a new Jacobian is due
        }

        @Override
        boolean attempt(double t, double h, boolean retry) {
            // J at (t, y0): kept after a rejected step (same point) and for linear models (constant)
            if (!(retry && jacobianTime == t) && !(linear && jacobians > 0)) {
                if (entries != null) {
                    sys.jacobianOnPattern(t, y0, jac);
                } else {
                    sys.jacobian(t, y0, jac);
                }
                jacobians++;
                jacobianTime = t;
                if (!autonomous) {
                    sys.timeDerivative(t, y0, ft);
                }
            }
            final int nn = n;
            final double diag = 1 / (h * GAMMA);
            final double[] w = lu.a;
            if (entries != null) {
                // only the pattern's entries: the others of J and of the matrix stay zero
                for (int e : entries) {
                    w[e] = -jac[e];
                }
            } else {
                for (int i = 0; i < nn * nn; i++) {
                    w[i] = -jac[i];
                }
            }
            for (int i = 0; i < nn; i++) {
                w[i * nn + i] += diag;
            }
            decompositions++;
            if (!lu.factor()) {
                return false;
            }
            // stage 1
            double[] k0 = k[0];
            for (int i = 0; i < nn; i++) {
                k0[i] = f0[i] + (autonomous ? 0 : h * D[0] * ft[i]);
            }
            lu.solve(k0);
            for (int s = 1; s < STAGES; s++) {
                double[] a = A[s];
                double[] c = C[s];
                // stage sums a stage at a time (the same order of additions per state; loops that vectorize)
                System.arraycopy(y0, 0, u, 0, nn);
                for (int j = 0; j < s; j++) {
                    double aj = a[j];
                    double[] kj = k[j];
                    for (int i = 0; i < nn; i++) {
                        u[i] += aj * kj[i];
                    }
                }
                eval(t + NODES[s] * h, u, fs);
                double[] ks = k[s];
                double dt = autonomous ? 0 : h * D[s];
                for (int j = 0; j < s; j++) {
                    ch[j] = c[j] / h;
                }
                for (int i = 0; i < nn; i++) {
                    ks[i] = fs[i] + dt * ft[i];
                }
                for (int j = 0; j < s; j++) {
                    double cj = ch[j];
                    double[] kj = k[j];
                    for (int i = 0; i < nn; i++) {
                        ks[i] += cj * kj[i];
                    }
                }
                lu.solve(ks);
            }
            double[] last = k[STAGES - 1];
            boolean finite = true;
            for (int i = 0; i < nn; i++) {
                y1[i] = u[i] + last[i];
                err[i] = last[i];
                finite &= Double.isFinite(y1[i]);
            }
            denseReady = false;
            return finite;
        }

        @Override
        void dense(double theta, double h, double[] out, int at) {
            if (!denseReady) {
                for (int r = 0; r < 3; r++) {
                    double[] hr = H[r];
                    double[] d = dk[r];
                    java.util.Arrays.fill(d, 0.0);
                    for (int j = 0; j < STAGES; j++) {
                        double hj = hr[j];
                        double[] kj = k[j];
                        for (int i = 0; i < n; i++) {
                            d[i] += hj * kj[i];
                        }
                    }
                }
                denseReady = true;
            }
            double s = 1 - theta;
            for (int i = 0; i < n; i++) {
                out[at + i] = s * y0[i] + theta * (y1[i] + s * (dk[0][i] + theta * (dk[1][i] + theta * dk[2][i])));
            }
        }

        @Override
        void accepted(double tNew, double h, boolean corrected) {
            eval(tNew, y1, f0);
        }
    }
}
