package org.nanopk;

import org.nanopk.internal.Checks;

/**
 * A compartment of a {@link Model}: a named amount with an optional volume (mL) and tissue mass (g),
 * or a sink that only accumulates (urine, faeces, degraded payload).
 *
 * <p>Every numeric field is held as text: a number, a parameter name or an expression of parameters
 * (for example {@code "BW*VLC*1000"}), evaluated when the model is built. A {@code null} field is
 * absent. The dose modifiers follow NONMEM: {@code bioavailability} F scales every dose into this
 * compartment (default 1), {@code lag} delays it (h, default 0), {@code duration} (h) and {@code rate}
 * (amount/h) are the modelled infusion duration and rate used by doses with RATE = -2 and -1.
 *
 * @param name the compartment name: letters, digits and {@code _}, starting with a letter or {@code _}
 * @param volume volume in mL (needed for concentrations and for flow and permeability laws), or null
 * @param mass tissue mass in g (for %ID per gram; defaults to the volume at density 1), or null
 * @param sink true for a sink: it receives amount but never gives any
 * @param bioavailability F, the fraction of each dose that enters, or null for 1
 * @param lag ALAG, the delay of each dose in h, or null for 0
 * @param duration D, the modelled infusion duration in h, or null
 * @param rate R, the modelled infusion rate in amount/h, or null
 */
public record Compartment(String name, String volume, String mass, boolean sink,
                          String bioavailability, String lag, String duration, String rate) {

    /** Validates the name and canonicalises number literals. */
    public Compartment {
        Checks.name("compartment name", name);
        volume = Checks.canonical(volume);
        mass = Checks.canonical(mass);
        bioavailability = Checks.canonical(bioavailability);
        lag = Checks.canonical(lag);
        duration = Checks.canonical(duration);
        rate = Checks.canonical(rate);
    }

    /** A compartment with no volume (amounts only). */
    public static Compartment of(String name) {
        return new Compartment(name, null, null, false, null, null, null, null);
    }

    /** A compartment with a volume in mL. */
    public static Compartment of(String name, double volumeMl) {
        return of(name).withVolume(volumeMl);
    }

    /** A sink: it only accumulates what is transferred to it. */
    public static Compartment sinkOf(String name) {
        return new Compartment(name, null, null, true, null, null, null, null);
    }

    /** This compartment with a volume in mL. */
    public Compartment withVolume(double volumeMl) {
        return withVolume(Checks.number("volume of '" + name + "'", volumeMl));
    }

    /** This compartment with a volume in mL given as a parameter name or expression. */
    public Compartment withVolume(String volumeMl) {
        return new Compartment(name, volumeMl, mass, sink, bioavailability, lag, duration, rate);
    }

    /** This compartment with a tissue mass in g. */
    public Compartment withMass(double massG) {
        return withMass(Checks.number("mass of '" + name + "'", massG));
    }

    /** This compartment with a tissue mass in g given as a parameter name or expression. */
    public Compartment withMass(String massG) {
        return new Compartment(name, volume, massG, sink, bioavailability, lag, duration, rate);
    }

    /** This compartment with bioavailability F (a number, parameter name or expression). */
    public Compartment withBioavailability(String f) {
        return new Compartment(name, volume, mass, sink, f, lag, duration, rate);
    }

    /** This compartment with a dose lag time ALAG in h (a number, parameter name or expression). */
    public Compartment withLag(String lagH) {
        return new Compartment(name, volume, mass, sink, bioavailability, lagH, duration, rate);
    }

    /** This compartment with a modelled infusion duration D in h, used by doses with RATE = -2. */
    public Compartment withDuration(String durationH) {
        return new Compartment(name, volume, mass, sink, bioavailability, lag, durationH, rate);
    }

    /** This compartment with a modelled infusion rate R in amount/h, used by doses with RATE = -1. */
    public Compartment withRate(String rateAmountPerH) {
        return new Compartment(name, volume, mass, sink, bioavailability, lag, duration, rateAmountPerH);
    }

    /** This compartment as a sink (true) or an ordinary compartment (false). */
    public Compartment withSink(boolean isSink) {
        return new Compartment(name, volume, mass, isSink, bioavailability, lag, duration, rate);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        if (sink) {
            sb.append(" (sink)");
        }
        append(sb, "volume", volume, " mL");
        append(sb, "mass", mass, " g");
        append(sb, "F", bioavailability, "");
        append(sb, "lag", lag, " h");
        append(sb, "D", duration, " h");
        append(sb, "R", rate, "/h");
        return sb.toString();
    }

    private static void append(StringBuilder sb, String label, String value, String unit) {
        if (value != null) {
            sb.append(' ').append(label).append('=').append(value).append(unit);
        }
    }
}
