package org.nanopk.solve;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The exact solution of a linear time-invariant system y' = K y + b (every transfer first order, flow
 * or permeability; inputs zero order): over a step Δ,
 * <pre>
 * y(t+Δ) = Φ(Δ) y(t) + Γ(Δ) b,   Φ(Δ) = e^{KΔ},   Γ(Δ) = ∫₀^Δ e^{Ks} ds,
 * </pre>
 * both read off one matrix exponential exp([[K, I], [0, 0]]·Δ) (Hipparchus
 * {@code MatrixUtils.matrixExponential}, Padé approximation with scaling and squaring). Φ and Γ are
 * computed once per distinct step length and reused across output times, doses and infusions (bolus
 * doses are jumps between calls; an infusion changes b). Stats count each exponential as one "LU".
 *
 * <p>When every column of K sums to zero (what leaves a compartment enters others: the total is
 * conserved, 1ᵀK = 0), the exact Φ has columns summing to one and Γ columns summing to Δ. Scaling and
 * squaring loses this to round-off on long steps of stiff systems (about 1e-10 for ‖K‖Δ ≈ 1e7), so the
 * invariant is restored by correcting each column's largest entry: the total is then conserved to
 * round-off.
 */
final class ExactLinear extends AbstractSolver {
    private static final int CACHE = 8;

    ExactLinear(double rtol, double atol, int maxSteps) {
        this(rtol, atol, maxSteps, DEFAULT_MAX_SS_CYCLES);
    }

    ExactLinear(double rtol, double atol, int maxSteps, int maxCycles) {
        super(rtol, atol, maxSteps, maxCycles);
    }

    @Override
    Solver copy(double r, double a, int m, int cycles) {
        return new ExactLinear(r, a, m, cycles);
    }

    @Override
    public String name() {
        return "exact";
    }

    @Override
    public Integrator integrator(OdeSystem system, double horizon) {
        if (!system.isLinear()) {
            throw new IllegalArgumentException("the exact solver needs a linear time-invariant model, but "
                + system.describe() + " has nonlinear or time-dependent rates; use the stiff, nonstiff or auto solver");
        }
        return new Run(system);
    }

    /** The key of a cached exponential: the step length (the matrix is the system's own). */
    private record ExpKey(double delta) {
    }

    /** Φ(Δ) and Γ(Δ) for one matrix K (no allocation once the cache is warm). */
    static final class Propagator {
        final int n;
        final double[] k;
        private final double[] keys = new double[CACHE];
        private final double[][] phi = new double[CACHE][];
        private final double[][] gamma = new double[CACHE][];
        private int next;
        long exponentials;

        private final boolean conserving;
        /** K has no negative off-diagonal entry: then e^(KΔ) and Γ(Δ) are entrywise non-negative. */
        private final boolean metzler;
        private final java.util.concurrent.ConcurrentMap<Object, Object> shared;

        Propagator(double[] k, int n) {
            this(k, n, null);
        }

        /** A propagator that also keeps its exponentials in {@code shared} (for all solves of a system). */
        Propagator(double[] k, int n, java.util.concurrent.ConcurrentMap<Object, Object> shared) {
            this.k = k;
            this.n = n;
            this.shared = shared;
            java.util.Arrays.fill(keys, Double.NaN);
            boolean all = true;
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int i = 0; i < n; i++) {
                    sum += k[i * n + j];
                    abs += Math.abs(k[i * n + j]);
                }
                all &= Math.abs(sum) <= 1e-14 * abs;
            }
            this.conserving = all;
            boolean offDiagonalNonNegative = true;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    offDiagonalNonNegative &= i == j || k[i * n + j] >= 0;
                }
            }
            this.metzler = offDiagonalNonNegative;
        }

        /** Makes column j of m sum to {@code target} by correcting its largest entry. */
        private void restoreColumnSum(double[] m, int j, double target) {
            double sum = 0;
            int big = j;
            for (int i = 0; i < n; i++) {
                sum += m[i * n + j];
                if (Math.abs(m[i * n + j]) > Math.abs(m[big * n + j])) {
                    big = i;
                }
            }
            m[big * n + j] += target - sum;
        }

        /** The cache slot holding Φ(Δ), Γ(Δ), computing them if needed. */
        int slot(double delta) {
            for (int s = 0; s < CACHE; s++) {
                if (keys[s] == delta) {
                    return s;
                }
            }
            int s = next;
            next = (next + 1) % CACHE;
            Object key = shared == null ? null : new ExpKey(delta);
            double[][] known = key == null ? null : (double[][]) shared.get(key);
            if (known != null) {
                phi[s] = known[0];
                gamma[s] = known[1];
                keys[s] = delta;
                return s;
            }
            RealMatrix m = MatrixUtils.createRealMatrix(2 * n, 2 * n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m.setEntry(i, j, k[i * n + j] * delta);
                }
                m.setEntry(i, n + i, delta);
            }
            RealMatrix e = MatrixUtils.matrixExponential(m);
            double[] p = new double[n * n];
            double[] g = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    p[i * n + j] = e.getEntry(i, j);
                    g[i * n + j] = e.getEntry(i, n + j);
                }
            }
            if (metzler) {
                // the exact matrices are non-negative: a negative entry is round-off of the exponential,
                // and would show as a small negative amount
                for (int i = 0; i < n * n; i++) {
                    p[i] = Math.max(p[i], 0);
                    g[i] = Math.max(g[i], 0);
                }
            }
            if (conserving) {
                for (int j = 0; j < n; j++) {
                    restoreColumnSum(p, j, 1);
                    restoreColumnSum(g, j, delta);
                }
            }
            phi[s] = p;
            gamma[s] = g;
            keys[s] = delta;
            exponentials++;
            if (key != null && shared.size() < 1024) {
                shared.putIfAbsent(key, new double[][] {p, g});
            }
            return s;
        }

        /** out[at..at+n) = Φ(Δ) y[from..from+n) + Γ(Δ) b (the ranges must not overlap). */
        void apply(double delta, double[] y, int from, double[] b, boolean hasInput, double[] out, int at) {
            int s = slot(delta);
            double[] p = phi[s];
            double[] g = gamma[s];
            for (int i = 0; i < n; i++) {
                double v = 0;
                int r = i * n;
                for (int j = 0; j < n; j++) {
                    v += p[r + j] * y[from + j];
                }
                if (hasInput) {
                    for (int j = 0; j < n; j++) {
                        v += g[r + j] * b[j];
                    }
                }
                out[at + i] = v;
            }
        }

        /** Φ(Δ) (row-major, do not modify). */
        double[] phi(double delta) {
            return phi[slot(delta)];
        }

        /** Γ(Δ) (row-major, do not modify). */
        double[] gamma(double delta) {
            return gamma[slot(delta)];
        }
    }

    private final class Run implements Integrator {
        private final OdeSystem sys;
        private final int n;
        private final Propagator prop;
        private final double[] zero;
        private final double[] b;
        private final double[] tmp;
        private long steps;
        private long evaluations;

        Run(OdeSystem sys) {
            this.sys = sys;
            this.n = sys.dimension();
            this.zero = new double[n];
            this.b = new double[n];
            this.tmp = new double[n];
            double[] k = new double[n * n];
            sys.jacobian(0, zero, k);
            this.prop = new Propagator(k, n, sys.solverCache());
        }

        @Override
        public void integrate(double t0, double[] y, double t1, double[] times, int from, int to, double[] out,
                              int offset) {
            sys.derivatives(t0, zero, b); // b = f(t, 0): the constant input
            evaluations++;
            boolean hasInput = false;
            for (double v : b) {
                hasInput |= v != 0;
            }
            double t = t0;
            double[] cur = y;
            int curAt = 0;
            for (int k = from; k < to; k++) {
                int at = offset + (k - from) * n;
                if (times[k] > t) {
                    prop.apply(times[k] - t, cur, curAt, b, hasInput, out, at);
                    steps++;
                    t = times[k];
                } else {
                    System.arraycopy(cur, curAt, out, at, n);
                }
                cur = out;
                curAt = at;
            }
            if (t1 > t) {
                prop.apply(t1 - t, cur, curAt, b, hasInput, tmp, 0);
                steps++;
                System.arraycopy(tmp, 0, y, 0, n);
            } else if (cur != y) {
                System.arraycopy(cur, curAt, y, 0, n);
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(y[i])) {
                    throw new SolverException(sys.describe() + ": the exact solution is not finite at t = " + t1
                        + " h (" + sys.stateName(i) + " = " + y[i] + ")", t1);
                }
            }
        }

        @Override
        public SolverStats stats() {
            return new SolverStats("exact", steps, 0, evaluations, 1, 0, prop.exponentials);
        }
    }
}
