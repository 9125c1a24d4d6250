package org.nanopk.solve;

/** The state of a solution at any time within a step or stretch (see {@link StepListener}). */
public interface DenseOutput {

    /** Writes the state at time {@code t} (h) into {@code out[at..at+n)}. */
    void state(double t, double[] out, int at);

    /** Writes dy/dt at time {@code t} into {@code out[at..at+n)}. */
    void derivative(double t, double[] out, int at);
}
