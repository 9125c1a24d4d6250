package org.nanopk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nanopk.internal.Checks;

/**
 * Dose records and output times in the order they are processed (an "event table"), for data sets
 * where that order matters: NONMEM processes records at the same time in file order, so a trough
 * sample listed before the dose at the same time sees the state before that dose. Immutable.
 *
 * <pre>{@code
 * Schedule s = Schedule.builder()
 *     .observe(24)                     // the trough, before the dose below
 *     .dose(Dose.bolus("blood", 100).at(24))
 *     .observe(25)
 *     .build();
 * }</pre>
 * A simulation of a schedule has one row per output time and one per dose record marked to be
 * reported (NONMEM-style output: the state after the record).
 */
public final class Schedule {
    private final double[] times;
    private final Dose[] doses;
    private final boolean[] report;
    private final String id;

    private Schedule(double[] times, Dose[] doses, boolean[] report, String id) {
        this.times = times;
        this.doses = doses;
        this.report = report;
        this.id = id;
    }

    /** The regimen's doses and the output times, doses first where times coincide. */
    public static Schedule of(Regimen regimen, double... outputTimes) {
        Checks.notNull("regimen", regimen);
        Times.requireIncreasing("times", outputTimes);
        Builder b = builder();
        int k = 0;
        for (Dose d : regimen.doses()) {
            while (k < outputTimes.length && outputTimes[k] < d.time()) {
                b.observe(outputTimes[k++]);
            }
            b.dose(d, false);
        }
        while (k < outputTimes.length) {
            b.observe(outputTimes[k++]);
        }
        return b.build();
    }

    /** A builder that takes records in processing order. */
    public static Builder builder() {
        return new Builder();
    }

    /** This schedule labelled with a subject ID (reported in CSV output). */
    public Schedule withId(String subjectId) {
        return new Schedule(times, doses, report, subjectId);
    }

    /** The subject ID, or null. */
    public String id() {
        return id;
    }

    /** The number of records. */
    public int size() {
        return times.length;
    }

    /** The time of record {@code i} (h). */
    public double time(int i) {
        return times[i];
    }

    /** The dose of record {@code i}, or null if it is an output time. */
    public Dose dose(int i) {
        return doses[i];
    }

    /** True if record {@code i} is an output time, or a dose record that gets a row in the result. */
    public boolean reported(int i) {
        return doses[i] == null || report[i];
    }

    /** The dose records, in order. */
    public Regimen regimen() {
        List<Dose> l = new ArrayList<>();
        for (Dose d : doses) {
            if (d != null) {
                l.add(d);
            }
        }
        return Regimen.of(l);
    }

    double[] timesArray() {
        return times;
    }

    Dose[] dosesArray() {
        return doses;
    }

    boolean[] reportArray() {
        return report;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule s && Arrays.equals(times, s.times) && Arrays.equals(doses, s.doses)
            && Arrays.equals(report, s.report) && java.util.Objects.equals(id, s.id);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(times) * 31 + Arrays.hashCode(doses);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(id == null ? "" : "subject " + id + "\n");
        for (int i = 0; i < times.length; i++) {
            sb.append(doses[i] == null ? "output at " + Checks.g(times[i]) + " h" : doses[i].toString()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** Collects records in processing order; times must not decrease. */
    public static final class Builder {
        private final List<Double> times = new ArrayList<>();
        private final List<Dose> doses = new ArrayList<>();
        private final List<Boolean> report = new ArrayList<>();

        private Builder() {
        }

        private void add(double time, Dose d, boolean rep) {
            int i = times.size();
            if (!(time >= 0 && time < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("record " + (i + 1) + ": time = " + time
                    + ": expected a finite time >= 0 h");
            }
            if (i > 0 && time < times.get(i - 1)) {
                throw new IllegalArgumentException("record " + (i + 1) + ": time = " + time + " is before the previous "
                    + "record's time " + times.get(i - 1) + ": expected non-decreasing times");
            }
            times.add(time);
            doses.add(d);
            report.add(rep);
        }

        /** An output time. */
        public Builder observe(double time) {
            add(time, null, true);
            return this;
        }

        /** A dose record, reported with a row of its own. */
        public Builder dose(Dose dose) {
            return dose(dose, true);
        }

        /** A dose record; {@code reported} says whether it gets a row of its own. */
        public Builder dose(Dose dose, boolean reported) {
            Checks.notNull("dose", dose);
            add(dose.time(), dose, reported);
            return this;
        }

        /** The schedule. */
        public Schedule build() {
            int n = times.size();
            double[] t = new double[n];
            Dose[] d = new Dose[n];
            boolean[] r = new boolean[n];
            for (int i = 0; i < n; i++) {
                t[i] = times.get(i);
                d[i] = doses.get(i);
                r[i] = report.get(i);
            }
            return new Schedule(t, d, r, null);
        }
    }
}
