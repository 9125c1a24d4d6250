package org.nanopk.solve;

import java.util.List;

/**
 * An ODE method with its settings: relative and absolute tolerance (per component: the error of
 * component i is controlled to atol + rtol·|y_i|) and the maximum number of steps of one solve.
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
    /** Default absolute tolerance (amount units). */
    double DEFAULT_ATOL = 1e-10;
    /** Default maximum number of steps per solve. */
    int DEFAULT_MAX_STEPS = 200_000;

    /** The method name, e.g. {@code "auto"}, {@code "exact"}, {@code "stiff"}, {@code "dp853"}. */
    String name();

    /** Relative tolerance. */
    double relativeTolerance();

    /** Absolute tolerance, in amount units. */
    double absoluteTolerance();

    /** Maximum number of steps of one solve. */
    int maxSteps();

    /** This method with other tolerances (rtol &gt; 0, atol &gt; 0). */
    Solver withTolerances(double rtol, double atol);

    /** This method with another step limit (&gt; 0). */
    Solver withMaxSteps(int maxSteps);

    /**
     * A new integrator for one solve of {@code system}.
     *
     * @param system the equations
     * @param horizon the length of the whole solve (h), used by the automatic choice
     */
    Integrator integrator(OdeSystem system, double horizon);

    /** Hipparchus's Dormand–Prince 8(5,3), the non-stiff workhorse. */
    static Solver nonstiff() {
        return HipparchusSolver.dormandPrince853();
    }

    /** Hipparchus's Gragg–Bulirsch–Stoer extrapolation (non-stiff). */
    static Solver graggBulirschStoer() {
        return HipparchusSolver.graggBulirschStoer();
    }

    /** The names accepted by {@link #named(String)}. */
    static List<String> names() {
        return List.of("nonstiff", "dp853", "gbs");
    }

    /**
     * The solver of that name (see {@link #names()}), with default settings.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    static Solver named(String name) {
        if (name == null) {
            throw new IllegalArgumentException("solver name is null; known: " + String.join(", ", names()));
        }
        switch (name) {
            case "nonstiff":
            case "dp853":
                return nonstiff();
            case "gbs":
                return graggBulirschStoer();
            default:
                throw new IllegalArgumentException("unknown solver '" + name + "'; known: "
                    + String.join(", ", names()));
        }
    }
}
