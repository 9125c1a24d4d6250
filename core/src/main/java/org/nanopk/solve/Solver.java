package org.nanopk.solve;

import java.util.List;

/**
 * An ODE method with its settings: relative and absolute tolerance (per component: the error of
 * component i is controlled to atol + rtol·|y_i|) and the maximum number of steps between two
 * discontinuities. When a {@code Model} is simulated, atol is read in %ID: it is scaled by the largest
 * dose / 100, so the same tolerances give the same relative accuracy whether amounts are in %ID, mg
 * or ng (for a model dosed with 100 %ID, atol is an amount).
 * Immutable; {@code with...} returns a new configuration.
 *
 * <pre>{@code
 * Solver.auto()                                  // exact if linear, else stiff or non-stiff
 * Solver.stiff().withTolerances(1e-8, 1e-10)      // Rosenbrock Rodas5P
 * }</pre>
 */
public interface Solver {
    /** Default relative tolerance. */
    double DEFAULT_RTOL = 1e-8;
    /** Default absolute tolerance (%ID of the largest dose when a model is simulated). */
    double DEFAULT_ATOL = 1e-10;
    /** Default maximum number of steps between two discontinuities (doses, infusion starts and ends). */
    int DEFAULT_MAX_STEPS = 200_000;
    /** Default maximum number of dosing intervals integrated to reach a steady state. */
    int DEFAULT_MAX_SS_CYCLES = 10_000;

    /**
     * The solver's name, one of {@link #names()}: {@code Solver.named(s.name())} is {@code s} with
     * default settings. (The method that did the work, e.g. {@code rodas5p}, is in {@link SolverStats}.)
     */
    String name();

    /** Relative tolerance. */
    double relativeTolerance();

    /** Absolute tolerance: an amount; in %ID of the largest dose when a model is simulated. */
    double absoluteTolerance();

    /** Maximum number of steps of one integration between two discontinuities (as LSODA's MXSTEP). */
    int maxSteps();

    /** This method with other tolerances (rtol &gt; 0, atol &gt; 0). */
    Solver withTolerances(double rtol, double atol);

    /** This method with another step limit (&gt; 0). */
    Solver withMaxSteps(int maxSteps);

    /**
     * The most dosing intervals integrated to reach a steady state (SS doses on nonlinear models);
     * convergence means one more interval changes no amount by more than the tolerances.
     */
    int maxSteadyStateCycles();

    /** This method with another limit on steady-state cycles (&gt; 0). */
    Solver withMaxSteadyStateCycles(int cycles);

    /**
     * A new integrator for one solve of {@code system}.
     *
     * @param system the equations
     * @param horizon the length of the whole solve (h), used by the automatic choice
     */
    Integrator integrator(OdeSystem system, double horizon);

    /**
     * The automatic choice: exact for linear time-invariant models, otherwise Rodas5P or
     * Dormand–Prince 5(4) by a stiffness test (see the {@code AutoSolver} notes in the README).
     */
    static Solver auto() {
        return new AutoSolver(DEFAULT_RTOL, DEFAULT_ATOL, DEFAULT_MAX_STEPS);
    }

    /** The exact solution by matrix exponential; only for linear time-invariant models. */
    static Solver exact() {
        return new ExactLinear(DEFAULT_RTOL, DEFAULT_ATOL, DEFAULT_MAX_STEPS);
    }

    /** Rodas5P, an L-stable Rosenbrock method of order 5 with the model's analytic Jacobian (stiff). */
    static Solver stiff() {
        return new Rosenbrock(DEFAULT_RTOL, DEFAULT_ATOL, DEFAULT_MAX_STEPS);
    }

    /** NanoPK's allocation-free Dormand–Prince 5(4) (non-stiff). */
    static Solver nonstiff() {
        return new DormandPrince5(DEFAULT_RTOL, DEFAULT_ATOL, DEFAULT_MAX_STEPS);
    }

    /** Hipparchus's Dormand–Prince 8(5,3) (non-stiff). */
    static Solver dormandPrince853() {
        return HipparchusSolver.dormandPrince853();
    }

    /** Hipparchus's Gragg–Bulirsch–Stoer extrapolation (non-stiff). */
    static Solver graggBulirschStoer() {
        return HipparchusSolver.graggBulirschStoer();
    }

    /** The names accepted by {@link #named(String)}. */
    static List<String> names() {
        return List.of("auto", "exact", "stiff", "nonstiff", "dp853", "gbs");
    }

    /**
     * The solver of that name (see {@link #names()}), with default settings: {@code auto},
     * {@code exact}, {@code stiff} (Rodas5P), {@code nonstiff} (Dormand–Prince 5(4)), {@code dp853}
     * and {@code gbs} (Hipparchus).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    static Solver named(String name) {
        if (name == null) {
            throw new IllegalArgumentException("solver name is null; known: " + String.join(", ", names()));
        }
        return switch (name) {
            case "auto" -> auto();
            case "exact" -> exact();
            case "stiff" -> stiff();
            case "nonstiff" -> nonstiff();
            case "dp853" -> dormandPrince853();
            case "gbs" -> graggBulirschStoer();
            default -> throw new IllegalArgumentException("unknown solver '" + name + "'; known: "
                + String.join(", ", names()));
        };
    }
}
