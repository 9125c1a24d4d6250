package org.nanopk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;
import org.nanopk.internal.Checks;
import org.nanopk.internal.Csv;
import org.nanopk.internal.SafeFiles;
import org.nanopk.internal.TextChart;
import org.nanopk.solve.Solver;
import org.nanopk.solve.SolverStats;

/**
 * The result of simulating a {@link Model}: the amount in every compartment, the value of every
 * integral and output, at each output time, plus the cumulative dose that had entered by then.
 * Immutable. Every quantity is available as a {@link Series}: amounts, concentrations (amount/mL),
 * %ID and %ID per gram. {@code toString()} prints a table of amounts.
 *
 * <p>%ID is relative to the total amount that entered the model up to the last output time (for a
 * single dose, the dose after bioavailability).
 */
public final class Simulation {
    private final Model model;
    private final double[] times;
    private final double[] states;   // row-major: ns per row
    private final int ns;
    private volatile double[] outputs;  // row-major: no per row, computed on first use
    private final int no;
    private final double[] dosed;
    private final int[] evid;
    private final String id;
    private final double totalDosed;
    private final SolverStats stats;
    private final int steadyStateCycles;
    /** What was simulated, and how: to solve again, recording the continuous solution, when it is asked for. */
    private final Schedule schedule;
    private final Solver solver;
    private volatile Trajectory trajectory;
    /** The solutions with quadratures of a name (its area and first moment), by name. */
    private final java.util.concurrent.ConcurrentMap<String, Trajectory> quadratures =
        new java.util.concurrent.ConcurrentHashMap<>();
    /** The same quadratures at the output rows, by name. */
    private final java.util.concurrent.ConcurrentMap<String, double[]> quadratureRows =
        new java.util.concurrent.ConcurrentHashMap<>();

    /** A simulation of {@code r}; {@code path}, when not null, is its continuous solution recorded during the solve. */
    Simulation(Model model, Engine.Result r, Schedule schedule, Solver solver, Trajectory path) {
        this.model = model;
        this.trajectory = path;
        this.schedule = schedule;
        this.solver = solver;
        String id = schedule.id();
        this.times = r.times();
        this.states = r.states();
        this.ns = r.stateCount();
        this.dosed = r.dosed();
        this.evid = r.evid();
        this.id = id;
        this.totalDosed = r.totalDosed();
        this.stats = r.stats();
        this.steadyStateCycles = r.steadyStateCycles();
        CompiledModel cm = model.kinetics().model();
        this.no = cm.outputs().size();
        for (int e = 0; e < states.length; e++) {
            if (!Double.isFinite(states[e])) {
                int i = e / ns;
                throw new PkException("model '" + model.name() + "': " + cm.states().get(e % ns) + " = "
                    + states[e] + " at t = " + times[i] + " h; the solution is not finite", times[i]);
            }
        }
    }

    /** The outputs' values, row-major; evaluated on first use (so a simulation read only by state is cheaper). */
    private double[] outputs() {
        double[] out = outputs;
        if (out != null) {
            return out;
        }
        CompiledModel cm = model.kinetics().model();
        out = new double[times.length * no];
        double[] env = new double[cm.envSize()];
        model.kinetics().loadParameters(env);
        int np = cm.parameters().size();
        for (int i = 0; i < times.length; i++) {
            System.arraycopy(states, i * ns, env, np, ns);
            env[np + ns] = times[i];
            for (int k = 0; k < no; k++) {
                double v = cm.output(k, env);
                if (!Double.isFinite(v)) {
                    throw new PkException("model '" + model.name() + "': output " + cm.outputs().get(k) + " = " + v
                        + " at t = " + times[i] + " h (" + model.outputs().get(k).expression()
                        + "); the output expression is not finite there", times[i]);
                }
                out[i * no + k] = v;
            }
        }
        outputs = out;
        return out;
    }

    // ---- the continuous solution ------------------------------------------------------------

    /**
     * The continuous solution: the same solve again, every accepted step recorded (the steps do not
     * depend on the output times, so neither does anything read from them).
     */
    private Trajectory trajectory() {
        Trajectory t = trajectory;
        if (t == null) {
            t = new Trajectory(ns);
            Engine.run(model, schedule.timesArray(), schedule.dosesArray(), schedule.reportArray(), solver, t);
            t.freeze();
            trajectory = t;
        }
        return t;
    }

    /**
     * The solver of the model with the two quadratures of a name added (Q1' = name, Q2' = Q1): this
     * simulation's, at its tolerances; an exact solve stays exact when the quadratures keep the model linear.
     */
    private Solver quadratureSolver(Model m) {
        return solver.name().equals("exact") && !m.isLinear()
            ? Solver.auto().withTolerances(solver.relativeTolerance(), solver.absoluteTolerance()) : solver;
    }

    /** The solution of the model with the quadratures of {@code name}, every step recorded (for areas between any times). */
    private Trajectory quadrature(String name) {
        return quadratures.computeIfAbsent(name, q -> {
            Model m = model.withQuadrature(q);
            Trajectory t = new Trajectory(m.kinetics().model().stateCount());
            Engine.run(m, schedule.timesArray(), schedule.dosesArray(), schedule.reportArray(), quadratureSolver(m), t);
            return t.freeze();
        });
    }

    /** The quadratures of {@code name} at the output rows: {Q1, Q2} per row, from the same solve without recording. */
    private double[] quadratureRows(String name) {
        return quadratureRows.computeIfAbsent(name, q -> {
            Model m = model.withQuadrature(q);
            Engine.Result r = Engine.run(m, schedule.timesArray(), schedule.dosesArray(), schedule.reportArray(),
                quadratureSolver(m));
            int w = r.stateCount();
            double[] rows = new double[2 * r.times().length];
            for (int i = 0; i < r.times().length; i++) {
                rows[2 * i] = r.states()[i * w + ns];
                rows[2 * i + 1] = r.states()[i * w + ns + 1];
            }
            return rows;
        });
    }

    /** {Q1, Q2} of {@code name} at time t: from the output rows when t is an output time, else from the recorded solution. */
    private double[] quadratureAt(String name, double t) {
        int row = java.util.Arrays.binarySearch(times, t);
        if (row >= 0) {
            double[] rows = quadratureRows(name);
            return new double[] {rows[2 * row], rows[2 * row + 1]};
        }
        double[] y = new double[ns + 2];
        quadrature(name).state(t, y);
        return new double[] {y[ns], y[ns + 1]};
    }

    /** The quantity {@code name} of the states: a compartment or integral, or an output. */
    private Trajectory.Quantity quantity(String name) {
        CompiledModel cm = model.kinetics().model();
        int s = cm.stateIndex(name);
        if (s >= 0) {
            return new Trajectory.Quantity() {
                public double value(double[] y, double t) {
                    return y[s];
                }

                public double derivative(double[] y, double[] dy, double t) {
                    return dy[s];
                }

                public Trajectory.Linear linear() {
                    return new Trajectory.Linear(0, new int[] {s}, new double[] {1});
                }
            };
        }
        int o = cm.outputIndex(name);
        if (o < 0) {
            throw Checks.unknown("compartment or output", name, names());
        }
        CompiledModel.Term term = cm.outputTerm(o);
        int np = cm.parameters().size();
        Kinetics k = model.kinetics();
        return new Trajectory.Quantity() {
            private double[] env(double[] y, double t) {
                double[] env = new double[cm.envSize()];
                k.loadParameters(env);
                System.arraycopy(y, 0, env, np, cm.stateCount());
                env[np + cm.stateCount()] = t;
                return env;
            }

            public double value(double[] y, double t) {
                return term.rate.eval(env(y, t));
            }

            public Trajectory.Linear linear() {
                if (!term.linear) {
                    return null;
                }
                double[] env = env(new double[cm.stateCount()], 0);
                double[] w = new double[term.deps.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = term.partials[i].eval(env);
                }
                return new Trajectory.Linear(term.rate.eval(env), term.deps.clone(), w);
            }

            public double derivative(double[] y, double[] dy, double t) {
                double[] env = env(y, t);
                double d = term.dt == null ? 0 : term.dt.eval(env);
                for (int i = 0; i < term.deps.length; i++) {
                    d += term.partials[i].eval(env) * dy[term.deps[i]];
                }
                return d;
            }
        };
    }

    /** The value of a compartment, integral or output at any time of the simulated span (h), from the solution. */
    double valueAt(String name, double t) {
        return trajectory().value(quantity(name), t);
    }

    /** {time, value} of the largest value of a quantity on the continuous solution. */
    double[] maximumOf(String name) {
        return trajectory().maximum(quantity(name));
    }

    /**
     * The area under a quantity's curve from {@code from} to {@code to} (h): the exact integral of the
     * solver's dense output where the solution is made of steps and the quantity is linear in the
     * states, else by its quadrature state (see {@link #pathIntegrals}).
     */
    double areaOf(String name, double from, double to) {
        double[] path = pathIntegrals(name, from, to);
        if (path != null) {
            return path[0];
        }
        return quadratureAt(name, to)[0] - quadratureAt(name, from)[0];
    }

    /** ∫ t·quantity dt from {@code from} to {@code to}: as {@link #areaOf}; by quadratures [t·Q1] − ΔQ2. */
    double momentOf(String name, double from, double to) {
        double[] path = pathIntegrals(name, from, to);
        if (path != null) {
            return path[1];
        }
        double[] b = quadratureAt(name, to);
        double[] a = quadratureAt(name, from);
        return to * b[0] - b[1] - (from * a[0] - a[1]);
    }

    /**
     * {∫ q dt, ∫ t·q dt} of a linear quantity on the continuous solution, integrating each step's
     * polynomial exactly: the area of the very curve the values and maxima are read from, at no second
     * solve. Null when the solution has exact stretches (matrix exponentials: their quadratures are
     * exact instead) or the quantity is not linear in the states.
     */
    private double[] pathIntegrals(String name, double from, double to) {
        if (stats.matrixExponentials() > 0) {
            return null;
        }
        Trajectory.Linear q = quantity(name).linear();
        return q == null ? null : trajectory().integrals(q, from, to);
    }

    /** The quantity's time derivative at t (h), from the solution (the derivative of its dense output). */
    double slopeOf(String name, double t) {
        return trajectory().slope(quantity(name), t);
    }

    /** A series' continuous source: quantity {@code name} times {@code factor}. */
    private Series.Curve curve(String name, double factor) {
        double first = times.length > 0 ? times[0] : 0;
        double last = times.length > 0 ? times[times.length - 1] : 0;
        return new Series.Curve() {
            public double start() {
                return first;
            }

            public double end() {
                return last;
            }

            public double at(double t) {
                return factor * valueAt(name, t);
            }

            public double[] max() {
                double[] m = maximumOf(name); // factors are positive: the time of the maximum is the same
                return new double[] {m[0], factor * m[1]};
            }

            public double area(double from, double to) {
                return factor * areaOf(name, from, to);
            }

            public double moment(double from, double to) {
                return factor * momentOf(name, from, to);
            }

            public double slope(double t) {
                return factor * slopeOf(name, t);
            }
        };
    }

    /** The model simulated. */
    public Model model() {
        return model;
    }

    /** The output times (h), a copy. */
    public double[] times() {
        return times.clone();
    }

    /** The number of output rows. */
    public int size() {
        return times.length;
    }

    /** The subject ID for simulations of NONMEM-style data, else null. */
    public String id() {
        return id;
    }

    /** The EVID of each row (0 for an output time, 1, 3 or 4 for a dose record), a copy. */
    public int[] evid() {
        return evid.clone();
    }

    /** The work the solver did. */
    public SolverStats stats() {
        return stats;
    }

    /**
     * The number of dosing intervals integrated to reach steady states (SS records on nonlinear
     * models); 0 when every steady state was computed exactly (linear models) or there was none.
     */
    public int steadyStateCycles() {
        return steadyStateCycles;
    }

    /** The total amount that entered the model up to the last output time (the reference for %ID). */
    public double totalDosed() {
        return totalDosed;
    }

    /** Names of the columns: compartments, integrals, outputs. */
    public List<String> names() {
        CompiledModel cm = model.kinetics().model();
        List<String> n = new ArrayList<>(cm.states());
        n.addAll(cm.outputs());
        return n;
    }

    /** The amount in a compartment, the value of an integral, or the value of an output. */
    public Series amount(String name) {
        return Series.trusted(name, "amount", times, column(name), curve(name, 1));
    }

    /** Same as {@link #amount(String)}. */
    public Series series(String name) {
        return amount(name);
    }

    /** The value of {@code name} (a compartment, integral or output) at output row {@code row}. */
    public double value(String name, int row) {
        CompiledModel cm = model.kinetics().model();
        int s = cm.stateIndex(name);
        if (s >= 0) {
            return states[row * ns + s];
        }
        int o = cm.outputIndex(name);
        if (o >= 0) {
            return outputs()[row * no + o];
        }
        return column(name)[row];
    }

    /** The value of {@code name} at output time {@code t} (one of {@link #times()}). */
    public double at(String name, double t) {
        return amount(name).at(t);
    }

    /** Concentration of a compartment: amount/volume (amount/mL). */
    public Series concentration(String compartment) {
        int c = compartmentIndex(compartment);
        double v = model.kinetics().volume(c);
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("compartment '" + compartment
                + "' has no volume, so it has no concentration; give it a volume in mL");
        }
        double[] a = column(compartment);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / v;
        }
        return Series.trusted(compartment, "amount/mL", times, out, curve(compartment, 1 / v));
    }

    /** %ID of a compartment or output: 100·amount/total dose. */
    public Series percentId(String name) {
        double[] a = column(name);
        double ref = referenceDose();
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = 100 * a[i] / ref;
        }
        return Series.trusted(name, "%ID", times, out, curve(name, 100 / ref));
    }

    /** %ID per gram of tissue: %ID/mass, for a compartment with a mass or volume, or an output with a mass. */
    public Series percentIdPerGram(String name) {
        double mass = massOf(name);
        double[] p = percentId(name).values();
        for (int i = 0; i < p.length; i++) {
            p[i] /= mass;
        }
        return Series.trusted(name, "%ID/g", times, p, curve(name, 100 / referenceDose() / mass));
    }

    /** The cumulative amount that had entered the model by each output time (resets set it back to 0). */
    public Series dosed() {
        return Series.trusted("dosed", "amount", times, dosed.clone());
    }

    /** The total amount in all compartments (sinks included, integrals excluded) at each output time. */
    public Series total() {
        int nc = model.kinetics().model().compartmentCount();
        double[] s = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            double sum = 0;
            for (int j = 0; j < nc; j++) {
                sum += states[i * ns + j];
            }
            s[i] = sum;
        }
        return Series.trusted("total", "amount", times, s);
    }

    /**
     * Non-compartmental analysis of the concentration of a compartment, read from the solution (see
     * {@link Nca}). The simulation's single dose at 0 h decides the route: a bolus or an infusion into this
     * compartment is IV, a dose into another compartment extravascular; the dose is the amount that
     * entered the model. For any other regimen, call {@code Nca.of(concentration(c), options)}.
     */
    public Nca nca(String compartment) {
        Series c = concentration(compartment);
        List<Dose> doses = schedule.regimen().doses();
        Dose d = doses.size() == 1 ? doses.get(0) : null;
        if (d == null || d.time() != 0 || d.additional() != 0 || d.steadyState() != 0 || d.kind() != Dose.Kind.DOSE) {
            throw new IllegalArgumentException("NCA of a simulation needs a single dose at 0 h; this one has "
                + (d == null ? doses.size() + " dose records" : d) + "; use Nca.of(concentration(\"" + compartment
                + "\"), options) with the route and dose of your choice");
        }
        NcaOptions o;
        if (!d.compartment().equals(compartment)) {
            o = NcaOptions.extravascular();
        } else if (d.isBolus()) {
            o = NcaOptions.bolus();
        } else if (d.duration() > 0) {
            o = NcaOptions.infusion(d.duration());
        } else if (d.rate() > 0) {
            o = NcaOptions.infusion(d.amount() / d.rate());
        } else {
            throw new IllegalArgumentException("NCA of a simulation: the dose " + d + " has a modelled rate or duration;"
                + " use Nca.of(concentration(\"" + compartment + "\"), NcaOptions.infusion(duration))");
        }
        return Nca.of(c, o.withDose(referenceDose()));
    }

    /**
     * Delivery efficiency of a tissue (a compartment or output) relative to blood: DE(t) in %ID,
     * DEmax and its time, and AUC_tissue/AUC_blood.
     */
    public Delivery deliveryEfficiency(String tissue, String blood) {
        Series de = percentId(tissue);
        Series b = percentId(blood);
        return new Delivery(tissue, blood, de, de.max(), de.timeOfMax(), de.auc(), b.auc());
    }

    private double referenceDose() {
        if (!(totalDosed > 0)) {
            throw new IllegalArgumentException("no dose entered the model by the last output time ("
                + (times.length > 0 ? times[times.length - 1] + " h" : "no outputs") + "); %ID is undefined");
        }
        return totalDosed;
    }

    private int compartmentIndex(String compartment) {
        CompiledModel cm = model.kinetics().model();
        int c = cm.compartmentIndex(compartment);
        if (c < 0) {
            throw Checks.unknown("compartment", compartment, cm.compartments());
        }
        return c;
    }

    private double massOf(String name) {
        Kinetics k = model.kinetics();
        CompiledModel cm = k.model();
        int c = cm.compartmentIndex(name);
        if (c >= 0) {
            double m = k.mass(c);
            if (Double.isNaN(m)) {
                throw new IllegalArgumentException("compartment '" + name
                    + "' has neither a mass nor a volume, so %ID per gram is undefined");
            }
            return m;
        }
        int o = cm.outputIndex(name);
        if (o >= 0) {
            double m = k.outputMass(o);
            if (Double.isNaN(m)) {
                throw new IllegalArgumentException("output '" + name
                    + "' has no mass, so %ID per gram is undefined; give the output a mass in g");
            }
            return m;
        }
        column(name); // throws the unknown-name error
        throw new IllegalArgumentException("'" + name + "' is an integral; it has no mass");
    }

    private double[] column(String name) {
        CompiledModel cm = model.kinetics().model();
        int s = cm.stateIndex(name);
        double[] out = new double[times.length];
        if (s >= 0) {
            for (int i = 0; i < times.length; i++) {
                out[i] = states[i * ns + s];
            }
            return out;
        }
        int o = cm.outputIndex(name);
        if (o >= 0) {
            double[] all = outputs();
            for (int i = 0; i < times.length; i++) {
                out[i] = all[i * no + o];
            }
            return out;
        }
        throw Checks.unknown("compartment or output", name, names());
    }

    /** A table of the given columns' amounts over time (all columns if none are named). */
    public Table table(String... names) {
        return table(false, names);
    }

    /** A table of the given columns' %ID over time (all columns if none are named). */
    public Table percentIdTable(String... names) {
        return table(true, names);
    }

    private Table table(boolean percent, String... names) {
        List<String> cols = names.length == 0 ? names() : List.of(names);
        List<double[]> data = new ArrayList<>();
        for (String c : cols) {
            data.add(percent ? percentId(c).values() : column(c));
        }
        String[] header = new String[cols.size() + 1];
        header[0] = "time (h)";
        for (int j = 0; j < cols.size(); j++) {
            header[j + 1] = cols.get(j);
        }
        Table.Builder t = Table.builder(header);
        for (int i = 0; i < times.length; i++) {
            if (times.length > 40 && i == 20) {
                t.ellipsis();
                i = times.length - 20;
            }
            String[] row = new String[header.length];
            row[0] = Checks.g(times[i]);
            for (int j = 0; j < cols.size(); j++) {
                row[j + 1] = Checks.g(data.get(j)[i]);
            }
            t.row(row);
        }
        return t.build();
    }

    /**
     * A text chart of these compartments and outputs (all if none) for the terminal, log y axis when the
     * values span more than three decades.
     */
    public String plot(String... names) {
        List<String> n = names.length == 0 ? names() : List.of(names);
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (String name : n) {
            double[] v = column(name);
            xs.add(times);
            ys.add(v);
            for (double x : v) {
                if (x > 0) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        }
        return TextChart.render(model.name(), n, xs, ys, 72, 18, hi > 1000 * lo);
    }

    /** Header line and a table of all amounts (long tables are elided in the middle). */
    @Override
    public String toString() {
        return "Simulation of " + model.name() + " (" + times.length + " times, " + stats + ")\n"
            + (percentReady() ? "amounts; %ID relative to " + Checks.g(totalDosed) + "\n" : "amounts\n")
            + table();
    }

    private boolean percentReady() {
        return totalDosed > 0;
    }

    /**
     * Writes the simulation as CSV: {@code time} (or {@code ID,TIME,EVID} for NONMEM-style data), then
     * one column per compartment, per integral and per output; amounts, full precision.
     */
    public void toCsv(Writer out) {
        try {
            appendCsv(out, true);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the CSV to a file (UTF-8), replacing it only once the new content is complete. */
    public void toCsv(Path file) {
        SafeFiles.write(file, w -> appendCsv(w, true));
    }

    /** The CSV as a string. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        try {
            appendCsv(sb, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /**
     * Appends the CSV rows to {@code out}, after the header line if {@code header} (so that several
     * subjects' simulations make one file).
     */
    public void appendCsv(Appendable out, boolean header) throws IOException {
        CSVPrinter p = Csv.printer(out);
        List<String> cells = new ArrayList<>();
        if (header) {
            if (id != null) {
                cells.addAll(List.of("ID", "TIME", "EVID"));
            } else {
                cells.add("time");
            }
            cells.addAll(names());
            p.printRecord(cells);
        }
        double[] outputs = outputs();
        for (int i = 0; i < times.length; i++) {
            cells.clear();
            if (id != null) {
                cells.add(id);
                cells.add(Csv.number(times[i]));
                cells.add(Integer.toString(evid[i]));
            } else {
                cells.add(Csv.number(times[i]));
            }
            for (int j = 0; j < ns; j++) {
                cells.add(Csv.number(states[i * ns + j]));
            }
            for (int k = 0; k < no; k++) {
                cells.add(Csv.number(outputs[i * no + k]));
            }
            p.printRecord(cells);
        }
        p.flush();
    }
}
