package org.nanopk;

/**
 * A numerical failure: an integration that cannot continue (step size underflow, maximum number of
 * steps, a non-finite derivative), a steady state that does not converge. The message names the
 * model, the time reached and the cause. Bad input is reported with
 * {@link IllegalArgumentException} instead.
 */
public class PkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final double time;
    private final transient Simulation partial;

    /**
     * @param message what failed, where and why
     * @param time the time reached when it failed (h), or NaN when no time applies
     */
    public PkException(String message, double time) {
        super(message);
        this.time = time;
        this.partial = null;
    }

    /**
     * @param message what failed, where and why
     * @param time the time reached when it failed (h), or NaN when no time applies
     * @param cause the underlying failure
     */
    public PkException(String message, double time, Throwable cause) {
        super(message, cause);
        this.time = time;
        this.partial = null;
    }

    /** A failed simulation, with the rows it reached before the failure. */
    PkException(String message, double time, Throwable cause, Simulation partial) {
        super(message, cause);
        this.time = time;
        this.partial = partial;
    }

    /** The time reached when the failure happened (h); NaN if it is not a time-stepping failure. */
    public double time() {
        return time;
    }

    /**
     * For a failed simulation, the simulation up to the failure: every output row reached before it
     * (possibly none); empty for other failures.
     */
    public java.util.Optional<Simulation> partialResult() {
        return java.util.Optional.ofNullable(partial);
    }
}
