package org.nanopk;

import java.util.ArrayList;
import java.util.List;

import org.nanopk.internal.Checks;

/**
 * One dosing record with NONMEM's semantics: a bolus or an infusion into a compartment at a time,
 * optionally repeated every {@code interval} hours, optionally at steady state; or a reset of all
 * amounts (EVID 3), optionally followed by a dose (EVID 4).
 *
 * <p>The compartment's dose modifiers apply (see {@link Compartment}): a bolus adds F·amount at
 * time + lag. An infusion given by {@code rate} keeps its rate, so F changes its duration to
 * F·amount/rate; an infusion given by {@code duration}, or with RATE = -2 (duration modelled by the
 * compartment's D), keeps its duration, so F changes its rate; RATE = -1 takes the rate from the
 * compartment's R. Build doses with the factories and withers:
 * <pre>{@code
 * Dose.bolus("blood", 100)                       // 100 at t = 0
 * Dose.infusion("blood", 50, 1).at(24).repeated(3, 24) // 1 h infusions at 24, 48, 72 h
 * }</pre>
 *
 * @param kind a dose, a reset, or a reset followed by a dose
 * @param compartment the compartment dosed (null for a plain reset)
 * @param time the record time in h (≥ 0)
 * @param amount AMT, the amount (≥ 0; in the model's amount unit, %ID by default)
 * @param rate RATE: 0 for a bolus (or an infusion given by duration), &gt; 0 an infusion rate in
 *             amount/h, -1 rate modelled, -2 duration modelled
 * @param duration the infusion duration in h when given by duration, else 0
 * @param interval II, the dosing interval in h (0 if not repeated and not at steady state)
 * @param additional ADDL, the number of additional doses after this one, every {@code interval}
 * @param steadyState SS: 0 none, 1 the state is replaced by the steady state of this dose repeated
 *                    every {@code interval}, 2 that steady state is added to the current state
 */
public record Dose(Kind kind, String compartment, double time, double amount, double rate, double duration,
                   double interval, int additional, int steadyState) {

    /** The kind of record, as NONMEM's EVID 1, 3 and 4. */
    public enum Kind {
        /** EVID 1: a dose. */
        DOSE,
        /** EVID 3: all amounts to 0, running infusions and pending doses cancelled. */
        RESET,
        /** EVID 4: a reset, then a dose. */
        RESET_AND_DOSE;

        /** The NONMEM EVID of this kind. */
        public int evid() {
            return switch (this) {
                case DOSE -> 1;
                case RESET -> 3;
                case RESET_AND_DOSE -> 4;
            };
        }
    }

    /** RATE = -1: the infusion rate is the compartment's modelled rate R. */
    public static final double MODELLED_RATE = -1;

    /** The most additional doses (ADDL) one record can give: a dose every hour for over a century. */
    public static final int MAX_ADDITIONAL = 1_000_000;

    /** RATE = -2: the infusion duration is the compartment's modelled duration D. */
    public static final double MODELLED_DURATION = -2;

    /** Validates every field; messages name the field, its value and what was expected. */
    public Dose {
        Checks.notNull("dose kind", kind);
        String where = kind == Kind.RESET ? "reset" : "dose into '" + compartment + "'";
        if (!(time >= 0 && time < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(where + ": time = " + time + ": expected a finite time >= 0 h "
                + "(doses before time 0 are not allowed)");
        }
        if (kind == Kind.RESET) {
            compartment = null;
        } else {
            Checks.name("dosed compartment", compartment);
            Checks.nonNegative(where + ": amount", amount);
            if (!(rate > 0 && rate < Double.POSITIVE_INFINITY || rate == 0 || rate == MODELLED_RATE
                || rate == MODELLED_DURATION)) {
                throw new IllegalArgumentException(where + ": rate = " + rate
                    + ": expected 0 (bolus), a finite rate > 0, -1 (rate modelled) or -2 (duration modelled)");
            }
            Checks.nonNegative(where + ": duration", duration);
            if (duration > 0 && rate != 0) {
                throw new IllegalArgumentException(where + ": both rate = " + rate + " and duration = " + duration
                    + " are given; expected one of them");
            }
            Checks.nonNegative(where + ": interval", interval);
            if (additional < 0 || additional > MAX_ADDITIONAL) {
                throw new IllegalArgumentException(where + ": additional = " + additional
                    + ": expected a number of additional doses from 0 to " + MAX_ADDITIONAL);
            }
            if (additional > 0 && !(interval > 0)) {
                throw new IllegalArgumentException(where + ": additional = " + additional + " doses with interval = "
                    + interval + ": expected an interval > 0 h");
            }
            if (steadyState < 0 || steadyState > 2) {
                throw new IllegalArgumentException(where + ": steadyState = " + steadyState + ": expected 0, 1 or 2");
            }
            boolean constantInfusion = steadyState == 1 && amount == 0 && interval == 0
                && (rate > 0 || rate == 0 || rate == MODELLED_RATE);
            if (steadyState > 0 && !(interval > 0) && !constantInfusion) {
                throw new IllegalArgumentException(where + ": steady state (SS = " + steadyState
                    + ") with interval = " + interval + " and amount = " + amount
                    + ": expected an interval > 0 h, or amount 0 with interval 0 for a constant infusion (SS = 1)");
            }
            if (amount == 0 && !constantInfusion && kind != Kind.RESET) {
                throw new IllegalArgumentException(where + ": amount = 0: expected an amount > 0 (amount 0 is only "
                    + "allowed for a steady-state constant infusion: interval 0, SS = 1)");
            }
        }
    }

    /** A bolus of {@code amount} into {@code compartment} at time 0. */
    public static Dose bolus(String compartment, double amount) {
        return new Dose(Kind.DOSE, compartment, 0, amount, 0, 0, 0, 0, 0);
    }

    /** A zero-order infusion of {@code amount} over {@code durationH} hours, starting at time 0. */
    public static Dose infusion(String compartment, double amount, double durationH) {
        Checks.positive("infusion duration into '" + compartment + "'", durationH);
        return new Dose(Kind.DOSE, compartment, 0, amount, 0, durationH, 0, 0, 0);
    }

    /** A zero-order infusion of {@code amount} at {@code ratePerH} (amount/h), starting at time 0. */
    public static Dose infusionAtRate(String compartment, double amount, double ratePerH) {
        Checks.positive("infusion rate into '" + compartment + "'", ratePerH);
        return new Dose(Kind.DOSE, compartment, 0, amount, ratePerH, 0, 0, 0, 0);
    }

    /**
     * A constant infusion at {@code ratePerH} that has run forever (SS = 1, AMT = 0, II = 0): the
     * state starts at the infusion's steady state and the infusion stops at the record time.
     */
    public static Dose steadyInfusion(String compartment, double ratePerH) {
        Checks.positive("steady infusion rate into '" + compartment + "'", ratePerH);
        return new Dose(Kind.DOSE, compartment, 0, 0, ratePerH, 0, 0, 0, 1);
    }

    /** EVID 3: all amounts to 0, running infusions and pending doses cancelled, at {@code timeH}. */
    public static Dose reset(double timeH) {
        return new Dose(Kind.RESET, null, timeH, 0, 0, 0, 0, 0, 0);
    }

    /** This dose at {@code timeH} hours. */
    public Dose at(double timeH) {
        return new Dose(kind, compartment, timeH, amount, rate, duration, interval, additional, steadyState);
    }

    /**
     * This dose given {@code count} times in all, every {@code intervalH} hours (NONMEM's ADDL =
     * count − 1, II = intervalH). The same order as {@link #withAdditional(int, double)}: how many, then
     * how often.
     */
    public Dose repeated(int count, double intervalH) {
        if (count < 1) {
            throw new IllegalArgumentException("dose into '" + compartment + "': count = " + count
                + ": expected at least 1 dose");
        }
        return new Dose(kind, compartment, time, amount, rate, duration, intervalH, count - 1, steadyState);
    }

    /**
     * This dose with NONMEM's ADDL additional doses, every II = {@code intervalH} hours (the same order
     * as {@link #repeated(int, double)}).
     */
    public Dose withAdditional(int addl, double intervalH) {
        return new Dose(kind, compartment, time, amount, rate, duration, intervalH, addl, steadyState);
    }

    /**
     * This dose at steady state: NONMEM's SS flag (1 replaces the state by the steady state of this
     * dose repeated every {@code intervalH}, 2 adds that steady state; 0 for none) and II.
     */
    public Dose withSteadyState(int ss, double intervalH) {
        return new Dose(kind, compartment, time, amount, rate, duration, intervalH, additional, ss);
    }

    /** This dose with NONMEM's RATE field: 0, &gt; 0, {@link #MODELLED_RATE} or {@link #MODELLED_DURATION}. */
    public Dose withRate(double nonmemRate) {
        return new Dose(kind, compartment, time, amount, nonmemRate, 0, interval, additional, steadyState);
    }

    /** This dose as an infusion whose duration is the compartment's modelled D (RATE = -2). */
    public Dose withModelledDuration() {
        return withRate(MODELLED_DURATION);
    }

    /** This dose as an infusion whose rate is the compartment's modelled R (RATE = -1). */
    public Dose withModelledRate() {
        return withRate(MODELLED_RATE);
    }

    /** This dose preceded by a reset of all amounts (EVID 4). */
    public Dose withResetBefore() {
        return new Dose(Kind.RESET_AND_DOSE, compartment, time, amount, rate, duration, interval, additional,
            steadyState);
    }

    /** True for a bolus (no rate, no duration). */
    public boolean isBolus() {
        return rate == 0 && duration == 0;
    }

    /** True if this record gives a dose (EVID 1 or 4). */
    public boolean givesDose() {
        return kind != Kind.RESET;
    }

    /** The dose times of this record and its additional doses, before any lag (h). */
    public double[] times() {
        if (!givesDose()) {
            return new double[] {time};
        }
        double[] t = new double[additional + 1];
        for (int k = 0; k <= additional; k++) {
            t[k] = time + k * interval;
        }
        return t;
    }

    @Override
    public String toString() {
        if (kind == Kind.RESET) {
            return "reset at " + Checks.g(time) + " h";
        }
        List<String> parts = new ArrayList<>();
        parts.add(kind == Kind.RESET_AND_DOSE ? "reset, then" : "");
        if (rate == 0 && duration == 0) {
            parts.add("bolus " + Checks.g(amount) + " into " + compartment);
        } else if (duration > 0) {
            parts.add("infusion " + Checks.g(amount) + " into " + compartment + " over " + Checks.g(duration) + " h");
        } else if (rate > 0) {
            parts.add("infusion " + Checks.g(amount) + " into " + compartment + " at " + Checks.g(rate) + "/h");
        } else {
            parts.add("infusion " + Checks.g(amount) + " into " + compartment
                + (rate == MODELLED_RATE ? " at the modelled rate" : " over the modelled duration"));
        }
        parts.add("at " + Checks.g(time) + " h");
        if (additional > 0) {
            parts.add("then " + additional + " more every " + Checks.g(interval) + " h");
        }
        if (steadyState > 0) {
            parts.add(steadyState == 1 ? "at steady state (SS=1" : "plus steady state (SS=2");
            parts.set(parts.size() - 1, parts.get(parts.size() - 1)
                + (interval > 0 ? ", every " + Checks.g(interval) + " h)" : ", constant infusion)"));
        }
        return String.join(" ", parts).trim();
    }
}
