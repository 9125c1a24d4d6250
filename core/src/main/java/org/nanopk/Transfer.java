package org.nanopk;

import org.nanopk.internal.Checks;

/**
 * A transfer of amount from one compartment to another at the rate given by a {@link RateLaw}.
 * What leaves {@code from} enters {@code to}, so the total amount is conserved by construction.
 *
 * @param from the source compartment
 * @param to the destination compartment (often a sink)
 * @param law the rate law
 */
public record Transfer(String from, String to, RateLaw law) {
    /** Rejects nulls and invalid names. */
    public Transfer {
        Checks.name("transfer source", from);
        Checks.name("transfer destination", to);
        Checks.notNull("rate law of transfer " + from + " -> " + to, law);
    }

    @Override
    public String toString() {
        return from + " -> " + to + "  " + law.type() + "  " + law.formula(from, to);
    }
}
