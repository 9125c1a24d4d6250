package org.nanopk.population;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.Regimen;
import org.nanopk.Simulation;
import org.nanopk.internal.Arrays2;
import org.nanopk.internal.Checks;
import org.nanopk.Table;
import org.nanopk.solve.Solver;

/**
 * A model simulated over a range of doses, with readouts tabulated against dose: how a user sees a
 * dose threshold (tumour delivery rising once phagocytes saturate). Immutable; configure with the
 * {@code with...} and readout methods, then {@link #run()}.
 *
 * <pre>{@code
 * DoseSweep.of(Presets.ouyang2020(), "B")
 *     .withLogDoses(20, 5000, 9)
 *     .percentIdAt("Tumor", 24)
 *     .valueAt("KupfferSaturation", 24)
 *     .run()
 * }</pre>
 * Each dose is a bolus into the given compartment at t = 0, replacing the model's own regimen.
 */
public final class DoseSweep {
    /** Everything a sweep is configured with; readout times are a sorted set (0 included). */
    private record Spec(Model model, String compartment, double[] doses, List<String> names,
                        List<ToDoubleFunction<Simulation>> readouts, TreeSet<Double> times, Solver solver) {
        Spec with(java.util.function.Consumer<Builder> change) {
            Builder b = new Builder(this);
            change.accept(b);
            return b.build();
        }
    }

    /** A changed copy of a spec (private: the sweep's fields stay final). */
    private static final class Builder {
        private final Model model;
        private final String compartment;
        double[] doses;
        List<String> names;
        List<ToDoubleFunction<Simulation>> readouts;
        TreeSet<Double> times;
        Solver solver;

        Builder(Spec s) {
            model = s.model();
            compartment = s.compartment();
            doses = s.doses();
            names = s.names();
            readouts = s.readouts();
            times = s.times();
            solver = s.solver();
        }

        Spec build() {
            return new Spec(model, compartment, doses, names, readouts, times, solver);
        }
    }

    private final Spec spec;

    private DoseSweep(Spec spec) {
        this.spec = spec;
    }

    /** A sweep of boluses into {@code compartment} of {@code model}; add doses and readouts next. */
    public static DoseSweep of(Model model, String compartment) {
        Checks.notNull("model", model);
        if (model.indexOf(compartment) < 0) {
            throw Checks.unknown("compartment", compartment, model.compartmentNames());
        }
        TreeSet<Double> t = new TreeSet<>();
        t.add(0.0);
        return new DoseSweep(new Spec(model, compartment, new double[0], List.of(), List.of(), t, Solver.auto()));
    }

    /** This sweep with the given doses (amounts &gt; 0, in the model's unit). */
    public DoseSweep withDoses(double... amounts) {
        Checks.notNull("doses", amounts);
        for (double a : amounts) {
            Checks.positive("dose", a);
        }
        double[] d = amounts.clone();
        return new DoseSweep(spec.with(b -> b.doses = d));
    }

    /** This sweep with {@code count} doses spaced evenly on a log scale from {@code from} to {@code to}. */
    public DoseSweep withLogDoses(double from, double to, int count) {
        Checks.positive("first dose", from);
        Checks.positive("last dose", to);
        if (count < 2) {
            throw new IllegalArgumentException("dose count = " + count + ": expected at least 2");
        }
        double[] d = new double[count];
        for (int i = 0; i < count; i++) {
            d[i] = from * Math.pow(to / from, i / (double) (count - 1));
        }
        d[count - 1] = to;
        return withDoses(d);
    }

    /** This sweep solved with {@code s}. */
    public DoseSweep withSolver(Solver s) {
        Checks.notNull("solver", s);
        return new DoseSweep(spec.with(b -> b.solver = s));
    }

    /** Adds a readout computed from each simulation; {@code neededTimes} are added to the output times. */
    public DoseSweep readout(String name, ToDoubleFunction<Simulation> f, double... neededTimes) {
        Checks.notNull("readout name", name);
        Checks.notNull("readout", f);
        List<String> n = new ArrayList<>(spec.names());
        n.add(name);
        List<ToDoubleFunction<Simulation>> r = new ArrayList<>(spec.readouts());
        r.add(f);
        TreeSet<Double> t = new TreeSet<>(spec.times());
        for (double x : neededTimes) {
            t.add(Checks.nonNegative("readout time", x));
        }
        return new DoseSweep(spec.with(b -> {
            b.names = List.copyOf(n);
            b.readouts = List.copyOf(r);
            b.times = t;
        }));
    }

    /** Adds the %ID of a compartment or output at time {@code t} (h). */
    public DoseSweep percentIdAt(String name, double t) {
        return readout(name + " %ID at " + Checks.g(t) + " h", s -> s.percentId(name).at(t), t);
    }

    /** Adds the value (amount or output) of {@code name} at time {@code t} (h). */
    public DoseSweep valueAt(String name, double t) {
        return readout(name + " at " + Checks.g(t) + " h", s -> s.at(name, t), t);
    }

    /** Simulates every dose and computes the readouts. */
    public Result run() {
        double[] doses = spec.doses();
        List<ToDoubleFunction<Simulation>> readouts = spec.readouts();
        if (doses.length == 0 || readouts.isEmpty()) {
            throw new IllegalArgumentException("a dose sweep needs doses and at least one readout; it has "
                + doses.length + " doses and " + readouts.size() + " readouts");
        }
        double[] t = spec.times().stream().mapToDouble(Double::doubleValue).toArray();
        double[][] values = new double[doses.length][readouts.size()];
        for (int i = 0; i < doses.length; i++) {
            Simulation s = spec.model().simulate(Regimen.of(Dose.bolus(spec.compartment(), doses[i])), t,
                spec.solver());
            for (int k = 0; k < readouts.size(); k++) {
                values[i][k] = readouts.get(k).applyAsDouble(s);
            }
        }
        return new Result(spec.model().name(), spec.compartment(), doses, spec.names(), values);
    }

    /** The model, the dosed compartment, the doses and the readouts of this sweep. */
    @Override
    public String toString() {
        double[] d = spec.doses();
        return "Dose sweep of " + spec.model().name() + ": " + d.length + " boluses into " + spec.compartment()
            + (d.length > 0 ? " from " + Checks.g(d[0]) + " to " + Checks.g(d[d.length - 1]) : "") + "; readouts "
            + spec.names();
    }

    /**
     * The readouts against dose.
     *
     * @param model the model's name
     * @param compartment where the doses went
     * @param doses the doses
     * @param names the readout names
     * @param values values[i][k]: readout k at dose i
     */
    public record Result(String model, String compartment, double[] doses, List<String> names, double[][] values) {
        /** Copies the lists and arrays in. */
        public Result {
            names = List.copyOf(names);
            doses = doses.clone();
            values = Arrays2.copy(values);
        }

        /** The doses (a copy). */
        @Override
        public double[] doses() {
            return doses.clone();
        }

        /** values[i][k]: readout k at dose i (a copy). */
        @Override
        public double[][] values() {
            return Arrays2.copy(values);
        }
        /** One readout across the doses. */
        public double[] column(String name) {
            int k = names.indexOf(name);
            if (k < 0) {
                throw Checks.unknown("readout", name, names);
            }
            double[] c = new double[doses.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = values[i][k];
            }
            return c;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && model.equals(r.model) && Arrays.equals(doses, r.doses)
                && names.equals(r.names) && Arrays.deepEquals(values, r.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(doses) * 31 + names.hashCode();
        }

        /** A table: dose, then one column per readout. */
        @Override
        public String toString() {
            String[] header = new String[names.size() + 1];
            header[0] = "dose into " + compartment;
            for (int k = 0; k < names.size(); k++) {
                header[k + 1] = names.get(k);
            }
            Table.Builder t = Table.builder(header);
            for (int i = 0; i < doses.length; i++) {
                String[] row = new String[header.length];
                row[0] = Checks.g(doses[i]);
                for (int k = 0; k < names.size(); k++) {
                    row[k + 1] = Checks.g(values[i][k]);
                }
                t.row(row);
            }
            return "Dose sweep of " + model + "\n" + t;
        }
    }
}
