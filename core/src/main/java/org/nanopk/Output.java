package org.nanopk;

import org.nanopk.internal.Checks;

/**
 * A named output: an expression of compartment amounts (by name), parameters and the time {@code t},
 * such as {@code Tumor = ATb+ATt+ATRES} or {@code CLiver = (ALb+ALt+ALRES)/VL}. An output with a
 * tissue mass can be read as %ID per gram, like a compartment.
 *
 * @param name the output name
 * @param expression the expression
 * @param mass the tissue mass in g (a number, parameter name or expression), or null
 */
public record Output(String name, String expression, String mass) {
    /** Validates the name and canonicalises the fields. */
    public Output {
        Checks.name("output name", name);
        Checks.notNull("expression of output '" + name + "'", expression);
        expression = Checks.canonical(expression);
        mass = Checks.canonical(mass);
    }

    @Override
    public String toString() {
        return name + " = " + expression + (mass == null ? "" : "  (mass " + mass + " g)");
    }
}
