package org.nanopk;

import org.nanopk.internal.Checks;

/**
 * Delivery efficiency of a tissue (usually the tumour): the percentage of the injected dose it holds
 * over time, DE(t) = 100·A_tissue(t)/dose, its maximum, and the exposure ratio
 * AUC_tissue/AUC_blood of the amounts (linear-up/log-down trapezoids over the output times).
 *
 * @param tissue the compartment or output read as the tissue
 * @param blood the compartment or output read as blood
 * @param de DE(t) in %ID at the output times
 * @param deMax the largest DE on the output times (%ID)
 * @param timeOfMax its time (h)
 * @param aucTissue AUC of the tissue amount (%ID·h)
 * @param aucBlood AUC of the blood amount (%ID·h)
 */
public record Delivery(String tissue, String blood, Series de, double deMax, double timeOfMax, double aucTissue,
                       double aucBlood) {

    /** DE at output time {@code t} (%ID). */
    public double at(double t) {
        return de.at(t);
    }

    /** AUC_tissue/AUC_blood. */
    public double aucRatio() {
        return aucTissue / aucBlood;
    }

    /** A summary table; DE at 24 and 168 h when those are output times. */
    @Override
    public String toString() {
        Table.Builder t = Table.builder("delivery of " + tissue, "value", "unit");
        for (double h : new double[] {1, 4, 24, 48, 168}) {
            try {
                t.row("DE" + Checks.g(h), Checks.g(de.at(h)), "%ID");
            } catch (IllegalArgumentException notAnOutputTime) {
                // only times on the output grid are shown
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
