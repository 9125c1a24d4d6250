package org.nanopk.solve;


/**
 * The step loop shared by NanoPK's own adaptive one-step methods: step-size selection, per-component
 * error control, dense output at the requested times, the step limit and the failure messages.
 * A subclass supplies one step ({@link #attempt}), its dense output and its error order. Every
 * array is allocated in the constructor; the loop allocates nothing.
 *
 * <p>Error control: with sc_i = atol + rtol·|y_i(t+h)|, a step is accepted when max_i |err_i|/sc_i ≤ 1,
 * so every component meets its own tolerance relative to its new value (a max norm, stricter than
 * the RMS norm of Hairer's codes, and strict on components that fall steeply). The next step is
 * h·min(6, max(0.2, 0.9·err^(-1/q))), without growth right after a rejection. For systems whose
 * amounts cannot go negative ({@link OdeSystem#nonNegativeStates()}), a step whose negative amounts
 * sum to more than atol, at its end or at an output inside it, is rejected and retried with half the
 * step (as CVODE's inequality constraints do): no amount ever shows below −atol.
 */
abstract class AdaptiveIntegrator implements Integrator {
    final OdeSystem sys;
    final int n;
    final double rtol;
    final double atol;
    final int maxSteps;
    final String name;
    /** The leading states that stay non-negative in the exact solution (see OdeSystem#nonNegativeStates). */
    final int nonNegative;
    /** The leading states whose total only the inputs change (see OdeSystem#conservedStates). */
    final int conserved;
    /** Steps whose total had to be restored (see {@link #conserve}). */
    long projections;
    /** The total the conserved states should have at the current step's start. */
    private double total;
    /** Who hears of each accepted step, or null. */
    private StepListener listener;
    /** The current step's dense output, for the listener. */
    private final StepDense stepDense = new StepDense();

    /** The dense output of the step being accepted (valid during the listener's call). */
    private final class StepDense implements DenseOutput {
        double t0;
        double h;

        @Override
        public void state(double t, double[] out, int at) {
            double theta = (t - t0) / h;
            if (theta <= 0) {
                System.arraycopy(y0, 0, out, at, n);
            } else if (theta >= 1) {
                System.arraycopy(y1, 0, out, at, n);
            } else {
                dense(theta, h, out, at);
            }
        }

        @Override
        public void derivative(double t, double[] out, int at) {
            state(t, scratch, 0);
            double[] f = new double[n];
            sys.derivatives(t, scratch, f);
            System.arraycopy(f, 0, out, at, n);
        }
    }

    @Override
    public final void listen(StepListener l) {
        this.listener = l;
    }

    final double[] y0;
    final double[] y1;
    final double[] f0;
    final double[] err;
    final double[] scratch;

    long accepted;
    long rejected;
    long evaluations;
    long jacobians;
    long decompositions;

    /** If &gt; 0, every step has this length and none is rejected (convergence-order tests only). */
    double fixedStep;

    /**
     * When not null: asked when {@link #looksStiff()} whether to stop with {@link Stiff} (the automatic
     * solver then switches method) at time t with the step h the method is held to; if not, the
     * method carries on and its stiffness count starts again.
     */
    HandOver handOver;

    /** The automatic solver's decision to switch methods (see {@link #handOver}). */
    interface HandOver {
        boolean worthIt(double t, double h);
    }

    /** Thrown when a method that {@link #looksStiff()} hands over: where it stopped and its state. */
    static final class Stiff extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final double t;
        final int next;
        final transient double[] y;

        Stiff(double t, int next, double[] y) {
            super(null, null, false, false);
            this.t = t;
            this.next = next;
            this.y = y;
        }
    }

    /** True when the method has found the problem stiff (explicit methods only). */
    boolean looksStiff() {
        return false;
    }

    /** Forgets the stiffness seen so far (the switch was not worth it). */
    void notStiff() {
    }

    AdaptiveIntegrator(OdeSystem sys, AbstractSolver settings, String name) {
        this.sys = sys;
        this.n = sys.dimension();
        this.rtol = settings.rtol;
        this.atol = settings.atol;
        this.maxSteps = settings.maxSteps;
        this.name = name;
        this.nonNegative = sys.nonNegativeStates();
        this.conserved = sys.conservedStates();
        this.y0 = new double[n];
        this.y1 = new double[n];
        this.f0 = new double[n];
        this.err = new double[n];
        this.scratch = new double[n];
    }

    /** The order q of the error estimate: err ~ h^q. */
    abstract int errorOrder();

    /** Called at the start of each integrate call, with {@link #f0} = f(t, y0) already computed. */
    void restart(double t) {
    }

    /**
     * One step from (t, y0) with f0 = f(t, y0): writes the new state into y1 and the error estimate
     * into err. Returns false if a stage produced a non-finite value.
     */
    abstract boolean attempt(double t, double h, boolean retry);

    /**
     * Writes the dense-output state at t + θh (0 &lt; θ &lt; 1) of the step just accepted into
     * {@code out[at..at+n)}.
     */
    abstract void dense(double theta, double h, double[] out, int at);

    /**
     * Called after a step is accepted and before y0 := y1; {@link #f0} must hold f(t+h, y1) afterwards.
     *
     * @param corrected y1 was changed after the stages (its total restored), so a derivative the stages
     *        computed at the end point is stale
     */
    abstract void accepted(double tNew, double h, boolean corrected);

    final void eval(double t, double[] y, double[] dy) {
        sys.derivatives(t, y, dy);
        evaluations++;
    }

    @Override
    public final void integrate(double t0, double[] y, double t1, double[] times, int from, int to,
                                double[] out, int offset) {
        System.arraycopy(y, 0, y0, 0, n);
        total = 0;
        for (int i = 0; i < conserved; i++) {
            total += y0[i];
        }
        double t = t0;
        eval(t, y0, f0);
        requireFinite(f0, t, "the derivative");
        restart(t);
        double span = t1 - t0;
        double h = fixedStep > 0 ? fixedStep : initialStep(t, span);
        int k = from;
        double facMax = 6;
        boolean retry = false;
        final double q = errorOrder();
        final long budget = accepted + rejected + maxSteps;
        while (t < t1) {
            if (accepted + rejected >= budget) {
                throw new SolverException(sys.describe() + ": maximum number of steps (" + maxSteps + ") reached at t = "
                    + t + " h with " + name + " (step " + h + " h); raise the limit with withMaxSteps, loosen the "
                    + "tolerances, or use a stiff solver", t);
            }
            double remaining = t1 - t;
            boolean last = h >= remaining * (1 - 1e-9) || remaining - h < 1e-3 * h;
            if (last) {
                h = remaining;
            }
            double e;
            if (attempt(t, h, retry)) {
                e = errorNorm();
            } else {
                e = Double.POSITIVE_INFINITY;
            }
            boolean ok = e <= 1 || fixedStep > 0 && Double.isFinite(e);
            double tNew = last ? t1 : t + h;
            int kk = k;
            // amounts that cannot go negative must not fall below -atol (their negative parts summed), at
            // the step end or at an output
            boolean projected = ok && conserved > 0 && fixedStep == 0 && conserve(h);
            boolean undershoot = ok && nonNegative > 0 && fixedStep == 0 && below(y1, 0);
            while (ok && !undershoot && kk < to && times[kk] <= tNew) {
                int at = offset + (kk - from) * n;
                if (times[kk] >= tNew) {
                    System.arraycopy(y1, 0, out, at, n);
                } else {
                    dense((times[kk] - t) / h, h, out, at);
                    if (conserved > 0 && fixedStep == 0) {
                        restoreTotal(out, at, total + (times[kk] - t) * sys.conservedInput());
                    }
                    undershoot = nonNegative > 0 && fixedStep == 0 && below(out, at);
                }
                kk++;
            }
            if (ok && !undershoot) {
                k = kk;
                accepted++;
                if (listener != null) {
                    stepDense.t0 = t;
                    stepDense.h = tNew - t;
                    listener.step(t, tNew, stepDense);
                }
                accepted(tNew, h, projected);
                if (conserved > 0) {
                    advanceTotal(h);
                }
                System.arraycopy(y1, 0, y0, 0, n);
                t = tNew;
                if (handOver != null && t < t1 && looksStiff()) {
                    if (handOver.worthIt(t, h)) {
                        throw new Stiff(t, k, y0.clone());
                    }
                    notStiff();
                }
                double fac = e == 0 ? facMax : Math.min(facMax, Math.max(0.2, 0.9 * Math.pow(e, -1 / q)));
                h = fixedStep > 0 ? fixedStep : h * fac;
                facMax = 6;
                retry = false;
            } else {
                rejected++;
                double fac = undershoot ? 0.5 : Double.isFinite(e) ? Math.max(0.1, 0.9 * Math.pow(e, -1 / q)) : 0.25;
                h *= Math.min(fac, 0.9);
                facMax = 1; // no growth right after a rejection
                retry = true;
                if (h < 1e-14 * Math.max(Math.abs(t), 1)) {
                    throw new SolverException(sys.describe() + ": step size underflow at t = " + t + " h with " + name
                        + (undershoot ? " (an amount that cannot be negative falls below -atol)"
                            : Double.isFinite(e) ? " (error estimate " + e + ")" : " (the derivative is not finite)")
                        + "; the model may blow up or be discontinuous there", t);
                }
            }
        }
        requireFinite(y0, t1, "the solution");
        System.arraycopy(y0, 0, y, 0, n);
    }

    /**
     * Restores the total of the conserved states after a step, y1 ← y1 − δ·|y1|/Σ|y1| with
     * δ = Σ y1 − Σ y0 − h·(total input), when δ is more than the round-off of the sum itself. The exact
     * flow keeps the total (every transfer moves amount from one compartment to another); a stiff
     * method's linear solves with an iteration matrix of norm 1e10 can lose it by 1e-6 relative per
     * step (a fast reversible pair beside a slow elimination). The correction is shared in proportion
     * to the amounts, where the round-off arises; projecting onto the invariant keeps the method's
     * order. Returns whether y1 changed.
     */
    private boolean conserve(double h) {
        // measured against the total at the start of the integration plus what entered since, so that
        // defects below the threshold cannot add up over many steps
        boolean corrected = restoreTotal(y1, 0, total + h * sys.conservedInput());
        if (corrected) {
            projections++;
        }
        return corrected;
    }

    /**
     * Makes the conserved states at {@code v[at..]} sum to {@code expected}, sharing the correction in
     * proportion to their amounts, when they miss it by more than the round-off of the sum; returns
     * whether anything changed. Used for step ends and for dense outputs inside a step.
     */
    private boolean restoreTotal(double[] v, int at, double expected) {
        double sum = 0;
        double size = 0;
        for (int i = 0; i < conserved; i++) {
            sum += v[at + i];
            size += Math.abs(v[at + i]);
        }
        double defect = sum - expected;
        if (!(Math.abs(defect) > 8 * Math.ulp(size) * conserved) || !(size > 0)) {
            return false;
        }
        double f = defect / size;
        for (int i = 0; i < conserved; i++) {
            v[at + i] -= f * Math.abs(v[at + i]);
        }
        return true;
    }

    /** Moves the reference total on by an accepted step of length h (see {@link #conserve}). */
    private void advanceTotal(double h) {
        total += h * sys.conservedInput();
    }

    /**
     * Whether the negative parts of the first {@link #nonNegative} values at {@code v[at..]} sum to more
     * than atol. A bound on the sum, not on each value: the exact flow from a state with small
     * negative parts can gather them into one compartment, but it cannot make their sum grow.
     */
    private boolean below(double[] v, int at) {
        double negative = 0;
        for (int i = 0; i < nonNegative; i++) {
            double x = v[at + i];
            if (x < 0) {
                negative -= x;
            }
        }
        return negative > atol;
    }

    private void requireFinite(double[] v, double t, String what) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(v[i])) {
                throw new SolverException(sys.describe() + ": " + what + " is not finite at t = " + t + " h ("
                    + sys.stateName(i) + " = " + v[i] + ")", t);
            }
        }
    }

    /** max_i |err_i| / (atol + rtol·|y1_i|); infinite if anything is not finite. */
    final double errorNorm() {
        double m = 0;
        for (int i = 0; i < n; i++) {
            double sc = atol + rtol * Math.abs(y1[i]);
            double r = Math.abs(err[i]) / sc;
            if (!(r <= m)) {
                if (!Double.isFinite(r) || !Double.isFinite(y1[i])) {
                    return Double.POSITIVE_INFINITY;
                }
                m = r;
            }
        }
        return m;
    }

    /** Hairer's starting step (Solving ODEs I, II.4), one extra evaluation, capped by the span. */
    private double initialStep(double t, double span) {
        double d0 = 0;
        double d1 = 0;
        for (int i = 0; i < n; i++) {
            double sc = atol + rtol * Math.abs(y0[i]);
            d0 += (y0[i] / sc) * (y0[i] / sc);
            d1 += (f0[i] / sc) * (f0[i] / sc);
        }
        d0 = Math.sqrt(d0 / n);
        d1 = Math.sqrt(d1 / n);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(h0, span);
        for (int i = 0; i < n; i++) {
            y1[i] = y0[i] + h0 * f0[i];
        }
        eval(t + h0, y1, scratch);
        double d2 = 0;
        for (int i = 0; i < n; i++) {
            double sc = atol + rtol * Math.abs(y0[i]);
            double v = (scratch[i] - f0[i]) / sc;
            d2 += v * v;
        }
        d2 = Math.sqrt(d2 / n) / h0;
        double dm = Math.max(d1, d2);
        double h1 = dm <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dm, 1.0 / (errorOrder()));
        // No reuse of the step before a discontinuity: a dose or an infusion switch puts the state off
        // the slow manifold, and an L-stable method would step over the fast transient with an accurate
        // end point but a wrong dense output inside the step.
        double h = Math.min(100 * h0, h1);
        if (!(h > 0) || !Double.isFinite(h)) {
            h = 1e-6;
        }
        return Math.min(h, span);
    }

    @Override
    public final SolverStats stats() {
        return new SolverStats(name, accepted, rejected, evaluations, jacobians, decompositions, 0);
    }
}
