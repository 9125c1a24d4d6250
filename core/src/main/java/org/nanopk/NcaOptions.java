package org.nanopk;

import java.util.Locale;
import java.util.Objects;

import org.nanopk.internal.Checks;

/**
 * How a non-compartmental analysis reads a profile: the route of the single dose (and an infusion's
 * duration), the dose, and the AUC rule. Immutable; start from {@link #extravascular()},
 * {@link #bolus()} or {@link #infusion(double)} and add {@link #withDose(double)} and
 * {@link #withAuc(Auc)}:
 *
 * <pre>
 * Nca.of(times, conc, NcaOptions.extravascular().withDose(320).withAuc(NcaOptions.Auc.LINEAR))
 * </pre>
 */
public final class NcaOptions {

    /** The route of the dose, which decides where λz may start, C0 and the MRT correction. */
    public enum Route {
        /** Oral, subcutaneous, intraperitoneal…: λz starts after Cmax; CL and Vz are per F (CLFO, VZFO). */
        EXTRAVASCULAR,
        /** An intravenous bolus: λz may start at Cmax; C0 is back-extrapolated; Vss is reported. */
        BOLUS,
        /** An intravenous infusion starting at time 0: C(0) = 0; MRT subtracts half the duration. */
        INFUSION;

        /** The route named {@code name} ({@code extravascular}, {@code bolus}, {@code infusion}; any case). */
        public static Route of(String name) {
            Checks.notNull("route", name);
            for (Route r : values()) {
                if (r.name().equalsIgnoreCase(name.trim())) {
                    return r;
                }
            }
            throw new IllegalArgumentException("route '" + name + "' is unknown; expected extravascular, bolus or "
                + "infusion");
        }

        /** Its name in lower case, as the command line writes it. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The AUC rule between two samples. */
    public enum Auc {
        /** Linear trapezoids throughout. */
        LINEAR("linear"),
        /**
         * Linear trapezoids where the curve rises or is flat, log trapezoids
         * (c1 − c2)·Δt/ln(c1/c2) where it falls between positive values.
         */
        LINEAR_UP_LOG_DOWN("linuplogdown");

        private final String label;

        Auc(String label) {
            this.label = label;
        }

        /** The rule named {@code name}: {@code linear} or {@code linuplogdown} (any case). */
        public static Auc of(String name) {
            Checks.notNull("AUC method", name);
            for (Auc a : values()) {
                if (a.label.equalsIgnoreCase(name.trim()) || a.name().equalsIgnoreCase(name.trim())) {
                    return a;
                }
            }
            throw new IllegalArgumentException("AUC method '" + name + "' is unknown; expected linear or linuplogdown");
        }

        /** {@code linear} or {@code linuplogdown}. */
        @Override
        public String toString() {
            return label;
        }
    }

    private final Route route;
    private final double duration;
    private final double dose;
    private final Auc auc;

    private NcaOptions(Route route, double duration, double dose, Auc auc) {
        this.route = route;
        this.duration = duration;
        this.dose = dose;
        this.auc = auc;
    }

    /** An extravascular dose at time 0, no dose amount, linear-up/log-down AUC. */
    public static NcaOptions extravascular() {
        return new NcaOptions(Route.EXTRAVASCULAR, 0, Double.NaN, Auc.LINEAR_UP_LOG_DOWN);
    }

    /** An IV bolus at time 0, no dose amount, linear-up/log-down AUC. */
    public static NcaOptions bolus() {
        return new NcaOptions(Route.BOLUS, 0, Double.NaN, Auc.LINEAR_UP_LOG_DOWN);
    }

    /** An IV infusion from time 0 lasting {@code durationH} (&gt; 0, h), no dose amount, linear-up/log-down AUC. */
    public static NcaOptions infusion(double durationH) {
        Checks.positive("infusion duration (h)", durationH);
        return new NcaOptions(Route.INFUSION, durationH, Double.NaN, Auc.LINEAR_UP_LOG_DOWN);
    }

    /**
     * Options for {@code route}; an infusion needs its duration ({@code durationH} &gt; 0), the other
     * routes none (NaN or 0).
     */
    public static NcaOptions of(Route route, double durationH) {
        Checks.notNull("route", route);
        if (route == Route.INFUSION) {
            return infusion(durationH);
        }
        if (!(Double.isNaN(durationH) || durationH == 0)) {
            throw new IllegalArgumentException("duration " + durationH + " h given for route " + route
                + "; expected a duration only for an infusion");
        }
        return route == Route.BOLUS ? bolus() : extravascular();
    }

    /** These options with the dose {@code amount} (&gt; 0, the unit CL and V are per). */
    public NcaOptions withDose(double amount) {
        Checks.positive("dose", amount);
        return new NcaOptions(route, duration, amount, auc);
    }

    /** These options with the AUC rule {@code method}. */
    public NcaOptions withAuc(Auc method) {
        return new NcaOptions(route, duration, dose, Checks.notNull("AUC method", method));
    }

    /** The route. */
    public Route route() {
        return route;
    }

    /** The infusion's duration (h); 0 for the other routes. */
    public double duration() {
        return duration;
    }

    /** True if a dose amount was given (CL and volumes need it). */
    public boolean hasDose() {
        return !Double.isNaN(dose);
    }

    /** The dose amount. */
    public double dose() {
        if (!hasDose()) {
            throw new IllegalArgumentException("no dose was given; use withDose(amount)");
        }
        return dose;
    }

    /** The AUC rule. */
    public Auc auc() {
        return auc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NcaOptions n && route == n.route && Double.compare(duration, n.duration) == 0
            && Double.compare(dose, n.dose) == 0 && auc == n.auc;
    }

    @Override
    public int hashCode() {
        return Objects.hash(route, duration, dose, auc);
    }

    /** For example {@code "infusion of 0.25 h, dose 25, AUC linuplogdown"}. */
    @Override
    public String toString() {
        return route + (route == Route.INFUSION ? " of " + Checks.g(duration) + " h" : "")
            + (hasDose() ? ", dose " + Checks.g(dose) : ", no dose") + ", AUC " + auc;
    }
}
