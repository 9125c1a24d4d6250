package org.nanopk.solve;

/** Tolerances and step limit shared by all solvers; subclasses say how to copy themselves. */
abstract class AbstractSolver implements Solver {
    final double rtol;
    final double atol;
    final int maxSteps;
    private int maxCycles = DEFAULT_MAX_SS_CYCLES;

    AbstractSolver(double rtol, double atol, int maxSteps) {
        if (!(rtol > 0 && rtol < 1)) {
            throw new IllegalArgumentException("relative tolerance = " + rtol + ": expected a number in (0, 1)");
        }
        if (!(atol > 0 && atol < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("absolute tolerance = " + atol + ": expected a finite number > 0");
        }
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("max steps = " + maxSteps + ": expected a number > 0");
        }
        this.rtol = rtol;
        this.atol = atol;
        this.maxSteps = maxSteps;
    }

    abstract Solver copy(double rtol, double atol, int maxSteps);

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
        return keepCycles(copy(relative, absolute, maxSteps));
    }

    @Override
    public Solver withMaxSteps(int steps) {
        return keepCycles(copy(rtol, atol, steps));
    }

    @Override
    public Solver withMaxSteadyStateCycles(int cycles) {
        if (cycles <= 0) {
            throw new IllegalArgumentException("max steady-state cycles = " + cycles + ": expected a number > 0");
        }
        AbstractSolver s = (AbstractSolver) copy(rtol, atol, maxSteps);
        s.maxCycles = cycles;
        return s;
    }

    private Solver keepCycles(Solver s) {
        ((AbstractSolver) s).maxCycles = maxCycles;
        return s;
    }

    @Override
    public String toString() {
        return name() + " (rtol " + rtol + ", atol " + atol + ", max " + maxSteps + " steps)";
    }
}
