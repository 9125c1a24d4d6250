package org.nanopk;

import org.nanopk.internal.Checks;

/**
 * A named output: an expression of compartment amounts (by name), parameters and the time {@code t},
 * such as {@code Tumor = ATb+ATt+ATRES} or {@code CLiver = (ALb+ALt+ALRES)/VL}. An output with a
 * tissue mass (or a volume) can be read per gram or per mL, like a compartment. An output without a
 * unit is an amount in the model's amount unit (so %ID and amount data convert as for a compartment);
 * one with a unit (for example {@code mg/L} for {@code central/V}) is compared with data of that
 * quantity, converted between its units ({@link Observations#unit(String)}).
 *
 * @param name the output name
 * @param expression the expression
 * @param mass the tissue mass in g (a number, parameter name or expression), or null
 * @param volume the volume in mL (a number, parameter name or expression), or null; used per mL where
 *               there is no mass (density 1)
 * @param unit the unit of the output's value (one of {@link Observations#units()}), or null for an amount
 *             in the model's amount unit
 */
public record Output(String name, String expression, String mass, String volume, String unit) {
    /** Validates the name and unit and canonicalises the fields. */
    public Output {
        Checks.name("output name", name);
        Checks.notNull("expression of output '" + name + "'", expression);
        expression = Checks.canonical(expression);
        mass = Checks.canonical(mass);
        volume = Checks.canonical(volume);
        if (unit != null) {
            unit = unit.trim();
            Observations.unit(unit, "output '" + name + "'");
        }
    }

    /** An output without a volume or unit. */
    public Output(String name, String expression, String mass) {
        this(name, expression, mass, null, null);
    }

    /** The mass, or without one the volume (density 1): what per-gram and per-mL values divide by; null if neither. */
    String size() {
        return mass != null ? mass : volume;
    }

    @Override
    public String toString() {
        return name + " = " + expression + (mass == null ? "" : "  (mass " + mass + " g)")
            + (volume == null ? "" : "  (volume " + volume + " mL)") + (unit == null ? "" : "  [" + unit + "]");
    }
}
