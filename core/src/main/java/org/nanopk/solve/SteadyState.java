package org.nanopk.solve;

import java.util.Arrays;


/**
 * Steady states of a system under periodic or constant input, over the states that can reach one.
 * "Accumulators" (states nothing depends on and that only fill up, such as sinks and integrals) grow
 * without bound under an infinite dose train; they are excluded and returned as 0.
 *
 * <p>A periodic input ({@link Cycle}) is a bolus vector at phase 0 plus zero-order rates that are
 * constant on [0, split) and on [split, period). For a linear time-invariant system the steady state
 * is exact: with Φ(Δ) = e^{KΔ} and Γ(Δ) = ∫₀^Δ e^{Ks} ds, the trough y* just before a dose satisfies
 * <pre>
 * y* = Φ(τ−r)[Φ(r)(y* + d) + Γ(r) b₁] + Γ(τ−r) b₂,   i.e.  (I − Φ(τ)) y* = Φ(τ) d + Φ(τ−r)Γ(r) b₁ + Γ(τ−r) b₂,
 * </pre>
 * the closed form of the geometric series Σ Φ(τ)^k; it is solved by LU. For other systems the cycle
 * map is integrated from the zero state until two successive troughs agree to the tolerance.
 */
public final class SteadyState {
    private SteadyState() {
    }

    /**
     * One period of a periodic input.
     *
     * @param period the dosing interval τ (h)
     * @param bolus amounts added at phase 0 (per state)
     * @param split the phase (0 &lt; split ≤ τ) where the rates change from {@code rates1} to {@code rates2}
     * @param rates1 zero-order rates on [0, split) (per state, amount/h)
     * @param rates2 zero-order rates on [split, τ)
     */
    public record Cycle(double period, double[] bolus, double split, double[] rates1, double[] rates2) {
        /** Copies the arrays in. */
        public Cycle {
            bolus = bolus.clone();
            rates1 = rates1.clone();
            rates2 = rates2.clone();
        }

        /** The amounts added at phase 0 (a copy). */
        @Override
        public double[] bolus() {
            return bolus.clone();
        }

        /** The rates on [0, split) (a copy). */
        @Override
        public double[] rates1() {
            return rates1.clone();
        }

        /** The rates on [split, τ) (a copy). */
        @Override
        public double[] rates2() {
            return rates2.clone();
        }
    }

    /**
     * What a steady-state computation returns: the state, and how many cycles were integrated (0 if exact).
     *
     * @param state the steady state (per state)
     * @param cycles the dosing intervals integrated to reach it
     */
    public record Result(double[] state, int cycles) {
        /** Copies the state in. */
        public Result {
            state = state.clone();
        }

        /** The steady state (a copy). */
        @Override
        public double[] state() {
            return state.clone();
        }
    }

    /** A system with extra zero-order inputs added to its right-hand side. */
    static final class WithInput implements OdeSystem {
        final OdeSystem base;
        final double[] rate;

        WithInput(OdeSystem base) {
            this.base = base;
            this.rate = new double[base.dimension()];
        }

        @Override
        public int dimension() {
            return base.dimension();
        }

        @Override
        public void derivatives(double t, double[] y, double[] dydt) {
            base.derivatives(t, y, dydt);
            for (int i = 0; i < rate.length; i++) {
                dydt[i] += rate[i];
            }
        }

        @Override
        public void jacobian(double t, double[] y, double[] dfdy) {
            base.jacobian(t, y, dfdy);
        }

        @Override
        public void timeDerivative(double t, double[] y, double[] dfdt) {
            base.timeDerivative(t, y, dfdt);
        }

        @Override
        public boolean isAutonomous() {
            return base.isAutonomous();
        }

        @Override
        public boolean isLinear() {
            return base.isLinear();
        }

        @Override
        public SparsityPattern jacobianPattern() {
            return base.jacobianPattern();
        }

        @Override
        public String describe() {
            return base.describe();
        }

        @Override
        public String stateName(int i) {
            return base.stateName(i);
        }

        @Override
        public int conservedStates() {
            return base.conservedStates();
        }

        @Override
        public double conservedInput() {
            double s = base.conservedInput();
            for (int i = 0; i < base.conservedStates(); i++) {
                s += rate[i];
            }
            return s;
        }

        @Override
        public int nonNegativeStates() {
            return base.nonNegativeStates();
        }
    }

    /**
     * The periodic steady state at {@code phase} (0 &lt; phase ≤ τ) after a dose of the train; at
     * phase = τ this is the trough just before the next dose.
     *
     * @param sys the system without the train's inputs (autonomous; its own zero-order rates included)
     * @param accumulator which states are excluded (returned as 0)
     * @param solver used for nonlinear systems; its rtol and atol define convergence
     * @param maxCycles the most cycles to integrate before giving up
     */
    public static Result periodic(OdeSystem sys, boolean[] accumulator, Cycle c, double phase, Solver solver,
                                  int maxCycles) {
        if (!sys.isAutonomous()) {
            throw new IllegalArgumentException(sys.describe() + " has time-dependent rates, so a dose train has no "
                + "periodic steady state; steady-state doses need rates that do not depend on t");
        }
        int n = sys.dimension();
        double[] trough;
        int cycles = 0;
        if (sys.isLinear()) {
            trough = linearTrough(sys, accumulator, c);
        } else {
            int[] used = new int[1];
            trough = iterate(sys, accumulator, c, solver, maxCycles, used);
            cycles = used[0];
        }
        double[] y = trough.clone();
        if (phase < c.period()) {
            WithInput w = new WithInput(sys);
            Integrator in = integratorFor(w, solver, c.period());
            cycle(w, in, y, c, phase);
        }
        for (int i = 0; i < n; i++) {
            if (accumulator[i]) {
                y[i] = 0;
            }
        }
        return new Result(y, cycles);
    }

    /**
     * The steady state under constant zero-order {@code rates}: f(y) + rates = 0 over the
     * non-accumulator states. Exact (a linear solve) for linear systems; otherwise by integrating in
     * chunks of doubling length until the state stops changing.
     */
    public static Result constant(OdeSystem sys, boolean[] accumulator, double[] rates, Solver solver,
                                  int maxChunks) {
        if (!sys.isAutonomous()) {
            throw new IllegalArgumentException(sys.describe() + " has time-dependent rates, so it has no "
                + "steady state under a constant infusion");
        }
        int n = sys.dimension();
        WithInput w = new WithInput(sys);
        System.arraycopy(rates, 0, w.rate, 0, n);
        if (sys.isLinear()) {
            int[] idx = kept(accumulator);
            int m = idx.length;
            double[] k = new double[n * n];
            sys.jacobian(0, new double[n], k);
            double[] b = new double[n];
            w.derivatives(0, new double[n], b);
            Lu lu = new Lu(m);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    lu.a[i * m + j] = k[idx[i] * n + idx[j]];
                }
            }
            if (!lu.factor()) {
                throw new SolverException(sys.describe() + ": no steady state under a constant infusion: some amount "
                    + "never leaves its compartments (the rate matrix is singular)", Double.NaN);
            }
            double[] x = new double[m];
            for (int i = 0; i < m; i++) {
                x[i] = -b[idx[i]];
            }
            lu.solve(x);
            double[] y = new double[n];
            for (int i = 0; i < m; i++) {
                y[idx[i]] = x[i];
            }
            return new Result(y, 0);
        }
        double[] y = new double[n];
        double[] prev = new double[n];
        Integrator in = integratorFor(w, solver, 1e6);
        double t = 0;
        double chunk = 1;
        double rtol = solver.relativeTolerance();
        double atol = solver.absoluteTolerance();
        for (int k = 1; k <= maxChunks; k++) {
            System.arraycopy(y, 0, prev, 0, n);
            in.integrate(t, y, t + chunk, new double[0], 0, 0, new double[0], 0);
            t += chunk;
            if (k > 1 && change(prev, y, accumulator, rtol, atol) <= 1) {
                zeroAccumulators(y, accumulator);
                return new Result(y, k);
            }
            chunk = Math.min(chunk * 2, 1e4);
        }
        throw new SolverException(sys.describe() + ": no steady state under a constant infusion after integrating "
            + Math.round(t) + " h in " + maxChunks + " chunks (largest relative change "
            + change(prev, y, accumulator, rtol, atol) * rtol + ")", t);
    }

    /** The exact trough of a linear system (see the class notes). */
    static double[] linearTrough(OdeSystem sys, boolean[] accumulator, Cycle c) {
        int n = sys.dimension();
        double[] k = new double[n * n];
        sys.jacobian(0, new double[n], k);
        double[] b0 = new double[n];
        sys.derivatives(0, new double[n], b0); // the system's own constant input
        ExactLinear.Propagator p = new ExactLinear.Propagator(k, n, sys.conservedStates());
        double tau = c.period();
        double r = c.split();
        double[] b1 = add(b0, c.rates1());
        double[] b2 = add(b0, c.rates2());
        // right-hand side: Φ(τ) d + Φ(τ−r) Γ(r) b1 + Γ(τ−r) b2
        double[] v = new double[n];
        double[] tmp = new double[n];
        p.apply(tau, c.bolus(), 0, b1, false, v, 0);
        if (r > 0) {
            p.apply(r, new double[n], 0, b1, true, tmp, 0);   // Γ(r) b1
            double[] tmp2 = new double[n];
            if (tau - r > 0) {
                p.apply(tau - r, tmp, 0, b2, false, tmp2, 0); // Φ(τ−r) Γ(r) b1
            } else {
                System.arraycopy(tmp, 0, tmp2, 0, n);
            }
            for (int i = 0; i < n; i++) {
                v[i] += tmp2[i];
            }
        }
        if (tau - r > 0) {
            p.apply(tau - r, new double[n], 0, b2, true, tmp, 0); // Γ(τ−r) b2
            for (int i = 0; i < n; i++) {
                v[i] += tmp[i];
            }
        }
        double[] phi = p.phi(tau);
        int[] idx = kept(accumulator);
        int m = idx.length;
        Lu lu = new Lu(m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                lu.a[i * m + j] = (i == j ? 1 : 0) - phi[idx[i] * n + idx[j]];
            }
        }
        if (!lu.factor()) {
            throw new SolverException(sys.describe() + ": no periodic steady state: some amount never leaves its "
                + "compartments (I − Φ(τ) is singular)", Double.NaN);
        }
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = v[idx[i]];
        }
        lu.solve(x);
        double[] y = new double[n];
        for (int i = 0; i < m; i++) {
            y[idx[i]] = x[i];
        }
        return y;
    }

    /** Iterates the cycle map from zero until two troughs agree; the number of cycles goes to used[0]. */
    static double[] iterate(OdeSystem sys, boolean[] accumulator, Cycle c, Solver solver, int maxCycles,
                            int[] used) {
        int n = sys.dimension();
        WithInput w = new WithInput(sys);
        Integrator in = integratorFor(w, solver, c.period());
        double[] y = new double[n];
        double[] prev = new double[n];
        double rtol = solver.relativeTolerance();
        double atol = solver.absoluteTolerance();
        double last = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= maxCycles; k++) {
            System.arraycopy(y, 0, prev, 0, n);
            cycle(w, in, y, c, c.period());
            zeroAccumulators(y, accumulator);
            double before = last;
            last = change(prev, y, accumulator, rtol, atol);
            // the iteration contracts by q per cycle, so the distance left is about last·q/(1 − q)
            double q = last / before;
            if (last <= 1 && q < 1 && last * q / (1 - q) <= 1 || last == 0) {
                used[0] = k;
                return y;
            }
        }
        throw new SolverException(sys.describe() + ": steady state not reached after " + maxCycles
            + " dosing intervals of " + c.period() + " h (the last interval still changed the amounts by "
            + String.format(java.util.Locale.ROOT, "%.3g", last) + " times the tolerance); raise the limit or check "
            + "that every compartment is eliminated", Double.NaN);
    }

    /** Advances y over [0, until] of one cycle: the bolus at phase 0, then the two rate segments. */
    private static void cycle(WithInput w, Integrator in, double[] y, Cycle c, double until) {
        double[] d = c.bolus();
        for (int i = 0; i < y.length; i++) {
            y[i] += d[i];
        }
        double split = Math.min(c.split(), until);
        if (split > 0) {
            System.arraycopy(c.rates1(), 0, w.rate, 0, y.length);
            in.integrate(0, y, split, new double[0], 0, 0, new double[0], 0);
        }
        if (until > split) {
            System.arraycopy(c.rates2(), 0, w.rate, 0, y.length);
            in.integrate(split, y, until, new double[0], 0, 0, new double[0], 0);
        }
    }

    private static Integrator integratorFor(OdeSystem w, Solver solver, double horizon) {
        // the exact solver cannot take the per-segment rates of a nonlinear system; use its settings
        Solver s = "exact".equals(solver.name()) && !w.isLinear() ? Solver.stiff()
            .withTolerances(solver.relativeTolerance(), solver.absoluteTolerance()) : solver;
        return s.integrator(w, horizon);
    }

    /** max over kept states of |y − prev| / (atol + rtol·|y|). */
    private static double change(double[] prev, double[] y, boolean[] accumulator, double rtol, double atol) {
        double m = 0;
        for (int i = 0; i < y.length; i++) {
            if (!accumulator[i]) {
                m = Math.max(m, Math.abs(y[i] - prev[i]) / (atol + rtol * Math.abs(y[i])));
            }
        }
        return m;
    }

    private static void zeroAccumulators(double[] y, boolean[] accumulator) {
        for (int i = 0; i < y.length; i++) {
            if (accumulator[i]) {
                y[i] = 0;
            }
        }
    }

    private static int[] kept(boolean[] accumulator) {
        return java.util.stream.IntStream.range(0, accumulator.length).filter(i -> !accumulator[i]).toArray();
    }

    private static double[] add(double[] a, double[] b) {
        double[] s = Arrays.copyOf(a, a.length);
        for (int i = 0; i < s.length; i++) {
            s[i] += b[i];
        }
        return s;
    }
}
