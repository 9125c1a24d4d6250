package org.nanopk;

import java.util.Arrays;
import java.util.concurrent.ConcurrentMap;

import org.nanopk.internal.Expr;
import org.nanopk.solve.OdeSystem;
import org.nanopk.solve.SparsityPattern;

/**
 * The right-hand side of one model for one solve: the linear terms as a sparse matrix-vector product,
 * the other terms as expressions specialised to the parameter set, custom laws, plus the current
 * zero-order inputs (running infusions). No allocation in any method called by a solver. Not
 * thread-safe: each solve makes its own (cheap) instance.
 */
final class ModelSystem implements OdeSystem {
    private static final double FD_STEP = 1.4901161193847656E-8; // √ε

    private final Kinetics k;
    private final CompiledModel m;
    private final int n;
    private final int nc;
    private final int np;
    private final double[] input;
    private final double[] env;
    private final double[] probe;
    /** The generated code, or null to interpret. */
    private final Kernel kernel;
    /** The generated code's scratch for the nonlinear rates. */
    private final double[] rates;

    ModelSystem(Kinetics k) {
        this(k, k.kernelForSolve());
    }

    /** A system that uses {@code kernel}, or interprets when it is null (the reference for tests). */
    ModelSystem(Kinetics k, Kernel kernel) {
        this.k = k;
        this.m = k.model;
        this.n = m.ns;
        this.nc = m.nc;
        this.np = m.np;
        this.input = new double[n];
        this.env = new double[m.envSize()];
        k.loadParameters(env);
        this.probe = m.customs.length > 0 ? new double[n] : null;
        this.kernel = kernel;
        this.rates = new double[k.nlRate.length];
    }

    /** Sets the zero-order input into compartment {@code i} (amount/h). */
    void setInput(int i, double ratePerH) {
        input[i] = ratePerH;
    }

    /** The zero-order input into compartment {@code i} (amount/h). */
    double input(int i) {
        return input[i];
    }

    /** Sum of all zero-order inputs (amount/h). */
    double totalInput() {
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
    public ConcurrentMap<Object, Object> solverCache() {
        return k.solverCache;
    }

    @Override
    public SparsityPattern jacobianPattern() {
        return m.sparsity();
    }

    @Override
    public int nonNegativeStates() {
        return m.nonNegative ? nc : 0;
    }

    @Override
    public int conservedStates() {
        return nc;
    }

    @Override
    public double conservedInput() {
        return totalInput();
    }

    @Override
    public boolean isAutonomous() {
        return m.autonomous;
    }

    @Override
    public boolean isLinear() {
        return m.linear;
    }

    @Override
    public String describe() {
        return "model '" + m.name + "'";
    }

    @Override
    public String stateName(int i) {
        return m.states.get(i);
    }

    private void loadEnv(double t, double[] y) {
        System.arraycopy(y, 0, env, np, n);
        env[np + n] = t;
    }

    @Override
    public void derivatives(double t, double[] y, double[] dy) {
        if (kernel != null) {
            kernel.derivatives(t, y, input, dy, rates);
            if (m.customs.length > 0) {
                customRates(t, y, dy);
            }
            return;
        }
        final Kinetics q = k;
        // the linear terms as a sparse matrix-vector product, row by row (no scatter)
        final int[] start = m.linRowStart;
        final int[] col = m.linCol;
        final double[] val = q.linVal;
        final double[] in = input;
        for (int i = 0; i < n; i++) {
            double s = in[i];
            for (int e = start[i], end = start[i + 1]; e < end; e++) {
                s += val[e] * y[col[e]];
            }
            dy[i] = s;
        }
        final double[] c = q.linConst;
        if (c != null) {
            for (int i = 0; i < n; i++) {
                dy[i] += c[i];
            }
        }
        if (q.usesEnv) {
            loadEnv(t, y);
            final Expr[] rates = q.nlRate;
            final int[] from = q.nlFrom;
            final int[] to = q.nlTo;
            for (int j = 0; j < rates.length; j++) {
                double r = rates[j].eval(env);
                if (from[j] >= 0) {
                    dy[from[j]] -= r;
                }
                dy[to[j]] += r;
            }
        }
        customRates(t, y, dy);
    }

    private void customRates(double t, double[] y, double[] dy) {
        for (CompiledModel.CustomTerm p : m.customs) {
            double r = p.function().rate(t, y, k.parameters());
            dy[p.from()] -= r;
            dy[p.to()] += r;
        }
    }

    @Override
    public void jacobian(double t, double[] y, double[] jac) {
        final int nn = n;
        System.arraycopy(k.linJacobian, 0, jac, 0, nn * nn);
        addNonlinearJacobian(t, y, jac);
        for (CompiledModel.CustomTerm p : m.customs) {
            double r0 = p.function().rate(t, y, k.parameters());
            System.arraycopy(y, 0, probe, 0, nn);
            for (int s = 0; s < nc; s++) {
                double h = FD_STEP * Math.max(Math.abs(y[s]), 1e-6);
                probe[s] = y[s] + h;
                double d = (p.function().rate(t, probe, k.parameters()) - r0) / h;
                probe[s] = y[s];
                add(jac, p.from(), p.to(), s, d);
            }
        }
    }

    /** Adds the nonlinear terms' partial derivatives to {@code jac}: generated, or interpreted. */
    private void addNonlinearJacobian(double t, double[] y, double[] jac) {
        final Kinetics q = k;
        if (kernel != null) {
            kernel.addJacobian(t, y, jac);
        } else if (q.usesEnv) {
            loadEnv(t, y);
            for (int j = 0; j < q.nlRate.length; j++) {
                int[] deps = q.nlDeps[j];
                Expr[] partials = q.nlPartials[j];
                for (int s = 0; s < deps.length; s++) {
                    add(jac, q.nlFrom[j], q.nlTo[j], deps[s], finite(partials[s].eval(env)));
                }
            }
        }
    }

    /**
     * The Jacobian at the pattern's entries only: they are cleared, the linear entries written, the
     * nonlinear partials added; O(non-zeros) instead of the n² of {@link #jacobian}. With custom laws
     * (dense rows of finite differences), the whole Jacobian.
     */
    @Override
    public void jacobianOnPattern(double t, double[] y, double[] jac) {
        if (m.customs.length > 0) {
            jacobian(t, y, jac);
            return;
        }
        for (int e : m.patternEntries) {
            jac[e] = 0;
        }
        final Kinetics q = k;
        for (int i = 0; i < n; i++) {
            for (int e = m.linRowStart[i], end = m.linRowStart[i + 1]; e < end; e++) {
                jac[i * n + m.linCol[e]] = q.linVal[e];
            }
        }
        addNonlinearJacobian(t, y, jac);
    }

    /**
     * Column sums of |∂f/∂y| without forming the Jacobian: the linear entries, then each nonlinear term's
     * partials (interpreted; this is asked once per solve) added in absolute value at its source and
     * destination rows. The sum over terms bounds the norm of their sum. With custom laws (finite
     * differences over the whole state), the dense default.
     */
    @Override
    public double jacobianNorm1(double t, double[] y) {
        if (m.customs.length > 0) {
            return OdeSystem.super.jacobianNorm1(t, y);
        }
        final Kinetics q = k;
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
            for (int e = m.linRowStart[i], end = m.linRowStart[i + 1]; e < end; e++) {
                column[m.linCol[e]] += Math.abs(q.linVal[e]);
            }
        }
        if (q.usesEnv) {
            loadEnv(t, y);
            for (int j = 0; j < q.nlRate.length; j++) {
                int[] deps = q.nlDeps[j];
                for (int s = 0; s < deps.length; s++) {
                    double d = Math.abs(finite(q.nlPartials[j][s].eval(env)));
                    column[deps[s]] += q.nlFrom[j] >= 0 ? 2 * d : d;
                }
            }
        }
        double max = 0;
        for (double c : column) {
            max = Math.max(max, c);
        }
        return max;
    }

    /**
     * A derivative that is infinite or undefined where the rate has an infinite slope (such as tⁿ with
     * n &lt; 1 at t = 0) is left out; the step-size control resolves that point instead.
     */
    private static double finite(double d) {
        return Double.isFinite(d) ? d : 0;
    }

    /** Adds ∂rate/∂y_s = d of a term from→to (from = -1: an integral) to the Jacobian. */
    private void add(double[] jac, int from, int to, int s, double d) {
        if (from >= 0) {
            jac[from * n + s] -= d;
        }
        jac[to * n + s] += d;
    }

    @Override
    public void timeDerivative(double t, double[] y, double[] ft) {
        Arrays.fill(ft, 0, n, 0.0);
        final Kinetics q = k;
        if (kernel != null) {
            kernel.addTimeDerivative(t, y, ft);
        } else if (q.usesEnv) {
            loadEnv(t, y);
            for (int j = 0; j < q.nlRate.length; j++) {
                Expr dt = q.nlDt[j];
                if (dt != null) {
                    double r = finite(dt.eval(env));
                    if (q.nlFrom[j] >= 0) {
                        ft[q.nlFrom[j]] -= r;
                    }
                    ft[q.nlTo[j]] += r;
                }
            }
        }
        for (CompiledModel.CustomTerm p : m.customs) {
            double h = FD_STEP * Math.max(Math.abs(t), 1);
            double d = (p.function().rate(t + h, y, k.parameters()) - p.function().rate(t, y, k.parameters())) / h;
            ft[p.from()] -= d;
            ft[p.to()] += d;
        }
    }
}
