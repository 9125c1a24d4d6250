package org.nanopk.solve;

/**
 * Receives the continuous solution of an integration, step by step: what a solver knows between its
 * output times. A numerical method reports each accepted step with its dense output (valid only during
 * the call); the exact solver reports each stretch between discontinuities with an exact solution valid
 * for good. Used to read a solution at any time, its maxima and its areas, independently of the output
 * times asked for.
 */
public interface StepListener {

    /**
     * An accepted step from t0 to t1 (h); {@code dense} gives the state anywhere in [t0, t1] until the
     * method returns.
     */
    void step(double t0, double t1, DenseOutput dense);

    /**
     * A stretch from t0 to t1 (h) solved exactly; {@code solution} stays valid and thread-safe after
     * the call.
     */
    void exact(double t0, double t1, DenseOutput solution);
}
