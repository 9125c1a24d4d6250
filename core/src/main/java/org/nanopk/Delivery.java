package org.nanopk;

import org.nanopk.internal.Checks;

/**
 * Delivery efficiency of a tissue (usually the tumour): the percentage of the injected dose it holds
 * over time, DE(t) = 100·A_tissue(t)/dose, its maximum, and the exposure ratio
 * AUC_tissue/AUC_blood of the amounts from the first to the last output time. Every number is the
 * solution's, not its output grid's: the maximum is found on the continuous solution (each solver step,
 * refined by root finding on the derivative), the areas are the exact integrals of its steps,
 * and DE is known at any time of the simulated span.
 *
 * @param tissue the compartment or output read as the tissue
 * @param blood the compartment or output read as blood
 * @param de DE(t) in %ID (at the output times, and by the solution at any time of the span)
 * @param deMax the largest DE of the solution (%ID)
 * @param timeOfMax its time (h)
 * @param aucTissue AUC of the tissue amount (%ID·h)
 * @param aucBlood AUC of the blood amount (%ID·h)
 */
public record Delivery(String tissue, String blood, Series de, double deMax, double timeOfMax, double aucTissue,
                       double aucBlood) {

    /** DE at time {@code t} (%ID), any time of the simulated span for a simulation. */
    public double at(double t) {
        return de.at(t);
    }

    /** AUC_tissue/AUC_blood. */
    public double aucRatio() {
        return aucTissue / aucBlood;
    }

    /** A summary table; DE at 1, 4, 24, 48 and 168 h when those are in the span. */
    @Override
    public String toString() {
        Table.Builder t = Table.builder("delivery of " + tissue, "value", "unit");
        for (double h : new double[] {1, 4, 24, 48, 168}) {
            try {
                t.row("DE" + Checks.g(h), Checks.g(de.at(h)), "%ID");
            } catch (IllegalArgumentException outsideTheSpan) {
                // only times DE is known at are shown
            }
        }
        t.row("DEmax", Checks.g(deMax), "%ID");
        t.row("time of DEmax", Checks.g(timeOfMax), "h");
        t.row("AUC " + tissue, Checks.g(aucTissue), "%ID*h");
        t.row("AUC " + blood, Checks.g(aucBlood), "%ID*h");
        t.row("AUC ratio", Checks.g(aucRatio()), "");
        return t.toString();
    }
}
