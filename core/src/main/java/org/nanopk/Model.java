package org.nanopk;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.nanopk.internal.Budget;
import org.nanopk.internal.Checks;
import org.nanopk.internal.Expr;
import org.nanopk.solve.Solver;

/**
 * A compartment model: compartments, named parameters, transfers with rate laws, outputs, integrals
 * and a default dosing regimen. Immutable and thread-safe.
 *
 * <pre>{@code
 * Model m = Model.builder("one-compartment")
 *     .compartment("blood", 1.7)          // volume 1.7 mL
 *     .sink("urine")
 *     .parameter("k", 0.1)                // 1/h
 *     .firstOrder("blood", "urine", "k")
 *     .dose(Dose.bolus("blood", 100))     // 100 %ID at t = 0
 *     .build();
 * Simulation sim = m.simulate(Times.grid(0, 24, 1));
 * Model faster = m.with("k", 0.2);        // shares the compiled structure
 * }</pre>
 *
 * <p>A model is compiled once when built: names are resolved to indices, expressions parsed, and the
 * parameters evaluated in dependency order. {@link #with(String, double)} re-evaluates the numbers and
 * shares the compiled structure; the solvers' hot loops see only primitive arrays.
 */
public final class Model {
    private final String name;
    private final List<Compartment> compartments;
    private final Map<String, String> parameterDefinitions;
    private final List<Transfer> transfers;
    private final List<Output> outputs;
    private final List<Integral> integrals;
    private final Regimen regimen;
    private final CompiledModel compiled;
    private final Expr[] parameterExprs;
    private final Kinetics kinetics;

    private Model(String name, List<Compartment> compartments, Map<String, String> parameterDefinitions,
                  List<Transfer> transfers, List<Output> outputs, List<Integral> integrals, Regimen regimen,
                  CompiledModel compiled, Expr[] parameterExprs) {
        this.name = name;
        this.compartments = compartments;
        this.parameterDefinitions = parameterDefinitions;
        this.transfers = transfers;
        this.outputs = outputs;
        this.integrals = integrals;
        this.regimen = regimen;
        this.compiled = compiled;
        this.parameterExprs = parameterExprs;
        this.kinetics = compiled.evaluate(parameterExprs);
    }

    /**
     * The most states (compartments, sinks and integrals) a model may have: the stiff solver's
     * Jacobian and LU factors are dense n×n arrays, 32 MB each at this size.
     */
    public static final int MAX_STATES = 2000;

    /** A builder for a model called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this model's definition, to extend or change it. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        compartments.forEach(b::compartment);
        parameterDefinitions.forEach(b::parameter);
        transfers.forEach(b::transfer);
        outputs.forEach(b::output);
        integrals.forEach(b::integral);
        b.regimen(regimen);
        return b;
    }

    // ---- definition ------------------------------------------------------------------------

    /** The model name. */
    public String name() {
        return name;
    }

    /** The compartments, in order (the order of the state vector; NONMEM's CMT is the 1-based position). */
    public List<Compartment> compartments() {
        return compartments;
    }

    /** The compartment called {@code name}. */
    public Compartment compartment(String compartmentName) {
        for (Compartment c : compartments) {
            if (c.name().equals(compartmentName)) {
                return c;
            }
        }
        throw Checks.unknown("compartment", compartmentName, compiled.compartments());
    }

    /** The compartment names, in order. */
    public List<String> compartmentNames() {
        return compiled.compartments();
    }

    /** The position of a compartment in the state vector (0-based), or -1. */
    public int indexOf(String compartmentName) {
        return compiled.compartmentIndex(compartmentName);
    }

    /** The transfers, in order. */
    public List<Transfer> transfers() {
        return transfers;
    }

    /** The outputs, in order. */
    public List<Output> outputs() {
        return outputs;
    }

    /** The integrals (bookkeeping states), in order. */
    public List<Integral> integrals() {
        return integrals;
    }

    /** The parameter definitions as written: name → number or expression, in declaration order. */
    public Map<String, String> parameterDefinitions() {
        return parameterDefinitions;
    }

    /** The evaluated parameter values. */
    public Parameters parameters() {
        return kinetics.parameters();
    }

    /** The value of one parameter. */
    public double parameter(String parameterName) {
        return kinetics.parameters().get(parameterName);
    }

    /**
     * The unit of a parameter, from where it is used: a rate-law field it fills alone (k of a first-order
     * transfer: "1/h"; vmax: "amount/h"), a compartment's volume ("mL") or mass ("g"). "amount" stands
     * for the model's amount unit. Empty when the uses disagree or none fixes a unit (it appears only
     * inside expressions).
     */
    public String parameterUnit(String parameterName) {
        Checks.notNull("parameter name", parameterName);
        if (!parameters().contains(parameterName)) {
            throw Checks.unknown("parameter", parameterName, parameters().names());
        }
        java.util.Set<String> units = new java.util.LinkedHashSet<>();
        for (Transfer t : transfers()) {
            List<String> values = t.law().fieldValues();
            List<String> u = t.law().fieldUnits();
            for (int i = 0; i < u.size(); i++) {
                if (values.get(i).equals(parameterName)) {
                    units.add(u.get(i));
                }
            }
        }
        for (Compartment c : compartments()) {
            if (parameterName.equals(c.volume())) {
                units.add("mL");
            }
            if (parameterName.equals(c.mass())) {
                units.add("g");
            }
        }
        return units.size() == 1 ? units.iterator().next() : "";
    }

    /** The default dosing regimen (used by {@link #simulate(double...)}). */
    public Regimen regimen() {
        return regimen;
    }

    /** The volume of a compartment in mL (NaN if it has none). */
    public double volume(String compartmentName) {
        return kinetics.volume(index(compartmentName));
    }

    /**
     * The tissue mass in g of a compartment or output: its mass, or its volume at density 1 if no mass
     * is given; NaN if neither.
     */
    public double mass(String name) {
        Checks.notNull("compartment or output name", name);
        int o = compiled.outputIndex(name);
        if (o >= 0 && compiled.compartmentIndex(name) < 0) {
            return kinetics.outputMass(o);
        }
        return kinetics.mass(index(name));
    }

    private int index(String compartmentName) {
        int i = compiled.compartmentIndex(compartmentName);
        if (i < 0) {
            throw Checks.unknown("compartment", compartmentName, compiled.compartments());
        }
        return i;
    }

    /**
     * True if every rate is first order, flow, permeability, zero order or an affine expression with
     * constant coefficients: the model is linear time-invariant and has an exact solution.
     */
    public boolean isLinear() {
        return compiled.isLinear();
    }

    Kinetics kinetics() {
        return kinetics;
    }

    /**
     * For experts: the compiled right-hand side of this model, dy/dt = f(t, y) over the states
     * (compartments, then integrals), with its analytic Jacobian and no dose inputs. Use it to drive
     * another integrator on exactly NanoPK's equations. Each call returns a new, single-threaded instance.
     */
    public org.nanopk.solve.OdeSystem odeSystem() {
        return kinetics.newSystem();
    }

    /**
     * This model with two quadrature states for a compartment or output {@code target}: Q1' = target
     * (its area) and Q2' = Q1 (so that ∫ t·target dt = t·Q1 − Q2, its first moment, stays linear in the
     * states). They are the last two states. The structure is compiled once per target and shared.
     */
    Model withQuadrature(String target) {
        String integrand;
        int o = compiled.outputIndex(target);
        if (o >= 0) {
            integrand = outputs.get(o).expression();
        } else if (compiled.stateIndex(target) >= 0) {
            integrand = target;
        } else {
            throw Checks.unknown("compartment or output", target, compiled.states());
        }
        String q1 = unusedName("nanopkArea_" + target);
        String q2 = unusedName("nanopkMoment_" + target);
        List<Integral> ints = new ArrayList<>(integrals);
        ints.add(new Integral(q1, integrand));
        ints.add(new Integral(q2, q1));
        List<Integral> all = List.copyOf(ints);
        CompiledModel cm = compiled.withQuadrature(target,
            () -> CompiledModel.compile(name, compartments, compiled.definitions, transfers, outputs, all));
        return new Model(name, compartments, parameterDefinitions, transfers, outputs, all, regimen, cm, parameterExprs);
    }

    private String unusedName(String base) {
        String s = base;
        while (compiled.stateIndex(s) >= 0 || compiled.parameterIndex(s) >= 0 || compiled.outputIndex(s) >= 0) {
            s = s + "_";
        }
        return s;
    }

    // ---- changed copies ----------------------------------------------------------------------

    /**
     * This model with parameter {@code parameterName} set to {@code value} (a derived parameter becomes
     * a fixed number). The compiled structure is shared; derived parameters are re-evaluated.
     *
     * @throws IllegalArgumentException for an unknown parameter, a non-finite value, or a value that
     *         makes a volume, rate constant or other derived number invalid
     */
    public Model with(String parameterName, double value) {
        return with(Map.of(Checks.notNull("parameter name", parameterName), value));
    }

    /** This model with several parameters changed at once (see {@link #with(String, double)}). */
    public Model with(Map<String, ? extends Number> values) {
        Checks.notNull("parameter values", values);
        Expr[] exprs = parameterExprs.clone();
        String[] names = new String[values.size()];
        double[] numbers = new double[names.length];
        int j = 0;
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            String p = e.getKey();
            int i = compiled.parameterIndex(p);
            if (i < 0) {
                throw Checks.unknown("parameter", p, compiled.parameters());
            }
            double v = Checks.finite("parameter " + p, Checks.notNull("value of " + p, e.getValue()).doubleValue());
            exprs[i] = Expr.number(v);
            names[j] = p;
            numbers[j++] = v;
        }
        return new Model(name, compartments, new Overridden(parameterDefinitions, names, numbers), transfers, outputs,
            integrals, regimen, compiled, exprs);
    }

    /**
     * The definitions of a model made by {@link #with(Map)}: its base's with some parameters set to numbers,
     * written out only when asked for (a population makes a model per subject and seldom reads them).
     */
    private static final class Overridden extends AbstractMap<String, String> {
        private final Map<String, String> base;
        private final String[] names;
        private final double[] numbers;
        private volatile Map<String, String> definitions;

        Overridden(Map<String, String> base, String[] names, double[] numbers) {
            this.base = base;
            this.names = names;
            this.numbers = numbers;
        }

        private Map<String, String> definitions() {
            Map<String, String> d = definitions;
            if (d == null) {
                Map<String, String> m = new LinkedHashMap<>(base);
                for (int i = 0; i < names.length; i++) {
                    m.put(names[i], Expr.format(numbers[i]));
                }
                d = Collections.unmodifiableMap(m);
                definitions = d;
            }
            return d;
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return definitions().entrySet();
        }

        @Override
        public String get(Object key) {
            return definitions().get(key);
        }

        @Override
        public int size() {
            return base.size();
        }
    }

    /** This model with another default regimen. */
    public Model withRegimen(Regimen newRegimen) {
        return new Model(name, compartments, parameterDefinitions, transfers, outputs, integrals,
            Checks.notNull("regimen", newRegimen), compiled, parameterExprs);
    }

    /** This model with the given doses as its default regimen. */
    public Model withDoses(Dose... doses) {
        return withRegimen(Regimen.of(doses));
    }

    /** This model under another name. */
    public Model withName(String newName) {
        return new Model(Checks.notNull("model name", newName), compartments, parameterDefinitions, transfers,
            outputs, integrals, regimen, compiled, parameterExprs);
    }

    // ---- simulation --------------------------------------------------------------------------

    /** Simulates the default regimen with the automatic solver, reporting at {@code times} (h, increasing). */
    public Simulation simulate(double... times) {
        return simulate(regimen, times, Solvers.DEFAULT);
    }

    /** Simulates the default regimen with {@code solver}. */
    public Simulation simulate(double[] times, Solver solver) {
        return simulate(regimen, times, solver);
    }

    /** Simulates {@code doses} with the automatic solver, reporting at {@code times}. */
    public Simulation simulate(Regimen doses, double... times) {
        return simulate(doses, times, Solvers.DEFAULT);
    }

    /**
     * Simulates {@code doses} with {@code solver}, reporting the state at each of {@code times}
     * (h, strictly increasing, ≥ 0). The system starts empty at t = 0. A dose at an output time
     * enters before that output is taken.
     *
     * @throws IllegalArgumentException for bad times or doses into unknown compartments
     * @throws PkException if the integration fails
     */
    public Simulation simulate(Regimen doses, double[] times, Solver solver) {
        Checks.notNull("regimen", doses);
        Checks.notNull("times", times);
        // the schedule (about 40 bytes a record), the rows and the outputs evaluated from them
        Budget.require(times.length * (40.0 + 8.0 * (compiled.stateCount() + 2 * outputs.size() + 1)),
            times.length + " output times of " + (compiled.stateCount() + outputs.size()) + " columns",
            "ask for fewer output times");
        return simulate(Schedule.of(doses, times), solver);
    }

    /** Simulates a schedule of records in processing order with the automatic solver. */
    public Simulation simulate(Schedule schedule) {
        return simulate(schedule, Solvers.DEFAULT);
    }

    /**
     * Simulates a schedule of dose records and output times in their processing order (NONMEM
     * semantics): one row per output time and per reported dose record, holding the state after the
     * record. The system starts empty at t = 0.
     *
     * @throws IllegalArgumentException for doses into unknown compartments or inconsistent records
     * @throws PkException if the integration or a steady state fails: its message gives the time, the
     *         cause and the parameter values, and {@link PkException#partialResult()} the rows reached
     */
    public Simulation simulate(Schedule schedule, Solver solver) {
        return simulate(schedule, solver, null);
    }

    /**
     * As {@link #simulate(Schedule, Solver)}, recording the continuous solution during the solve: the
     * maxima, values between output times and slopes read from the result then need no second solve.
     * The result is the same; the solve costs more when those are not read. For studies that read them
     * for every subject.
     */
    public Simulation simulateContinuous(Schedule schedule, Solver solver) {
        return simulate(schedule, solver, new Trajectory(compiled.stateCount()));
    }

    private Simulation simulate(Schedule schedule, Solver solver, Trajectory path) {
        Checks.notNull("schedule", schedule);
        Checks.notNull("solver", solver);
        Engine.Result result;
        try {
            result = Engine.run(this, schedule.timesArray(), schedule.dosesArray(), schedule.reportArray(), solver,
                path);
        } catch (Engine.Failure f) {
            org.nanopk.solve.SolverException cause = f.cause();
            Simulation partial = null;
            try {
                partial = new Simulation(this, f.partial, schedule, solver, null);
            } catch (PkException notFinite) {
                // rows reached before the failure are finite; if not, there is nothing sound to return
            }
            throw new PkException(cause.getMessage() + "; parameters: " + parameterSummary(), cause.time(), cause,
                partial);
        }
        return new Simulation(this, result, schedule, solver, path == null ? null : path.freeze());
    }

    /** "k = 0.1, V = 2, …" for failure messages: the first 30 parameter values. */
    private String parameterSummary() {
        Parameters p = kinetics.parameters();
        StringBuilder b = new StringBuilder();
        int shown = Math.min(p.size(), 30);
        for (int i = 0; i < shown; i++) {
            b.append(i == 0 ? "" : ", ").append(p.names().get(i)).append(" = ").append(Checks.g(p.get(i)));
        }
        if (shown < p.size()) {
            b.append(", … (").append(p.size() - shown).append(" more)");
        }
        return shown == 0 ? "none" : b.toString();
    }

    // ---- object ------------------------------------------------------------------------------

    /** Models are equal when their definitions are (name, compartments, parameters, transfers, outputs, integrals, doses). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Model m && name.equals(m.name) && compartments.equals(m.compartments)
            && parameterDefinitions.equals(m.parameterDefinitions)
            && new ArrayList<>(parameterDefinitions.keySet()).equals(new ArrayList<>(m.parameterDefinitions.keySet()))
            && transfers.equals(m.transfers) && outputs.equals(m.outputs) && integrals.equals(m.integrals)
            && regimen.equals(m.regimen);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, compartments, parameterDefinitions, transfers, outputs, integrals, regimen);
    }

    /** A readable description: compartments, transfers, parameters, outputs and doses. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("Model ").append(name).append(": ").append(compartments.size()).append(" compartments, ")
            .append(transfers.size()).append(" transfers, ").append(parameterDefinitions.size())
            .append(" parameters").append(isLinear() ? " (linear)" : "").append('\n');
        Table.Builder c = Table.builder("compartment", "volume (mL)", "mass (g)", "kind");
        for (int i = 0; i < compartments.size(); i++) {
            Compartment comp = compartments.get(i);
            double v = kinetics.volume(i);
            double m = kinetics.mass(i);
            c.row(comp.name(), Double.isNaN(v) ? "" : Checks.g(v), Double.isNaN(m) ? "" : Checks.g(m),
                comp.sink() ? "sink" : "");
        }
        sb.append(c).append("\n\n");
        Table.Builder t = Table.builder("from", "to", "law", "rate (amount/h)");
        for (Transfer tr : transfers) {
            t.row(tr.from(), tr.to(), tr.law().type(), tr.law().formula(tr.from(), tr.to()));
        }
        sb.append(t).append("\n\n");
        Table.Builder p = Table.builder("parameter", "value", "definition");
        for (Map.Entry<String, String> e : parameterDefinitions.entrySet()) {
            p.row(e.getKey(), Checks.g(parameter(e.getKey())), Checks.isDecimal(e.getValue()) ? "" : e.getValue());
        }
        sb.append(p);
        if (!outputs.isEmpty() || !integrals.isEmpty()) {
            sb.append("\n\n");
            Table.Builder o = Table.builder("output", "definition");
            outputs.forEach(out -> o.row(out.name(), out.expression()));
            integrals.forEach(in -> o.row(in.name(), "integral of " + in.rate()));
            sb.append(o);
        }
        if (!regimen.isEmpty()) {
            sb.append("\n\ndoses:\n").append(regimen);
        }
        return sb.toString();
    }

    /**
     * Builds a {@link Model}. Mutable and not thread-safe; {@link #build()} validates everything and
     * yields an immutable model. Names must be unique across compartments, integrals, parameters and
     * outputs.
     */
    public static final class Builder {
        private final String name;
        private final List<Compartment> compartments = new ArrayList<>();
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final List<String> duplicateParameters = new ArrayList<>();
        private final List<Transfer> transfers = new ArrayList<>();
        private final List<Output> outputs = new ArrayList<>();
        private final List<Integral> integrals = new ArrayList<>();
        private Regimen regimen = Regimen.empty();

        private Builder(String name) {
            this.name = Checks.notNull("model name", name);
        }

        /** What is stated so far, in words: the names of compartments, parameters and transfers, and the doses. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Model.Builder '" + name + "' (not built yet: call build()): ");
            sb.append(compartments.size()).append(compartments.size() == 1 ? " compartment" : " compartments");
            if (!compartments.isEmpty()) {
                sb.append(' ').append(compartments.stream().map(Compartment::name).toList());
            }
            sb.append(", ").append(parameters.size()).append(parameters.size() == 1 ? " parameter" : " parameters");
            if (!parameters.isEmpty()) {
                sb.append(' ').append(parameters);
            }
            sb.append(", ").append(transfers.size()).append(transfers.size() == 1 ? " transfer" : " transfers");
            for (Transfer t : transfers) {
                sb.append("\n  ").append(t.from()).append(" -> ").append(t.to()).append(": ").append(t.law().formula());
            }
            if (!outputs.isEmpty()) {
                sb.append("\n  outputs ").append(outputs.stream().map(o -> o.name() + " = " + o.expression()).toList());
            }
            sb.append("\n  doses: ").append(regimen.isEmpty() ? "none" : regimen.doses().size() + " dose records");
            return sb.toString();
        }

        /**
         * Applies a building block (see {@code org.nanopk.mechanism}): anything that adds compartments,
         * parameters and transfers to this builder.
         */
        public Builder apply(java.util.function.Consumer<Builder> block) {
            Checks.notNull("building block", block).accept(this);
            return this;
        }

        /** True if a compartment of that name has been added. */
        public boolean hasCompartment(String compartmentName) {
            return compartments.stream().anyMatch(c -> c.name().equals(compartmentName));
        }

        /** True if a parameter of that name has been added. */
        public boolean hasParameter(String parameterName) {
            return parameters.containsKey(parameterName);
        }

        /** Adds a parameter unless one of that name exists (building blocks share defaults this way). */
        public Builder parameterIfAbsent(String parameterName, double value) {
            return hasParameter(parameterName) ? this : parameter(parameterName, value);
        }

        /** Adds a parameter defined by an expression unless one of that name exists. */
        public Builder parameterIfAbsent(String parameterName, String definition) {
            return hasParameter(parameterName) ? this : parameter(parameterName, definition);
        }

        /** Adds a compartment unless one of that name exists. */
        public Builder compartmentIfAbsent(Compartment compartment) {
            return hasCompartment(compartment.name()) ? this : compartment(compartment);
        }

        /** Adds a compartment without a volume (amounts only). */
        public Builder compartment(String compartmentName) {
            return compartment(Compartment.of(compartmentName));
        }

        /** Adds a compartment with a volume in mL. */
        public Builder compartment(String compartmentName, double volumeMl) {
            return compartment(Compartment.of(compartmentName).withVolume(volumeMl));
        }

        /** Adds a compartment with a volume in mL and a tissue mass in g. */
        public Builder compartment(String compartmentName, double volumeMl, double massG) {
            return compartment(Compartment.of(compartmentName).withVolume(volumeMl).withMass(massG));
        }

        /** Adds a compartment with a volume in mL given as a parameter name or expression. */
        public Builder compartment(String compartmentName, String volumeMl) {
            return compartment(Compartment.of(compartmentName).withVolume(volumeMl));
        }

        /** Adds a compartment. */
        public Builder compartment(Compartment compartment) {
            compartments.add(Checks.notNull("compartment", compartment));
            return this;
        }

        /** Adds a sink: a compartment that only accumulates (urine, faeces, degraded payload). */
        public Builder sink(String sinkName) {
            return compartment(Compartment.sinkOf(sinkName));
        }

        /** Adds a parameter with a value. */
        public Builder parameter(String parameterName, double value) {
            return parameter(parameterName, Checks.number("parameter " + parameterName, value));
        }

        /** Adds a parameter defined by a number, another parameter's name or an expression of parameters. */
        public Builder parameter(String parameterName, String definition) {
            Checks.name("parameter name", parameterName);
            Checks.notNull("definition of parameter " + parameterName, definition);
            if (parameters.put(parameterName, Checks.canonical(definition)) != null) {
                duplicateParameters.add(parameterName);
            }
            return this;
        }

        /** Adds a transfer. */
        public Builder transfer(Transfer transfer) {
            transfers.add(Checks.notNull("transfer", transfer));
            return this;
        }

        /** Adds a transfer from {@code from} to {@code to} at the rate of {@code law}. */
        public Builder transfer(String from, String to, RateLaw law) {
            return transfer(new Transfer(from, to, law));
        }

        /** Adds a first-order transfer k·A with k a parameter name or expression (1/h). */
        public Builder firstOrder(String from, String to, String k) {
            return transfer(from, to, RateLaw.firstOrder(k));
        }

        /** Adds a first-order transfer k·A (k in 1/h). */
        public Builder firstOrder(String from, String to, double k) {
            return transfer(from, to, RateLaw.firstOrder(k));
        }

        /** Adds an output: an expression of amounts, parameters and t. */
        public Builder output(String outputName, String expression) {
            return output(new Output(outputName, expression, null));
        }

        /** Adds an output with a tissue mass in g (a number, parameter or expression), for %ID per gram. */
        public Builder output(String outputName, String expression, String massG) {
            return output(new Output(outputName, expression, massG));
        }

        /** Adds an output. */
        public Builder output(Output output) {
            outputs.add(Checks.notNull("output", output));
            return this;
        }

        /** Adds an integral: a bookkeeping state with d(name)/dt = rate (an expression), starting at 0. */
        public Builder integral(String integralName, String rate) {
            return integral(new Integral(integralName, rate));
        }

        /** Adds an integral. */
        public Builder integral(Integral integral) {
            integrals.add(Checks.notNull("integral", integral));
            return this;
        }

        /** Adds a dose to the default regimen. */
        public Builder dose(Dose dose) {
            regimen = regimen.plus(Checks.notNull("dose", dose));
            return this;
        }

        /** Replaces the default regimen. */
        public Builder regimen(Regimen doses) {
            regimen = Checks.notNull("regimen", doses);
            return this;
        }

        /**
         * Validates and compiles the model.
         *
         * @throws IllegalArgumentException naming the offending part: an unknown or duplicate name, a
         *         transfer out of a sink, a malformed or cyclic expression, an invalid number
         */
        public Model build() {
            if (!duplicateParameters.isEmpty()) {
                throw new IllegalArgumentException("duplicate name '" + duplicateParameters.get(0)
                    + "': parameter defined twice; expected every parameter name to be unique");
            }
            if (compartments.size() + integrals.size() > MAX_STATES) {
                throw new IllegalArgumentException("model '" + name + "' has " + compartments.size()
                    + " compartments and " + integrals.size() + " integrals: expected at most " + MAX_STATES
                    + " states in all (the stiff solver works on dense n×n matrices)");
            }
            Map<String, String> defs = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            CompiledModel cm = CompiledModel.compile(name, compartments, defs, transfers, outputs, integrals);
            for (Dose d : regimen.doses()) {
                if (d.givesDose() && cm.compartmentIndex(d.compartment()) < 0) {
                    throw new IllegalArgumentException("dose into '" + d.compartment() + "': "
                        + Checks.unknown("compartment", d.compartment(), cm.compartments()).getMessage());
                }
            }
            return new Model(name, List.copyOf(compartments), defs, List.copyOf(transfers), List.copyOf(outputs),
                List.copyOf(integrals), regimen, cm, cm.bindParameters(defs));
        }
    }
}
