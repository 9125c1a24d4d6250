package org.nanopk.solve;

/**
 * The automatic choice: the exact solution when the model is linear time-invariant; otherwise the
 * cheaper of Dormand–Prince 5(4) (non-stiff) and Rodas5P (stiff) by an estimate of their work.
 *
 * <p>The work of a step is counted in multiply–adds from the system's structure ({@link Work}):
 * Dormand–Prince pays 6 right-hand sides and its stage sums; Rodas5P 8 right-hand sides, a Jacobian,
 * the iteration matrix, a sparse LU and 8 solves with it, and its stage sums. Over a horizon T the
 * explicit method needs about ρ·T/3.3 steps for stability alone (ρ bounds the spectral radius, |hλ| ≈
 * 3.3 its stability boundary), the stiff one about {@link #stiffSteps} for accuracy. At the start, ρ
 * is max(‖J(t₀, y₀)‖₁, ‖J(t₀, 0)‖₁), an upper bound (the 1-norm of a compartmental Jacobian is at
 * most twice its largest outflow rate; at zero amounts saturable uptake is fastest): Rodas5P is
 * chosen outright only when even a quarter of that bound makes Dormand–Prince dearer.
 *
 * <p>Otherwise Dormand–Prince runs with Hairer's stiffness detection, which measures the step it is
 * held to (as LSODA does): when it finds the steps at its stability boundary, the same comparison is
 * made with that step for the rest of the horizon, and if Rodas5P is cheaper the state is handed over
 * for the rest of the solve (the statistics then name both methods, "dopri5 then rodas5p"). The choice
 * depends on the system and the tolerances only, never on timings, so a solve is reproducible.
 */
final class AutoSolver extends AbstractSolver {
    /** The factor by which the starting bound ρ may exceed the rate the explicit method meets. */
    static final double BOUND_MARGIN = 4;
    /** |hλ| on the negative real axis where Dormand–Prince 5(4) stops being stable. */
    static final double STABILITY = 3.3;

    AutoSolver(double rtol, double atol, int maxSteps) {
        this(rtol, atol, maxSteps, DEFAULT_MAX_SS_CYCLES);
    }

    AutoSolver(double rtol, double atol, int maxSteps, int maxCycles) {
        super(rtol, atol, maxSteps, maxCycles);
    }

    @Override
    Solver copy(double r, double a, int m, int cycles) {
        return new AutoSolver(r, a, m, cycles);
    }

    @Override
    public String name() {
        return "auto";
    }

    @Override
    public Integrator integrator(OdeSystem system, double horizon) {
        if (system.isLinear()) {
            return new ExactLinear(rtol, atol, maxSteps).integrator(system, horizon);
        }
        return new Deferred(system, horizon);
    }

    /**
     * The estimated work of one step of each method, in multiply–adds: {@code explicit} for
     * Dormand–Prince 5(4), {@code implicit} for Rodas5P.
     */
    record Work(double explicit, double implicit) {
        static Work of(OdeSystem sys) {
            int n = sys.dimension();
            SparsityPattern p = sys.jacobianPattern();
            double nnz = p != null ? p.nonZeros() : (double) n * n;
            // a right-hand side reads each structural non-zero of its Jacobian once and sums the rows
            double rhs = 2 * nnz + n;
            // the sparse LU's counts, or a dense LU's: n³/3 multiply-adds to factor, n² to solve
            double factor = p != null ? p.symbolic().factorWork() : (double) n * n * n / 3;
            double solve = p != null ? p.symbolic().solveWork() : (double) n * n;
            // stage sums: Dormand–Prince 21 combinations and an error estimate of n each; Rodas5P 28 + 28
            // (the a and c sums), its error and dense-output coefficients
            double explicit = 6 * rhs + 40.0 * n;
            double implicit = 8 * rhs + (nnz + (double) n * n) + (double) n * n + factor + 8 * solve + 200.0 * n;
            return new Work(explicit, implicit);
        }
    }

    /**
     * The steps Rodas5P takes over a horizon for accuracy, about: 110 at rtol 1e-6, growing as
     * rtol^(−1/8) (the NP9 and Chou 2023 solves take 105–180 at 1e-6 and 1.8× as many at 1e-8).
     */
    static double stiffSteps(double rtol) {
        return 110 * Math.pow(1e-6 / rtol, 0.125);
    }

    /** True if Rodas5P is the cheaper method at (t, y) over {@code horizon} even with a quarter of the bound ρ. */
    static boolean isStiff(OdeSystem sys, double t, double[] y, double horizon, double rtol) {
        double rho = Math.max(sys.jacobianNorm1(t, y), sys.jacobianNorm1(t, new double[sys.dimension()]));
        Work w = Work.of(sys);
        return rho / BOUND_MARGIN * horizon / STABILITY * w.explicit() > stiffSteps(rtol) * w.implicit();
    }

    /** ‖a‖₁ of the row-major n×n matrix a: its largest column sum of absolute values. */
    static double norm1(double[] a, int n) {
        double max = 0;
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.abs(a[i * n + j]);
            }
            max = Math.max(max, s);
        }
        return max;
    }

    private final class Deferred implements Integrator {
        private final OdeSystem sys;
        private final double horizon;
        private Integrator chosen;
        /** The work of the non-stiff method before it handed over, or null. */
        private SolverStats before;
        private StepListener listener;

        Deferred(OdeSystem sys, double horizon) {
            this.sys = sys;
            this.horizon = horizon;
        }

        @Override
        public void integrate(double t0, double[] y, double t1, double[] times, int from, int to, double[] out,
                              int offset) {
            if (chosen == null) {
                if (isStiff(sys, t0, y, horizon, rtol)) {
                    chosen = new Rosenbrock(rtol, atol, maxSteps).integrator(sys, horizon);
                } else {
                    DormandPrince5.Run explicit = (DormandPrince5.Run) new DormandPrince5(rtol, atol, maxSteps)
                        .integrator(sys, horizon);
                    Work w = Work.of(sys);
                    double end = t0 + horizon;
                    double steps = stiffSteps(rtol);
                    // held to step h from t: Dormand–Prince needs (end − t)/h more steps, Rodas5P its share
                    // of its accuracy steps
                    explicit.handOver = (t, h) -> (end - t) / h * w.explicit() > steps * (end - t) / horizon * w.implicit();
                    chosen = explicit;
                }
                chosen.listen(listener);
            }
            try {
                chosen.integrate(t0, y, t1, times, from, to, out, offset);
            } catch (AdaptiveIntegrator.Stiff s) {
                // stiffness appeared on the way (e.g. a saturable uptake after a dose): continue with Rodas5P
                before = chosen.stats();
                chosen = new Rosenbrock(rtol, atol, maxSteps).integrator(sys, horizon);
                chosen.listen(listener);
                System.arraycopy(s.y, 0, y, 0, y.length);
                chosen.integrate(s.t, y, t1, times, s.next, to, out, offset + (s.next - from) * y.length);
            }
        }

        @Override
        public void listen(StepListener l) {
            this.listener = l;
            if (chosen != null) {
                chosen.listen(l);
            }
        }

        @Override
        public SolverStats stats() {
            if (chosen == null) {
                return new SolverStats("auto", 0, 0, 0, 0, 0, 0);
            }
            SolverStats now = chosen.stats();
            if (before == null) {
                return now;
            }
            return before.plus(now);
        }
    }
}
