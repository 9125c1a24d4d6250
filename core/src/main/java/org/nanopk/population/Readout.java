package org.nanopk.population;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

import org.nanopk.Simulation;
import org.nanopk.internal.Checks;

/**
 * A readout declared by what it reads, rather than written as a function: one number per subject of a
 * compartment or output — its AUC over the output times, its maximum or the time of it, its largest
 * %ID (DEmax), its amount or %ID at a time. A study knows from these what each subject's solve must
 * keep (maxima need the continuous solution, recorded in the one solve). Immutable; equal when they read the same thing.
 *
 * <pre>study.readout("DE24", Readout.percentIdAt("Tumor", 24)).readout("Cmax", Readout.max("Tumor"))</pre>
 */
public final class Readout implements ToDoubleFunction<Simulation> {
    /** What a readout reads. */
    public enum Kind {
        /** ∫ amount dt from the first to the last output time (amount·h). */
        AUC,
        /** The largest amount on the continuous solution. */
        MAX,
        /** The time of the largest amount (h). */
        TIME_OF_MAX,
        /** The largest %ID on the continuous solution: DEmax of a tissue. */
        MAX_PERCENT_ID,
        /** The amount at a time (h). */
        AMOUNT_AT,
        /** The %ID at a time (h). */
        PERCENT_ID_AT
    }

    private final Kind kind;
    private final String name;
    private final double time;

    private Readout(Kind kind, String name, double time) {
        this.kind = kind;
        this.name = Checks.notNull("readout's compartment or output", name);
        this.time = time;
    }

    /** The area under the amount of {@code name} over the output times (amount·h). */
    public static Readout auc(String name) {
        return new Readout(Kind.AUC, name, Double.NaN);
    }

    /** The largest amount of {@code name} on the continuous solution. */
    public static Readout max(String name) {
        return new Readout(Kind.MAX, name, Double.NaN);
    }

    /** The time of the largest amount of {@code name} (h). */
    public static Readout timeOfMax(String name) {
        return new Readout(Kind.TIME_OF_MAX, name, Double.NaN);
    }

    /** The largest %ID of {@code name} on the continuous solution: the peak delivery efficiency DEmax. */
    public static Readout maxPercentId(String name) {
        return new Readout(Kind.MAX_PERCENT_ID, name, Double.NaN);
    }

    /** The amount of {@code name} at time {@code t} (h). */
    public static Readout amountAt(String name, double t) {
        return new Readout(Kind.AMOUNT_AT, name, Checks.finite("readout time of " + name, t));
    }

    /** The %ID of {@code name} at time {@code t} (h): the delivery efficiency DE(t) of a tissue. */
    public static Readout percentIdAt(String name, double t) {
        return new Readout(Kind.PERCENT_ID_AT, name, Checks.finite("readout time of " + name, t));
    }

    /** What this readout reads. */
    public Kind kind() {
        return kind;
    }

    /** The compartment or output it reads. */
    public String name() {
        return name;
    }

    /** The time it reads at (h), NaN for AUC and maxima. */
    public double time() {
        return time;
    }

    /**
     * True when the readout reads the continuous solution (maxima; areas, the integrals of its steps; a
     * value at a time that is not an output time), so a study records it in each subject's one solve.
     */
    boolean needsContinuous(double[] outputTimes) {
        return switch (kind) {
            case MAX, TIME_OF_MAX, MAX_PERCENT_ID, AUC -> true;
            case AMOUNT_AT, PERCENT_ID_AT -> java.util.Arrays.binarySearch(outputTimes, time) < 0;
        };
    }

    @Override
    public double applyAsDouble(Simulation s) {
        return switch (kind) {
            case AUC -> s.amount(name).auc();
            case MAX -> s.amount(name).max();
            case TIME_OF_MAX -> s.amount(name).timeOfMax();
            case MAX_PERCENT_ID -> s.percentId(name).max();
            case AMOUNT_AT -> s.amount(name).at(time);
            case PERCENT_ID_AT -> s.percentId(name).at(time);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Readout r && kind == r.kind && name.equals(r.name)
            && Double.doubleToLongBits(time) == Double.doubleToLongBits(r.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, time);
    }

    /** "AUC Tumor", "max Tumor", "%ID Tumor at 24 h". */
    @Override
    public String toString() {
        return switch (kind) {
            case AUC -> "AUC " + name;
            case MAX -> "max " + name;
            case TIME_OF_MAX -> "time of max " + name;
            case MAX_PERCENT_ID -> "max %ID " + name;
            case AMOUNT_AT -> name + " at " + Checks.g(time) + " h";
            case PERCENT_ID_AT -> "%ID " + name + " at " + Checks.g(time) + " h";
        };
    }
}
