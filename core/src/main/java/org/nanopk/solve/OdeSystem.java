package org.nanopk.solve;

/**
 * A system of ordinary differential equations dy/dt = f(t, y) on primitive arrays, with its analytic
 * Jacobian. Solvers call these methods in their hot loops: implementations must not allocate.
 * An instance may hold per-solve mutable state (such as the current infusion rates) and is used by
 * one thread at a time.
 */
public interface OdeSystem {

    /** The number of states. */
    int dimension();

    /** Writes f(t, y) into {@code dydt}. */
    void derivatives(double t, double[] y, double[] dydt);

    /**
     * Writes the Jacobian ∂f/∂y at (t, y) into {@code dfdy}, row-major:
     * {@code dfdy[i*n + j] = ∂f_i/∂y_j}.
     */
    void jacobian(double t, double[] y, double[] dfdy);

    /**
     * Writes ∂f/∂y at (t, y) at the structural non-zeros of {@link #jacobianPattern()} into {@code dfdy}
     * (row-major n×n) and leaves its other entries as they are: zero in an array that started zero. The
     * stiff solver calls this on every step, so a sparse system's cost per step follows its non-zeros
     * rather than n². The default writes every entry ({@link #jacobian}).
     */
    default void jacobianOnPattern(double t, double[] y, double[] dfdy) {
        jacobian(t, y, dfdy);
    }

    /**
     * An upper bound on ‖∂f/∂y‖₁ at (t, y), the largest column sum of |∂f_i/∂y_j| (the automatic solver
     * bounds the spectral radius with it). The default forms the dense Jacobian; a sparse system can
     * sum its entries instead, each term's part taken in absolute value.
     */
    default double jacobianNorm1(double t, double[] y) {
        int n = dimension();
        double[] jac = new double[n * n];
        jacobian(t, y, jac);
        return AutoSolver.norm1(jac, n);
    }

    /**
     * Writes ∂f/∂t at (t, y) into {@code dfdt}. Not called when {@link #isAutonomous()} is true.
     */
    void timeDerivative(double t, double[] y, double[] dfdt);

    /** True when f does not depend on t explicitly (∂f/∂t ≡ 0). */
    boolean isAutonomous();

    /**
     * True when f(t, y) = K·y + b with K and b constant between calls to the integrator: the exact
     * solver applies. K is then the Jacobian and b = f(t, 0).
     */
    boolean isLinear();

    /**
     * The structural pattern of the Jacobian (where ∂f_i/∂y_j can be non-zero), or null (the default)
     * for dense. The stiff solver's sparse LU uses it; return the same instance on every call so that
     * its symbolic analysis is computed once.
     */
    default SparsityPattern jacobianPattern() {
        return null;
    }

    /**
     * A thread-safe map where solvers may keep results that depend only on the system's fixed
     * coefficients (such as matrix exponentials), shared by every solve of this system; null (the
     * default) for none.
     */
    default java.util.concurrent.ConcurrentMap<Object, Object> solverCache() {
        return null;
    }

    /**
     * How many leading states stay non-negative in the exact solution from a non-negative start (for
     * example amounts moved only by laws that stop when their source is empty); adaptive solvers keep
     * them above −atol. 0 (the default) for none.
     */
    default int nonNegativeStates() {
        return 0;
    }

    /**
     * How many leading states have a total that only the system's inputs change (for a compartment
     * model: the compartments, since every transfer moves amount from one to another); solvers keep
     * that total to round-off. 0 (the default) for none.
     */
    default int conservedStates() {
        return 0;
    }

    /**
     * The rate (amount/h) at which inputs add to the total of the {@link #conservedStates() conserved
     * states}, constant between the integrator's calls (for a model: the running infusions); 0 by default.
     */
    default double conservedInput() {
        return 0;
    }

    /** The name of state {@code i} for messages (for example a compartment's name); "state i" by default. */
    default String stateName(int i) {
        return "state " + i;
    }

    /** A short description for error messages (for example the model name). */
    default String describe() {
        return "ODE system of dimension " + dimension();
    }
}
