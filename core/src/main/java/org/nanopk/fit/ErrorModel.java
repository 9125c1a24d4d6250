package org.nanopk.fit;

import org.nanopk.internal.Checks;

/**
 * The residual error model: the standard deviation of an observation with prediction f,
 * <pre>
 * additive:      σ = a
 * proportional:  σ = b·|f|
 * combined:      σ = √(a² + b²f²)
 * </pre>
 * The error parameters are estimated with the model parameters (on a log scale) unless fixed. With
 * fixed parameters the fit is weighted least squares; observations that carry their own SD use it
 * instead. Immutable.
 *
 * @param kind additive, proportional or combined
 * @param additive a (in the observation's unit), NaN for a proportional model
 * @param proportional b (a fraction), NaN for an additive model
 * @param estimated whether a and b are estimated
 */
public record ErrorModel(Kind kind, double additive, double proportional, boolean estimated) {

    /** The form of the error model. */
    public enum Kind {
        /** σ = a. */
        ADDITIVE,
        /** σ = b·|f|. */
        PROPORTIONAL,
        /** σ = √(a² + b²f²). */
        COMBINED
    }

    /** Validates the parameters. */
    public ErrorModel {
        Checks.notNull("error model kind", kind);
        if (kind != Kind.PROPORTIONAL) {
            Checks.positive("additive error a", additive);
        }
        if (kind != Kind.ADDITIVE) {
            Checks.positive("proportional error b", proportional);
        }
    }

    /** σ = a, with a estimated from the initial value {@code a}. */
    public static ErrorModel additive(double a) {
        return new ErrorModel(Kind.ADDITIVE, a, Double.NaN, true);
    }

    /** σ = b·|f|, with b estimated from the initial value {@code b}. */
    public static ErrorModel proportional(double b) {
        return new ErrorModel(Kind.PROPORTIONAL, Double.NaN, b, true);
    }

    /** σ = √(a² + b²f²), a and b estimated from the initial values. */
    public static ErrorModel combined(double a, double b) {
        return new ErrorModel(Kind.COMBINED, a, b, true);
    }

    /** The model named "additive", "proportional" or "combined" with initial values 1 and 0.1. */
    public static ErrorModel named(String name) {
        if ("additive".equals(name)) {
            return additive(1);
        }
        if ("proportional".equals(name)) {
            return proportional(0.1);
        }
        if ("combined".equals(name)) {
            return combined(0.1, 0.1);
        }
        throw new IllegalArgumentException("unknown error model '" + name + "'; known: additive, proportional, combined");
    }

    /** This model with its parameters fixed at their values (weighted least squares). */
    public ErrorModel fixed() {
        return new ErrorModel(kind, additive, proportional, false);
    }

    /** The number of error parameters (1 or 2). */
    public int size() {
        return kind == Kind.COMBINED ? 2 : 1;
    }

    /** The names of the error parameters. */
    public java.util.List<String> names() {
        return switch (kind) {
            case ADDITIVE -> java.util.List.of("sigma_add");
            case PROPORTIONAL -> java.util.List.of("sigma_prop");
            default -> java.util.List.of("sigma_add", "sigma_prop");
        };
    }

    /** The parameter values in the order of {@link #names()}. */
    public double[] values() {
        return switch (kind) {
            case ADDITIVE -> new double[] {additive};
            case PROPORTIONAL -> new double[] {proportional};
            default -> new double[] {additive, proportional};
        };
    }

    /** This model with other parameter values (in the order of {@link #names()}). */
    public ErrorModel withValues(double... v) {
        return switch (kind) {
            case ADDITIVE -> new ErrorModel(kind, v[0], Double.NaN, estimated);
            case PROPORTIONAL -> new ErrorModel(kind, Double.NaN, v[0], estimated);
            default -> new ErrorModel(kind, v[0], v[1], estimated);
        };
    }

    /** σ for a prediction f. */
    public double sd(double f) {
        return switch (kind) {
            case ADDITIVE -> additive;
            case PROPORTIONAL -> proportional * Math.abs(f);
            default -> Math.sqrt(additive * additive + proportional * proportional * f * f);
        };
    }

    @Override
    public String toString() {
        String v = switch (kind) {
            case ADDITIVE -> "sd = " + Checks.g(additive);
            case PROPORTIONAL -> "sd = " + Checks.g(proportional) + "·f";
            default -> "sd = sqrt(" + Checks.g(additive) + "^2 + (" + Checks.g(proportional) + "·f)^2)";
        };
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " error, " + v + (estimated ? " (estimated)" : " (fixed)");
    }
}
