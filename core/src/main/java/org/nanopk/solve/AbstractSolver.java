package org.nanopk.solve;

/** Tolerances and step limit shared by all solvers; subclasses say how to copy themselves. */
abstract class AbstractSolver implements Solver {
    final double rtol;
    final double atol;
    final int maxSteps;
    private final int maxCycles;

    AbstractSolver(double rtol, double atol, int maxSteps, int maxCycles) {
        if (!(rtol > 0 && rtol < 1)) {
            throw new IllegalArgumentException("relative tolerance = " + rtol + ": expected a number in (0, 1)");
        }
        if (!(atol > 0 && atol < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("absolute tolerance = " + atol + ": expected a finite number > 0");
        }
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("max steps = " + maxSteps + ": expected a number > 0");
        }
        if (maxCycles <= 0) {
            throw new IllegalArgumentException("max steady-state cycles = " + maxCycles + ": expected a number > 0");
        }
        this.rtol = rtol;
        this.atol = atol;
        this.maxSteps = maxSteps;
        this.maxCycles = maxCycles;
    }

    /** This kind of solver with other settings. */
    abstract Solver copy(double rtol, double atol, int maxSteps, int maxCycles);

    @Override
    public double relativeTolerance() {
        return rtol;
    }

    @Override
    public double absoluteTolerance() {
        return atol;
    }

    @Override
    public int maxSteps() {
        return maxSteps;
    }

    @Override
    public int maxSteadyStateCycles() {
        return maxCycles;
    }

    @Override
    public Solver withTolerances(double relative, double absolute) {
        return copy(relative, absolute, maxSteps, maxCycles);
    }

    @Override
    public Solver withMaxSteps(int steps) {
        return copy(rtol, atol, steps, maxCycles);
    }

    @Override
    public Solver withMaxSteadyStateCycles(int cycles) {
        return copy(rtol, atol, maxSteps, cycles);
    }

    @Override
    public String toString() {
        return name() + " (rtol " + rtol + ", atol " + atol + ", max " + maxSteps + " steps)";
    }
}
