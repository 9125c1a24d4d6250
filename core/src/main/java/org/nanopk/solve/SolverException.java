package org.nanopk.solve;

/**
 * A numerical failure inside a solver: an integration that cannot continue (step size underflow, the
 * step limit, a non-finite derivative) or a steady state that does not converge. The message names the
 * system, the time reached, the state concerned (by the system's {@link OdeSystem#stateName state
 * name}) and the cause. A model's simulation reports it as an {@code org.nanopk.PkException}.
 */
public class SolverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final double time;

    /**
     * @param message what failed, where and why
     * @param time the time reached when it failed (h), or NaN when no time applies
     */
    public SolverException(String message, double time) {
        super(message);
        this.time = time;
    }

    /**
     * @param message what failed, where and why
     * @param time the time reached when it failed (h), or NaN when no time applies
     * @param cause the underlying failure
     */
    public SolverException(String message, double time, Throwable cause) {
        super(message, cause);
        this.time = time;
    }

    /** The time reached when the failure happened (h); NaN if no time applies. */
    public double time() {
        return time;
    }
}
