package org.nanopk.solve;

import java.util.List;

/**
 * Closed-form test problems shared by every solver test (as Hipparchus's ODE tests share theirs).
 * Each is an {@link OdeSystem} written by hand, independent of NanoPK's model compiler, with its exact
 * solution worked out in the comments.
 */
final class TestProblems {
    private TestProblems() {
    }

    /** A test problem: the equations, the initial state at t = 0, the exact solution. */
    abstract static class Problem implements OdeSystem {
        final String name;
        final double[] y0;

        Problem(String name, double... y0) {
            this.name = name;
            this.y0 = y0;
        }

        abstract double[] exact(double t);

        @Override
        public int dimension() {
            return y0.length;
        }

        @Override
        public void timeDerivative(double t, double[] y, double[] dfdt) {
            java.util.Arrays.fill(dfdt, 0);
        }

        @Override
        public boolean isAutonomous() {
            return true;
        }

        @Override
        public boolean isLinear() {
            return false;
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * y' = K y + b, K = [[-(k10+k12), k21], [k12, -k21]], b = (r, 0): two compartments with an infusion.
     * With eigenvalues λ1 ≠ λ2 of K, e^{Kt} = (e^{λ1 t}(K − λ2 I) − e^{λ2 t}(K − λ1 I))/(λ1 − λ2), and
     * y(t) = e^{Kt} y0 + K⁻¹(e^{Kt} − I) b.
     */
    static Problem linear(String name, double k10, double k12, double k21, double r) {
        double[][] k = {{-(k10 + k12), k21}, {k12, -k21}};
        double tr = k[0][0] + k[1][1];
        double det = k[0][0] * k[1][1] - k[0][1] * k[1][0];
        double disc = Math.sqrt(tr * tr - 4 * det);
        double l1 = (tr + disc) / 2;
        double l2 = (tr - disc) / 2;
        double[] b = {r, 0};
        return new Problem(name, 100, 0) {
            @Override
            public void derivatives(double t, double[] y, double[] dy) {
                dy[0] = k[0][0] * y[0] + k[0][1] * y[1] + b[0];
                dy[1] = k[1][0] * y[0] + k[1][1] * y[1] + b[1];
            }

            @Override
            public void jacobian(double t, double[] y, double[] j) {
                j[0] = k[0][0];
                j[1] = k[0][1];
                j[2] = k[1][0];
                j[3] = k[1][1];
            }

            @Override
            public boolean isLinear() {
                return true;
            }

            @Override
            double[] exact(double t) {
                double e1 = Math.exp(l1 * t);
                double e2 = Math.exp(l2 * t);
                double[][] e = new double[2][2];
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        double id = i == j ? 1 : 0;
                        e[i][j] = (e1 * (k[i][j] - l2 * id) - e2 * (k[i][j] - l1 * id)) / (l1 - l2);
                    }
                }
                double[] ey = {e[0][0] * y0[0] + e[0][1] * y0[1], e[1][0] * y0[0] + e[1][1] * y0[1]};
                // K⁻¹ (e^{Kt} − I) b
                double[] v = {(e[0][0] - 1) * b[0] + e[0][1] * b[1], e[1][0] * b[0] + (e[1][1] - 1) * b[1]};
                double[] w = {(k[1][1] * v[0] - k[0][1] * v[1]) / det, (-k[1][0] * v[0] + k[0][0] * v[1]) / det};
                return new double[] {ey[0] + w[0], ey[1] + w[1]};
            }
        };
    }

    /**
     * Michaelis–Menten elimination into a sink, A' = −Vm A/(Km + A), A(0) = A0:
     * A(t) = Km W((A0/Km) e^{(A0 − Vm t)/Km}) with W Lambert's function; the sink holds A0 − A.
     */
    static Problem michaelisMenten(double vm, double km, double a0) {
        return new Problem("Michaelis-Menten", a0, 0) {
            @Override
            public void derivatives(double t, double[] y, double[] dy) {
                double r = vm * y[0] / (km + y[0]);
                dy[0] = -r;
                dy[1] = r;
            }

            @Override
            public void jacobian(double t, double[] y, double[] j) {
                double d = vm * km / ((km + y[0]) * (km + y[0]));
                j[0] = -d;
                j[1] = 0;
                j[2] = d;
                j[3] = 0;
            }

            @Override
            double[] exact(double t) {
                double a = km * org.nanopk.LambertWAccess.w0(a0 / km * Math.exp((a0 - vm * t) / km));
                return new double[] {a, a0 - a};
            }
        };
    }

    /**
     * Uptake whose rate grows in time, A' = −kmax t²/(T + t²) A with T = t50² (the Hill-in-time law,
     * n = 2): ∫₀ᵗ s²/(T+s²) ds = t − √T·atan(t/√T), so A(t) = A0 exp(−kmax (t − √T atan(t/√T))).
     * Non-autonomous: it checks the solvers' use of ∂f/∂t.
     */
    static Problem hillInTime(double kmax, double t50, double a0) {
        double big = t50 * t50;
        return new Problem("Hill in time", a0, 0) {
            double h(double t) {
                return t * t / (big + t * t);
            }

            @Override
            public void derivatives(double t, double[] y, double[] dy) {
                double r = kmax * h(t) * y[0];
                dy[0] = -r;
                dy[1] = r;
            }

            @Override
            public void jacobian(double t, double[] y, double[] j) {
                double d = kmax * h(t);
                j[0] = -d;
                j[1] = 0;
                j[2] = d;
                j[3] = 0;
            }

            @Override
            public void timeDerivative(double t, double[] y, double[] ft) {
                double dh = 2 * t * big / ((big + t * t) * (big + t * t));
                ft[0] = -kmax * dh * y[0];
                ft[1] = kmax * dh * y[0];
            }

            @Override
            public boolean isAutonomous() {
                return false;
            }

            @Override
            double[] exact(double t) {
                double a = a0 * Math.exp(-kmax * (t - t50 * Math.atan(t / t50)));
                return new double[] {a, a0 - a};
            }
        };
    }

    /** Non-stiff and stiff versions of the problems, for every solver. */
    static List<Problem> all() {
        return List.of(
            linear("two compartments with infusion", 0.2, 0.5, 0.1, 3),
            linear("stiff two compartments", 0.1, 1000, 500, 0),
            michaelisMenten(20, 5, 100),
            hillInTime(0.5, 3, 100));
    }
}
