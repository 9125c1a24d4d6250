package org.nanopk.solve;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The exact solution of a linear time-invariant system y' = K y + b (every transfer first order, flow
 * or permeability; inputs zero order): over a step Δ,
 * <pre>
 * y(t+Δ) = Φ(Δ) y(t) + Γ(Δ) b,   Φ(Δ) = e^{KΔ},   Γ(Δ) = ∫₀^Δ e^{Ks} ds,
 * </pre>
 * both read off one matrix exponential exp([[K, I], [0, 0]]·Δ) (Hipparchus's Padé approximation of the
 * matrix scaled to a norm below 1/2, then squared back: correct for any finite step). Φ and Γ are
 * computed once per distinct step length and reused across output times, doses and infusions (bolus
 * doses are jumps between calls; an infusion changes b). Stats count the exponentials.
 *
 * <p>The exact Φ and Γ are zero where no amount can flow, non-negative when K is (off the diagonal), and,
 * when every column of K sums to zero over the conserved states (what leaves a compartment enters
 * others, 1ᵀK = 0), have columns summing to one and to Δ. Round-off of the exponential loses this on
 * long steps of stiff systems, and repeated squaring would amplify the loss, so each is restored after
 * the exponential and after each squaring: the total is then conserved to round-off for any step.
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

        /** The leading states whose columns of Φ sum to 1 (0 if the system does not conserve its total). */
        private final int conserved;
        /** reach[i·n + j]: state i can receive amount from state j; where not, Φ and Γ are exactly 0. */
        private final boolean[] reach;
        /** K has no negative off-diagonal entry: then e^(KΔ) and Γ(Δ) are entrywise non-negative. */
        private final boolean metzler;
        private final java.util.concurrent.ConcurrentMap<Object, Object> shared;

        Propagator(double[] k, int n, int conserved) {
            this(k, n, conserved, null);
        }

        /**
         * A propagator that also keeps its exponentials in {@code shared} (for all solves of a system).
         *
         * @param conserved the leading states whose total only inputs change (see OdeSystem#conservedStates)
         */
        Propagator(double[] k, int n, int conserved, java.util.concurrent.ConcurrentMap<Object, Object> shared) {
            this.k = k;
            this.n = n;
            this.shared = shared;
            java.util.Arrays.fill(keys, Double.NaN);
            boolean all = conserved > 0;
            for (int j = 0; j < conserved; j++) {
                double sum = 0;
                double abs = 0;
                for (int i = 0; i < conserved; i++) {
                    sum += k[i * n + j];
                    abs += Math.abs(k[i * n + j]);
                }
                all &= Math.abs(sum) <= 1e-14 * abs;
            }
            this.conserved = all ? conserved : 0;
            this.reach = reachability(k, n);
            boolean offDiagonalNonNegative = true;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    offDiagonalNonNegative &= i == j || k[i * n + j] >= 0;
                }
            }
            this.metzler = offDiagonalNonNegative;
        }

        /** Which states reach which: the transitive closure of K's off-diagonal pattern (Warshall). */
        private static boolean[] reachability(double[] k, int n) {
            boolean[] r = new boolean[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    r[i * n + j] = i == j || k[i * n + j] != 0;
                }
            }
            for (int l = 0; l < n; l++) {
                for (int i = 0; i < n; i++) {
                    if (r[i * n + l]) {
                        for (int j = 0; j < n; j++) {
                            r[i * n + j] |= r[l * n + j];
                        }
                    }
                }
            }
            return r;
        }

        /**
         * Gives Φ(Δ) and Γ(Δ) the properties the exact ones have, which round-off of the exponential and
         * of repeated squaring would otherwise erode (and squaring amplify): zero where no amount can
         * flow, non-negative for a Metzler K, and, when the total is conserved, columns summing to 1
         * (Φ) and to Δ (Γ) over the conserved states.
         */
        private void repair(double[] p, double[] g, double delta) {
            for (int e = 0; e < n * n; e++) {
                if (!reach[e]) {
                    p[e] = 0;
                    g[e] = 0;
                } else if (metzler) {
                    p[e] = Math.max(p[e], 0);
                    g[e] = Math.max(g[e], 0);
                }
            }
            for (int j = 0; j < conserved; j++) {
                restoreColumnSum(p, j, 1);
                restoreColumnSum(g, j, delta);
            }
        }

        /** Makes column j of m sum to {@code target} over the conserved states by correcting its largest entry. */
        private void restoreColumnSum(double[] m, int j, double target) {
            double sum = 0;
            int big = j;
            for (int i = 0; i < conserved; i++) {
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
            double[][] pg = exponential(delta);
            double[] p = pg[0];
            double[] g = pg[1];
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

        /** The largest norm of KΔ (and Δ) handed to Hipparchus's exponential as it is. */
        private static final double HIPPARCHUS_NORM = 1 << 16;

        /**
         * Φ(Δ) and Γ(Δ) from exp([[K, I], [0, 0]]·Δ): Hipparchus's Padé approximation with scaling and
         * squaring of the matrix scaled by 2^-s to a norm of at most 2^16, then s squarings of
         * [[Φ, Γ], [0, I]]: Φ ← Φ², Γ ← ΦΓ + Γ. Correct for any finite step (a step of 1e20 h is 53
         * squarings here).
         *
         * @throws SolverException if KΔ overflows
         */
        double[][] exponential(double delta) {
            double norm = AutoSolver.norm1(k, n);
            double scaled = norm * delta;
            if (!Double.isFinite(scaled) || !Double.isFinite(delta)) {
                throw new SolverException("a step of " + delta + " h with rates up to " + norm + " /h (K·Δ = " + scaled
                    + ") cannot be represented in double precision; expected shorter spans", Double.NaN);
            }
            // Hipparchus scales and squares by itself, accurately, up to moderate norms; beyond them (it
            // returned the identity for a step of 1e20 h) the step is halved here first
            int squarings = 0;
            double h = delta;
            while (Math.max(scaled, h) > HIPPARCHUS_NORM) {
                scaled /= 2;
                h /= 2;
                squarings++;
            }
            RealMatrix m = MatrixUtils.createRealMatrix(2 * n, 2 * n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m.setEntry(i, j, k[i * n + j] * h);
                }
                m.setEntry(i, n + i, h);
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
            repair(p, g, h);
            double[] p2 = new double[n * n];
            double[] g2 = new double[n * n];
            for (int q = 0; q < squarings; q++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double a = 0;
                        double b = g[i * n + j];
                        for (int l = 0; l < n; l++) {
                            double pil = p[i * n + l];
                            a += pil * p[l * n + j];
                            b += pil * g[l * n + j];
                        }
                        p2[i * n + j] = a;
                        g2[i * n + j] = b;
                    }
                }
                double[] t = p;
                p = p2;
                p2 = t;
                t = g;
                g = g2;
                g2 = t;
                h *= 2;
                repair(p, g, q + 1 == squarings ? delta : h);
            }
            return new double[][] {p, g};
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

    /**
     * y(t0 + τ) = Φ(τ) y0 + Γ(τ) b on one stretch, for any τ: immutable and thread-safe (each state
     * computes its own exponential; the propagator's cache is not touched).
     */
    private static final class Solution implements DenseOutput {
        private final Propagator prop;
        private final double t0;
        private final double[] y0;
        private final double[] b;

        Solution(Propagator prop, double t0, double[] y0, double[] b) {
            this.prop = prop;
            this.t0 = t0;
            this.y0 = y0;
            this.b = b;
        }

        @Override
        public void state(double t, double[] out, int at) {
            int n = prop.n;
            double tau = t - t0;
            if (!(tau > 0)) {
                System.arraycopy(y0, 0, out, at, n);
                return;
            }
            double[][] pg = prop.exponential(tau);
            for (int i = 0; i < n; i++) {
                double v = 0;
                for (int j = 0; j < n; j++) {
                    v += pg[0][i * n + j] * y0[j] + pg[1][i * n + j] * b[j];
                }
                out[at + i] = v;
            }
        }

        @Override
        public void derivative(double t, double[] out, int at) {
            int n = prop.n;
            double[] y = new double[n];
            state(t, y, 0);
            for (int i = 0; i < n; i++) {
                double v = b[i];
                for (int j = 0; j < n; j++) {
                    v += prop.k[i * n + j] * y[j];
                }
                out[at + i] = v;
            }
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
        private StepListener listener;

        Run(OdeSystem sys) {
            this.sys = sys;
            this.n = sys.dimension();
            this.zero = new double[n];
            this.b = new double[n];
            this.tmp = new double[n];
            double[] k = new double[n * n];
            sys.jacobian(0, zero, k);
            this.prop = new Propagator(k, n, sys.conservedStates(), sys.solverCache());
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
            if (listener != null && t1 > t0) {
                listener.exact(t0, t1, new Solution(prop, t0, y.clone(), b.clone()));
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

        @Override
        public void listen(StepListener l) {
            this.listener = l;
        }
    }
}
