package org.nanopk.internal;

import org.nanopk.solve.OdeSystem;

/**
 * The right-hand side of one model for one solve: the compiled rate laws on primitive arrays plus the
 * current zero-order inputs (running infusions). No allocation in any method called by a solver.
 * Not thread-safe: each solve makes its own (cheap) instance. Internal.
 *
 * <p>Nonlinear laws read the source amount as max(A, 0), so that round-off below zero never feeds a
 * power of a negative number; the amounts themselves are never clipped.
 */
public final class ModelSystem implements OdeSystem {
    private final Kinetics k;
    private final int n;
    private final int nc;
    private final int np;
    private final double[] input;
    private final double[] env;
    private final boolean usesEnv;
    private final double[] linJacobian;
    private final double[] probe;

    ModelSystem(Kinetics k) {
        this.k = k;
        CompiledModel m = k.model;
        this.n = m.ns;
        this.nc = m.nc;
        this.np = m.np;
        this.input = new double[n];
        this.usesEnv = k.exPlans.length > 0 || m.integralRate.length > 0;
        this.env = new double[m.envSize()];
        System.arraycopy(k.params, 0, env, 0, np);
        this.linJacobian = k.linJacobian;
        this.probe = k.cuPlans.length > 0 ? new double[n] : null;
    }

    /** The kinetics this system computes. */
    public Kinetics kinetics() {
        return k;
    }

    /** Sets the zero-order input into compartment {@code i} (amount/h). */
    public void setInput(int i, double ratePerH) {
        input[i] = ratePerH;
    }

    /** The zero-order input into compartment {@code i} (amount/h). */
    public double input(int i) {
        return input[i];
    }

    /** Sum of all zero-order inputs (amount/h). */
    public double totalInput() {
        double s = 0;
        for (int i = 0; i < nc; i++) {
            s += input[i];
        }
        return s;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public java.util.concurrent.ConcurrentMap<Object, Object> solverCache() {
        return k.solverCache;
    }

    @Override
    public org.nanopk.solve.SparsityPattern jacobianPattern() {
        return k.model.sparsity();
    }

    @Override
    public int nonNegativeStates() {
        return k.model.nonNegative ? nc : 0;
    }

    @Override
    public boolean isAutonomous() {
        return k.model.autonomous;
    }

    @Override
    public boolean isLinear() {
        return k.model.linear;
    }

    @Override
    public String describe() {
        return "model '" + k.model.name + "'";
    }

    private void loadEnv(double t, double[] y) {
        System.arraycopy(y, 0, env, np, n);
        env[np + n] = t;
    }

    @Override
    public void derivatives(double t, double[] y, double[] dy) {
        final Kinetics q = k;
        // first-order terms as a sparse matrix-vector product, row by row (no scatter)
        final int[] start = q.linRowStart;
        final int[] col = q.linCol;
        final double[] val = q.linVal;
        final double[] in = input;
        for (int i = 0; i < n; i++) {
            double s = in[i];
            for (int e = start[i], end = start[i + 1]; e < end; e++) {
                s += val[e] * y[col[e]];
            }
            dy[i] = s;
        }
        for (int j = 0; j < q.zRate.length; j++) {
            dy[q.zFrom[j]] -= q.zRate[j];
            dy[q.zTo[j]] += q.zRate[j];
        }
        for (int j = 0; j < q.mmVmax.length; j++) {
            double a = Math.max(y[q.mmFrom[j]], 0);
            double r = q.mmVmax[j] * a / (q.mmKm[j] + a);
            dy[q.mmFrom[j]] -= r;
            dy[q.mmTo[j]] += r;
        }
        for (int j = 0; j < q.hVmax.length; j++) {
            double an = Math.pow(Math.max(y[q.hFrom[j]], 0), q.hN[j]);
            double r = q.hVmax[j] * an / (q.hK50n[j] + an);
            dy[q.hFrom[j]] -= r;
            dy[q.hTo[j]] += r;
        }
        for (int j = 0; j < q.capKmax.length; j++) {
            double a = Math.max(y[q.capFrom[j]], 0);
            double r = q.capKmax[j] * (1 - y[q.capTo[j]] / q.capCap[j]) * a;
            dy[q.capFrom[j]] -= r;
            dy[q.capTo[j]] += r;
        }
        for (int j = 0; j < q.biK.length; j++) {
            double a = Math.max(y[q.biFrom[j]], 0);
            double r = q.biK[j] * a * (q.biCap[j] - y[q.biTo[j]]);
            dy[q.biFrom[j]] -= r;
            dy[q.biTo[j]] += r;
        }
        if (q.htKmax.length > 0) {
            double tp = Math.max(t, 0);
            for (int j = 0; j < q.htKmax.length; j++) {
                double tn = Math.pow(tp, q.htN[j]);
                double r = q.htKmax[j] * tn / (q.htT50n[j] + tn) * y[q.htFrom[j]];
                dy[q.htFrom[j]] -= r;
                dy[q.htTo[j]] += r;
            }
        }
        if (usesEnv) {
            loadEnv(t, y);
            for (CompiledModel.LawPlan p : q.exPlans) {
                double r = p.rate.eval(env);
                dy[p.from] -= r;
                dy[p.to] += r;
            }
            Expr[] integrals = q.model.integralRate;
            for (int i = 0; i < integrals.length; i++) {
                dy[nc + i] = integrals[i].eval(env);
            }
        }
        for (CompiledModel.LawPlan p : q.cuPlans) {
            double r = customRate(p, t, y);
            dy[p.from] -= r;
            dy[p.to] += r;
        }
    }

    private double customRate(CompiledModel.LawPlan p, double t, double[] y) {
        return ((org.nanopk.RateLaw.Custom) p.law).function().rate(t, y, k.parameters());
    }

    @Override
    public void jacobian(double t, double[] y, double[] jac) {
        final int nn = n;
        System.arraycopy(linJacobian, 0, jac, 0, nn * nn);
        final Kinetics q = k;
        // The nonlinear laws read max(A, 0): below zero they do not depend on A, and their Jacobian must
        // say so, or a Rosenbrock stage moves amounts that the right-hand side holds still.
        for (int j = 0; j < q.mmVmax.length; j++) {
            int f = q.mmFrom[j];
            double a = y[f];
            double km = q.mmKm[j];
            double d = a < 0 ? 0 : q.mmVmax[j] * km / ((km + a) * (km + a));
            add(jac, f, q.mmTo[j], f, d);
        }
        for (int j = 0; j < q.hVmax.length; j++) {
            int f = q.hFrom[j];
            add(jac, f, q.hTo[j], f, y[f] < 0 ? 0 : hillSlope(q.hVmax[j], q.hK50n[j], q.hN[j], y[f]));
        }
        for (int j = 0; j < q.capKmax.length; j++) {
            int f = q.capFrom[j];
            int to = q.capTo[j];
            double a = Math.max(y[f], 0);
            add(jac, f, to, f, y[f] < 0 ? 0 : q.capKmax[j] * (1 - y[to] / q.capCap[j]));
            add(jac, f, to, to, -q.capKmax[j] * a / q.capCap[j]);
        }
        for (int j = 0; j < q.biK.length; j++) {
            int f = q.biFrom[j];
            int to = q.biTo[j];
            double a = Math.max(y[f], 0);
            add(jac, f, to, f, y[f] < 0 ? 0 : q.biK[j] * (q.biCap[j] - y[to]));
            add(jac, f, to, to, -q.biK[j] * a);
        }
        if (q.htKmax.length > 0) {
            double tp = Math.max(t, 0);
            for (int j = 0; j < q.htKmax.length; j++) {
                double tn = Math.pow(tp, q.htN[j]);
                add(jac, q.htFrom[j], q.htTo[j], q.htFrom[j], q.htKmax[j] * tn / (q.htT50n[j] + tn));
            }
        }
        if (usesEnv) {
            loadEnv(t, y);
            for (CompiledModel.LawPlan p : q.exPlans) {
                for (int s = 0; s < p.deps.length; s++) {
                    add(jac, p.from, p.to, p.deps[s], finite(p.partials[s].eval(env)));
                }
            }
            CompiledModel m = q.model;
            for (int i = 0; i < m.integralRate.length; i++) {
                int[] deps = m.integralDeps[i];
                for (int s = 0; s < deps.length; s++) {
                    jac[(nc + i) * nn + deps[s]] += finite(m.integralPartials[i][s].eval(env));
                }
            }
        }
        for (CompiledModel.LawPlan p : q.cuPlans) {
            double r0 = customRate(p, t, y);
            System.arraycopy(y, 0, probe, 0, nn);
            for (int s = 0; s < nc; s++) {
                double h = 1.4901161193847656E-8 * Math.max(Math.abs(y[s]), 1e-6);
                probe[s] = y[s] + h;
                double d = (customRate(p, t, probe) - r0) / h;
                probe[s] = y[s];
                add(jac, p.from, p.to, s, d);
            }
        }
    }

    /**
     * A derivative that is infinite where the rate has an infinite slope (such as tⁿ with n &lt; 1 at
     * t = 0, or Aⁿ at A = 0) is left out; the step-size control resolves that point instead.
     */
    private static double finite(double d) {
        return Double.isFinite(d) ? d : 0;
    }

    /** Adds ∂rate/∂y_s = d of a transfer from→to to the Jacobian. */
    private void add(double[] jac, int from, int to, int s, double d) {
        jac[from * n + s] -= d;
        jac[to * n + s] += d;
    }

    /** d/dA of vmax·Aⁿ/(k50ⁿ + Aⁿ); at A = 0 with n &lt; 1 (infinite slope) the secant over a tiny step. */
    private static double hillSlope(double vmax, double k50n, double n, double a) {
        if (a > 0) {
            double an = Math.pow(a, n);
            double den = k50n + an;
            return vmax * n * an / a * k50n / (den * den);
        }
        if (n > 1) {
            return 0;
        }
        if (n == 1) {
            return vmax / k50n;
        }
        double delta = 1e-9 * Math.pow(k50n, 1 / n);
        double dn = Math.pow(delta, n);
        return vmax * dn / (k50n + dn) / delta;
    }

    @Override
    public void timeDerivative(double t, double[] y, double[] ft) {
        java.util.Arrays.fill(ft, 0, n, 0.0);
        final Kinetics q = k;
        for (int j = 0; j < q.htKmax.length; j++) {
            double n1 = q.htN[j];
            double slope;
            if (t > 0) {
                double tn = Math.pow(t, n1);
                double den = q.htT50n[j] + tn;
                slope = n1 * tn / t * q.htT50n[j] / (den * den);
            } else {
                // the slope at t = 0 is 0 for n > 1 and 1/t50 for n = 1; for n < 1 it is infinite and
                // is left out: the step-size control resolves the start instead
                slope = n1 == 1 ? 1 / q.htT50n[j] : 0;
            }
            double r = q.htKmax[j] * slope * y[q.htFrom[j]];
            ft[q.htFrom[j]] -= r;
            ft[q.htTo[j]] += r;
        }
        if (usesEnv) {
            loadEnv(t, y);
            for (CompiledModel.LawPlan p : q.exPlans) {
                if (p.dt != null) {
                    double r = finite(p.dt.eval(env));
                    ft[p.from] -= r;
                    ft[p.to] += r;
                }
            }
            CompiledModel m = q.model;
            for (int i = 0; i < m.integralRate.length; i++) {
                if (m.integralDt[i] != null) {
                    ft[nc + i] += finite(m.integralDt[i].eval(env));
                }
            }
        }
        for (CompiledModel.LawPlan p : q.cuPlans) {
            double h = 1.4901161193847656E-8 * Math.max(Math.abs(t), 1);
            double d = (customRate(p, t + h, y) - customRate(p, t, y)) / h;
            ft[p.from] -= d;
            ft[p.to] += d;
        }
    }
}
