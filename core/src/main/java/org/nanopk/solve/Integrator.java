package org.nanopk.solve;

/**
 * One solve in progress: a {@link Solver} bound to an {@link OdeSystem}, with the workspace it needs
 * allocated up front. The dosing engine calls {@link #integrate} once per interval between
 * discontinuities (doses, infusion starts and ends); each call restarts the method, so nothing is
 * smoothed across a discontinuity. Not thread-safe.
 */
public interface Integrator {

    /**
     * Integrates {@code y} in place from {@code t0} to {@code t1 > t0}, and writes the state at each
     * output time {@code times[k]}, {@code from <= k < to}, into {@code out} at offset
     * {@code offset + (k - from)·n} (n the dimension). Output times lie in (t0, t1] and are increasing;
     * they are exact step ends or dense-output values of accepted steps.
     *
     * @throws SolverException if the integration cannot reach {@code t1}
     */
    void integrate(double t0, double[] y, double t1, double[] times, int from, int to, double[] out, int offset);

    /** Work done so far by this integrator (all calls). */
    SolverStats stats();

    /**
     * Reports every accepted step of the following {@link #integrate} calls to {@code listener} (null
     * for none, the default): the continuous solution, not only the output times.
     */
    void listen(StepListener listener);
}
