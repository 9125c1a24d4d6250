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
import org.nanopk.internal.Checks;
import org.nanopk.internal.Table;
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
    private final Model model;
    private final String compartment;
    private final double[] doses;
    private final List<String> names;
    private final List<ToDoubleFunction<Simulation>> readouts;
    private final TreeSet<Double> times;
    private final Solver solver;

    private DoseSweep(Model model, String compartment, double[] doses, List<String> names,
                      List<ToDoubleFunction<Simulation>> readouts, TreeSet<Double> times, Solver solver) {
        this.model = model;
        this.compartment = compartment;
        this.doses = doses;
        this.names = names;
        this.readouts = readouts;
        this.times = times;
        this.solver = solver;
    }

    /** A sweep of boluses into {@code compartment} of {@code model}; add doses and readouts next. */
    public static DoseSweep of(Model model, String compartment) {
        Checks.notNull("model", model);
        if (model.indexOf(compartment) < 0) {
            throw Checks.unknown("compartment", compartment, model.compartmentNames());
        }
        TreeSet<Double> t = new TreeSet<>();
        t.add(0.0);
        return new DoseSweep(model, compartment, new double[0], List.of(), List.of(), t, Solver.auto());
    }

    /** This sweep with the given doses (amounts &gt; 0, in the model's unit). */
    public DoseSweep withDoses(double... amounts) {
        Checks.notNull("doses", amounts);
        for (double a : amounts) {
            Checks.positive("dose", a);
        }
        return new DoseSweep(model, compartment, amounts.clone(), names, readouts, times, solver);
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
        return new DoseSweep(model, compartment, doses, names, readouts, times, Checks.notNull("solver", s));
    }

    /** Adds a readout computed from each simulation; {@code neededTimes} are added to the output times. */
    public DoseSweep readout(String name, ToDoubleFunction<Simulation> f, double... neededTimes) {
        Checks.notNull("readout name", name);
        Checks.notNull("readout", f);
        List<String> n = new ArrayList<>(names);
        n.add(name);
        List<ToDoubleFunction<Simulation>> r = new ArrayList<>(readouts);
        r.add(f);
        TreeSet<Double> t = new TreeSet<>(times);
        for (double x : neededTimes) {
            t.add(Checks.nonNegative("readout time", x));
        }
        return new DoseSweep(model, compartment, doses, List.copyOf(n), List.copyOf(r), t, solver);
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
        if (doses.length == 0 || readouts.isEmpty()) {
            throw new IllegalArgumentException("a dose sweep needs doses and at least one readout; it has "
                + doses.length + " doses and " + readouts.size() + " readouts");
        }
        double[] t = times.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] values = new double[doses.length][readouts.size()];
        for (int i = 0; i < doses.length; i++) {
            Simulation s = model.simulate(Regimen.of(Dose.bolus(compartment, doses[i])), t, solver);
            for (int k = 0; k < readouts.size(); k++) {
                values[i][k] = readouts.get(k).applyAsDouble(s);
            }
        }
        return new Result(model.name(), compartment, doses.clone(), names, values);
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
            Table t = new Table(header);
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
