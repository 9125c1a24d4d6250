package org.nanopk;

import org.nanopk.internal.Checks;

/**
 * A bookkeeping state that integrates an expression over time: d(name)/dt = expression, starting at
 * 0 (for example the tumour AUC, {@code AUCTumor = ∫ (ATb+ATt+ATRES)/VT dt}, or the cumulative flux of
 * a transfer). It is solved with the compartments, at the same accuracy, but it holds no amount:
 * it is not part of the mass balance and doses cannot go into it.
 *
 * @param name the state name
 * @param rate the integrand: an expression of amounts, parameters and {@code t}
 */
public record Integral(String name, String rate) {
    /** Validates the name and canonicalises the integrand. */
    public Integral {
        Checks.name("integral name", name);
        Checks.notNull("integrand of '" + name + "'", rate);
        rate = Checks.canonical(rate);
    }

    @Override
    public String toString() {
        return "d" + name + "/dt = " + rate;
    }
}
