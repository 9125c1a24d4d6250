package org.nanopk.solve;

/**
 * The automatic choice: the exact solution when the model is linear time-invariant; otherwise a
 * stiffness test on the Jacobian at the first integration point picks Rodas5P (stiff) or
 * Dormand–Prince 5(4) (non-stiff).
 *
 * <p>The test: ρ = max(‖J(t₀, y₀)‖₁, ‖J(t₀, 0)‖₁) bounds the spectral radius (the 1-norm of a
 * compartmental Jacobian is at most twice its largest outflow rate); an explicit method needs about
 * ρ·T/3 steps over the horizon T for stability alone. The system counts as stiff when ρ·T exceeds
 * {@link #STIFFNESS_THRESHOLD}. The Jacobian at zero amounts is included because saturable uptake is
 * fastest when the amounts are small, which is where the solve ends.
 *
 * <p>Stiffness that appears later (a dose that pushes a capacity law into fast reverse flow, say) is
 * caught on the way, as LSODA does: Dormand–Prince runs with Hairer's stiffness detection and, when it
 * finds the steps held at its stability boundary, hands its state over to Rodas5P for the rest of
 * the solve. The statistics then name both methods ("dopri5 then rodas5p").
 */
final class AutoSolver extends AbstractSolver {
    /** ρ·T above which the stiff method is chosen. */
    static final double STIFFNESS_THRESHOLD = 2000;

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

    /** True if ρ·horizon exceeds the threshold at (t, y). */
    static boolean isStiff(OdeSystem sys, double t, double[] y, double horizon) {
        int n = sys.dimension();
        double[] jac = new double[n * n];
        sys.jacobian(t, y, jac);
        double rho = norm1(jac, n);
        sys.jacobian(t, new double[n], jac);
        rho = Math.max(rho, norm1(jac, n));
        return rho * horizon > STIFFNESS_THRESHOLD;
    }

    static double norm1(double[] a, int n) {
        double m = 0;
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.abs(a[i * n + j]);
            }
            m = Math.max(m, s);
        }
        return m;
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
                if (isStiff(sys, t0, y, horizon)) {
                    chosen = new Rosenbrock(rtol, atol, maxSteps).integrator(sys, horizon);
                } else {
                    DormandPrince5.Run explicit = (DormandPrince5.Run) new DormandPrince5(rtol, atol, maxSteps)
                        .integrator(sys, horizon);
                    explicit.handOverWhenStiff = true;
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
