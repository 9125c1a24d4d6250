package org.nanopk.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.nanopk.Compartment;
import org.nanopk.Integral;
import org.nanopk.Output;
import org.nanopk.RateLaw;
import org.nanopk.Transfer;

/**
 * The structure of a model compiled to indices: names resolved, expressions parsed and bound,
 * parameter evaluation order fixed, every transfer assigned to a law group. Shared by every model
 * that differs only in parameter values; {@link #evaluate} turns a set of parameter definitions into
 * the numbers the hot loop uses ({@link Kinetics}). Internal.
 *
 * <p>Expression environments are laid out as {@code [parameters | states | t]}: states are the
 * compartments followed by the integrals.
 */
public final class CompiledModel {
    /** Law groups; flow and permeability compile to first-order terms. */
    enum Kind { LINEAR, ZERO, MM, HILL, CAPACITY, BIMOLECULAR, HILL_TIME, EXPRESSION, CUSTOM }

    /** A transfer resolved to indices. */
    static final class LawPlan {
        final int index;
        final String label;
        final RateLaw law;
        final int from;
        final int to;
        final Expr[] fields;   // bound to parameter slots
        // expression laws only (bound to the full environment)
        final Expr rate;
        final int[] deps;
        final Expr[] partials;
        final Expr dt;

        LawPlan(int index, String label, RateLaw law, int from, int to, Expr[] fields, Expr rate, int[] deps,
                Expr[] partials, Expr dt) {
            this.index = index;
            this.label = label;
            this.law = law;
            this.from = from;
            this.to = to;
            this.fields = fields;
            this.rate = rate;
            this.deps = deps;
            this.partials = partials;
            this.dt = dt;
        }
    }

    final String name;
    final List<String> compartments;
    final List<String> integrals;
    final List<String> states;
    final List<String> parameters;
    final List<String> outputs;
    final Map<String, Integer> stateIndex;
    final Map<String, Integer> paramIndex;
    final Map<String, Integer> outputIndex;
    final int nc;
    final int ns;
    final int np;
    final boolean[] sink;
    final int[] paramOrder;
    final Expr[] volume;
    final Expr[] mass;
    final Expr[] bioavailability;
    final Expr[] lag;
    final Expr[] duration;
    final Expr[] rate;
    final LawPlan[] plans;
    final Expr[] outputExpr;
    final Expr[] outputMass;
    final Expr[] integralRate;
    final int[][] integralDeps;
    final Expr[][] integralPartials;
    final Expr[] integralDt;
    final boolean linear;
    final boolean autonomous;
    /**
     * Amounts stay non-negative: every law is one that stops when its source is empty (all built-in
     * laws but zero order; expressions and custom functions are not known to).
     */
    final boolean nonNegative;
    final Layout layout;

    /** Where each transfer's numbers go in the hot loop's arrays: computed once per structure. */
    static final class Layout {
        static final byte FIRST_ORDER = 0;
        static final byte FLOW = 1;
        static final byte PERMEABILITY_FORWARD = 2;
        static final byte PERMEABILITY_BACK = 3;
        final int[] linFrom;
        final int[] linTo;
        final int[] linPlan;
        final byte[] linKind;
        final int[] zero;
        final int[] mm;
        final int[] hill;
        final int[] capacity;
        final int[] bimolecular;
        final int[] hillTime;
        final LawPlan[] expression;
        final LawPlan[] custom;

        Layout(LawPlan[] plans) {
            int nLin = 0;
            for (LawPlan p : plans) {
                if (p.law instanceof RateLaw.Permeability) {
                    nLin += 2;
                } else if (p.law instanceof RateLaw.FirstOrder || p.law instanceof RateLaw.Flow) {
                    nLin++;
                }
            }
            linFrom = new int[nLin];
            linTo = new int[nLin];
            linPlan = new int[nLin];
            linKind = new byte[nLin];
            int k = 0;
            for (int i = 0; i < plans.length; i++) {
                LawPlan p = plans[i];
                if (p.law instanceof RateLaw.FirstOrder || p.law instanceof RateLaw.Flow) {
                    linFrom[k] = p.from;
                    linTo[k] = p.to;
                    linPlan[k] = i;
                    linKind[k++] = p.law instanceof RateLaw.Flow ? FLOW : FIRST_ORDER;
                } else if (p.law instanceof RateLaw.Permeability) {
                    linFrom[k] = p.from;
                    linTo[k] = p.to;
                    linPlan[k] = i;
                    linKind[k++] = PERMEABILITY_FORWARD;
                    linFrom[k] = p.to;
                    linTo[k] = p.from;
                    linPlan[k] = i;
                    linKind[k++] = PERMEABILITY_BACK;
                }
            }
            zero = select(plans, RateLaw.ZeroOrder.class);
            mm = select(plans, RateLaw.MichaelisMenten.class);
            hill = select(plans, RateLaw.Hill.class);
            capacity = select(plans, RateLaw.Capacity.class);
            bimolecular = select(plans, RateLaw.BimolecularCapacity.class);
            hillTime = select(plans, RateLaw.HillTime.class);
            int[] ex = select(plans, RateLaw.Expression.class);
            int[] cu = select(plans, RateLaw.Custom.class);
            expression = new LawPlan[ex.length];
            for (int i = 0; i < ex.length; i++) {
                expression[i] = plans[ex[i]];
            }
            custom = new LawPlan[cu.length];
            for (int i = 0; i < cu.length; i++) {
                custom[i] = plans[cu[i]];
            }
        }

        private static int[] select(LawPlan[] plans, Class<?> type) {
            int c = 0;
            for (LawPlan p : plans) {
                if (type.isInstance(p.law)) {
                    c++;
                }
            }
            int[] out = new int[c];
            c = 0;
            for (int i = 0; i < plans.length; i++) {
                if (type.isInstance(plans[i].law)) {
                    out[c++] = i;
                }
            }
            return out;
        }
    }

    /** Partial derivatives of an expression with respect to the states it uses, and to time. */
    record Partials(int[] deps, Expr[] partials, Expr dt) {
    }

    private CompiledModel(Builder b) {
        this.name = b.name;
        this.compartments = List.copyOf(b.compartmentNames);
        this.integrals = List.copyOf(b.integralNames);
        List<String> st = new ArrayList<>(compartments);
        st.addAll(integrals);
        this.states = List.copyOf(st);
        this.parameters = List.copyOf(b.paramNames);
        this.outputs = List.copyOf(b.outputNames);
        this.stateIndex = Collections.unmodifiableMap(b.stateIndex);
        this.paramIndex = Collections.unmodifiableMap(b.paramIndex);
        this.outputIndex = Collections.unmodifiableMap(b.outputIndex);
        this.nc = compartments.size();
        this.ns = states.size();
        this.np = parameters.size();
        this.sink = b.sink;
        this.paramOrder = b.paramOrder;
        this.volume = b.volume;
        this.mass = b.mass;
        this.bioavailability = b.bioavailability;
        this.lag = b.lag;
        this.duration = b.duration;
        this.rate = b.rate;
        this.plans = b.plans;
        this.outputExpr = b.outputExpr;
        this.outputMass = b.outputMass;
        this.integralRate = b.integralRate;
        this.integralDeps = b.integralDeps;
        this.integralPartials = b.integralPartials;
        this.integralDt = b.integralDt;
        this.linear = b.linear;
        this.autonomous = b.autonomous;
        this.nonNegative = b.plans != null && java.util.Arrays.stream(b.plans).allMatch(p -> p.law instanceof
            RateLaw.FirstOrder || p.law instanceof RateLaw.Flow || p.law instanceof RateLaw.Permeability
            || p.law instanceof RateLaw.MichaelisMenten || p.law instanceof RateLaw.Hill
            || p.law instanceof RateLaw.Capacity || p.law instanceof RateLaw.BimolecularCapacity
            || p.law instanceof RateLaw.HillTime);
        this.layout = b.plans == null ? null : new Layout(b.plans);
    }

    /** The model name. */
    public String name() {
        return name;
    }

    /** Compartment names, in order. */
    public List<String> compartments() {
        return compartments;
    }

    /** Integral (bookkeeping state) names, in order. */
    public List<String> integrals() {
        return integrals;
    }

    /** All state names: compartments, then integrals. */
    public List<String> states() {
        return states;
    }

    /** Parameter names, in declaration order. */
    public List<String> parameters() {
        return parameters;
    }

    /** Output names, in order. */
    public List<String> outputs() {
        return outputs;
    }

    /** Index of a state (compartment or integral), or -1. */
    public int stateIndex(String state) {
        return stateIndex.getOrDefault(state, -1);
    }

    /** Index of a compartment, or -1 (integrals are not compartments). */
    public int compartmentIndex(String compartment) {
        int i = stateIndex.getOrDefault(compartment, -1);
        return i < nc ? i : -1;
    }

    /** Index of a parameter, or -1. */
    public int parameterIndex(String parameter) {
        return paramIndex.getOrDefault(parameter, -1);
    }

    /** Index of an output, or -1. */
    public int outputIndex(String output) {
        return outputIndex.getOrDefault(output, -1);
    }

    /** True if compartment {@code i} is a sink. */
    public boolean isSink(int i) {
        return sink[i];
    }

    /** True when every rate is affine in the amounts with constant coefficients (exact solution applies). */
    public boolean isLinear() {
        return linear;
    }

    /** True when every rate is 0 while all amounts are 0 (no zero-order, expression or custom laws, no integrals). */
    public boolean isQuietAtZero() {
        if (integralRate.length > 0) {
            return false;
        }
        for (LawPlan p : plans) {
            if (p.law instanceof RateLaw.ZeroOrder || p.law instanceof RateLaw.Expression
                || p.law instanceof RateLaw.Custom) {
                return false;
            }
        }
        return true;
    }

    /**
     * States that only fill up and that no rate depends on: compartments nothing leaves (sinks, and for
     * example NP9's liver and spleen macrophages) unless they are the destination of a capacity or
     * bimolecular law or appear in an expression law or integrand, and integrals unless an expression
     * law or integrand uses them. Under repeated dosing they grow without bound, so they have no steady
     * state. Custom Java laws are assumed not to read such states.
     */
    public boolean[] accumulators() {
        boolean[] acc = new boolean[ns];
        java.util.Arrays.fill(acc, true);
        for (LawPlan p : plans) {
            acc[p.from] = false;
            if (p.law instanceof RateLaw.Capacity || p.law instanceof RateLaw.BimolecularCapacity) {
                acc[p.to] = false;
            }
            if (p.deps != null) {
                for (int d : p.deps) {
                    acc[d] = false;
                }
            }
        }
        for (int[] deps : integralDeps) {
            for (int d : deps) {
                acc[d] = false;
            }
        }
        return acc;
    }

    private volatile org.nanopk.solve.SparsityPattern sparsity;

    /**
     * The structural pattern of the Jacobian over the states, whatever the parameter values (computed
     * once and shared by every model of this structure, so the sparse LU's analysis is done once).
     */
    public org.nanopk.solve.SparsityPattern sparsity() {
        org.nanopk.solve.SparsityPattern p = sparsity;
        if (p == null) {
            boolean[] nz = new boolean[ns * ns];
            for (LawPlan l : plans) {
                int f = l.from;
                int t = l.to;
                if (l.law instanceof RateLaw.ZeroOrder) {
                    continue;
                }
                if (l.law instanceof RateLaw.Expression) {
                    for (int s : l.deps) {
                        nz[f * ns + s] = true;
                        nz[t * ns + s] = true;
                    }
                    continue;
                }
                if (l.law instanceof RateLaw.Custom) {
                    for (int s = 0; s < nc; s++) {
                        nz[f * ns + s] = true;
                        nz[t * ns + s] = true;
                    }
                    continue;
                }
                nz[f * ns + f] = true;
                nz[t * ns + f] = true;
                if (l.law instanceof RateLaw.Permeability || l.law instanceof RateLaw.Capacity
                    || l.law instanceof RateLaw.BimolecularCapacity) {
                    nz[f * ns + t] = true;
                    nz[t * ns + t] = true;
                }
            }
            for (int i = 0; i < integralDeps.length; i++) {
                for (int s : integralDeps[i]) {
                    nz[(nc + i) * ns + s] = true;
                }
            }
            p = org.nanopk.solve.SparsityPattern.of(ns, nz);
            sparsity = p;
        }
        return p;
    }

    /** True when no rate depends on time. */
    public boolean isAutonomous() {
        return autonomous;
    }

    /** Number of compartments. */
    public int compartmentCount() {
        return nc;
    }

    /** Number of states (compartments and integrals). */
    public int stateCount() {
        return ns;
    }

    /** Size of an expression environment: parameters, states and time. */
    public int envSize() {
        return np + ns + 1;
    }

    /** Evaluates output {@code k} in an environment laid out as {@code [parameters | states | t]}. */
    public double output(int k, double[] env) {
        return outputExpr[k].eval(env);
    }

    // ------------------------------------------------------------------------------------------

    /**
     * Binds parameter definitions (text) to expressions over parameter slots, in declaration order.
     * Used for the initial model and by {@code with}, which replaces single entries by numbers.
     */
    public Expr[] bindParameters(Map<String, String> definitions) {
        Expr[] out = new Expr[np];
        int i = 0;
        for (Map.Entry<String, String> e : definitions.entrySet()) {
            out[i++] = parseBound("parameters." + e.getKey(), e.getValue(), this::paramSlotOnly);
        }
        return out;
    }

    private int paramSlotOnly(String n) {
        Integer p = paramIndex.get(n);
        if (p != null) {
            return p;
        }
        if (stateIndex.containsKey(n) || "t".equals(n)) {
            throw new IllegalArgumentException("'" + n + "' is " + ("t".equals(n) ? "the time" : "a compartment")
                + ", but only parameters can be used here");
        }
        throw Checks.unknown("parameter", n, new TreeSet<>(paramIndex.keySet()));
    }

    private int envSlot(String n) {
        Integer p = paramIndex.get(n);
        if (p != null) {
            return p;
        }
        Integer s = stateIndex.get(n);
        if (s != null) {
            return np + s;
        }
        if ("t".equals(n)) {
            return np + ns;
        }
        Set<String> known = new TreeSet<>(stateIndex.keySet());
        known.addAll(paramIndex.keySet());
        known.add("t");
        throw Checks.unknown("name", n, known);
    }

    static Expr parseBound(String where, String text, java.util.function.ToIntFunction<String> slots) {
        try {
            return Expr.parse(text).bind(slots);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * Evaluates the parameters in dependency order and every parameter-dependent number of the model,
     * validating each against its allowed range.
     */
    public Kinetics evaluate(Expr[] paramExprs) {
        return new Kinetics(this, paramExprs);
    }

    /** Compiles a model definition; throws IllegalArgumentException naming the offending part. */
    public static CompiledModel compile(String name, List<Compartment> compartments,
                                        Map<String, String> parameters, List<Transfer> transfers,
                                        List<Output> outputs, List<Integral> integrals) {
        return new Builder(name, compartments, parameters, transfers, outputs, integrals).build();
    }

    private static final class Builder {
        final String name;
        final List<String> compartmentNames = new ArrayList<>();
        final List<String> integralNames = new ArrayList<>();
        final List<String> paramNames = new ArrayList<>();
        final List<String> outputNames = new ArrayList<>();
        final Map<String, Integer> stateIndex = new HashMap<>();
        final Map<String, Integer> paramIndex = new HashMap<>();
        final Map<String, Integer> outputIndex = new HashMap<>();
        final List<Compartment> comps;
        final Map<String, String> paramDefs;
        final List<Transfer> transfers;
        final List<Output> outs;
        final List<Integral> ints;
        boolean[] sink;
        int[] paramOrder;
        Expr[] volume;
        Expr[] mass;
        Expr[] bioavailability;
        Expr[] lag;
        Expr[] duration;
        Expr[] rate;
        LawPlan[] plans;
        Expr[] outputExpr;
        Expr[] outputMass;
        Expr[] integralRate;
        int[][] integralDeps;
        Expr[][] integralPartials;
        Expr[] integralDt;
        boolean linear = true;
        boolean autonomous = true;
        int np;
        int ns;
        CompiledModel shell;

        Builder(String name, List<Compartment> comps, Map<String, String> paramDefs, List<Transfer> transfers,
                List<Output> outs, List<Integral> ints) {
            this.name = name;
            this.comps = comps;
            this.paramDefs = paramDefs;
            this.transfers = transfers;
            this.outs = outs;
            this.ints = ints;
        }

        private void claim(Map<String, String> owners, String n, String what) {
            if ("t".equals(n)) {
                throw new IllegalArgumentException(what + " 't': the name t is reserved for time");
            }
            String prev = owners.putIfAbsent(n, what);
            if (prev != null) {
                throw new IllegalArgumentException("duplicate name '" + n + "': used by " + prev + " and by " + what
                    + "; expected every compartment, integral, parameter and output name to be unique");
            }
        }

        CompiledModel build() {
            if (comps.isEmpty()) {
                throw new IllegalArgumentException("model '" + name + "' has no compartments; expected at least one");
            }
            Map<String, String> owners = new HashMap<>();
            for (int i = 0; i < comps.size(); i++) {
                String n = comps.get(i).name();
                claim(owners, n, "compartments[" + i + "]");
                stateIndex.put(n, compartmentNames.size());
                compartmentNames.add(n);
            }
            for (int i = 0; i < ints.size(); i++) {
                String n = ints.get(i).name();
                claim(owners, n, "integrals." + n);
                stateIndex.put(n, compartmentNames.size() + integralNames.size());
                integralNames.add(n);
            }
            for (String n : paramDefs.keySet()) {
                Checks.name("parameter name", n);
                claim(owners, n, "parameters." + n);
                paramIndex.put(n, paramNames.size());
                paramNames.add(n);
            }
            for (int i = 0; i < outs.size(); i++) {
                String n = outs.get(i).name();
                claim(owners, n, "outputs." + n);
                outputIndex.put(n, outputNames.size());
                outputNames.add(n);
            }
            np = paramNames.size();
            ns = compartmentNames.size() + integralNames.size();
            int nc = compartmentNames.size();
            // a shell to reuse the slot resolvers while building
            shell = new CompiledModel(this);
            paramOrder = parameterOrder();

            sink = new boolean[nc];
            volume = new Expr[nc];
            mass = new Expr[nc];
            bioavailability = new Expr[nc];
            lag = new Expr[nc];
            duration = new Expr[nc];
            rate = new Expr[nc];
            for (int i = 0; i < nc; i++) {
                Compartment c = comps.get(i);
                String w = "compartments[" + i + "] (" + c.name() + ").";
                sink[i] = c.sink();
                volume[i] = paramField(w + "volume", c.volume());
                mass[i] = paramField(w + "mass", c.mass());
                bioavailability[i] = paramField(w + "bioavailability", c.bioavailability());
                lag[i] = paramField(w + "lag", c.lag());
                duration[i] = paramField(w + "duration", c.duration());
                rate[i] = paramField(w + "rate", c.rate());
            }

            plans = new LawPlan[transfers.size()];
            for (int i = 0; i < transfers.size(); i++) {
                plans[i] = plan(i, transfers.get(i));
            }

            outputExpr = new Expr[outs.size()];
            outputMass = new Expr[outs.size()];
            for (int k = 0; k < outs.size(); k++) {
                Output o = outs.get(k);
                outputExpr[k] = parseBound("outputs." + o.name(), o.expression(), shell::envSlot);
                outputMass[k] = paramField("outputs." + o.name() + ".mass", o.mass());
            }

            int ni = ints.size();
            integralRate = new Expr[ni];
            integralDeps = new int[ni][];
            integralPartials = new Expr[ni][];
            integralDt = new Expr[ni];
            for (int k = 0; k < ni; k++) {
                Integral in = ints.get(k);
                Expr e = parseBound("integrals." + in.name(), in.rate(), shell::envSlot);
                Partials d = differentiate(e);
                integralRate[k] = e;
                integralDeps[k] = d.deps();
                integralPartials[k] = d.partials();
                integralDt[k] = d.dt();
            }
            return new CompiledModel(this);
        }

        private Expr paramField(String where, String text) {
            return text == null ? null : parseBound(where, text, shell::paramSlotOnly);
        }

        /** Partial derivatives of an expression rate; updates the linear and autonomous flags. */
        private Partials differentiate(Expr e) {
            List<Integer> deps = new ArrayList<>();
            List<Expr> partials = new ArrayList<>();
            for (int s = 0; s < ns; s++) {
                if (e.dependsOn(np + s)) {
                    Expr d = e.derivative(np + s);
                    deps.add(s);
                    partials.add(d);
                    for (int q = 0; q <= ns; q++) {
                        if (d.dependsOn(np + q)) {
                            linear = false; // a partial that depends on a state or on t
                        }
                    }
                }
            }
            Expr dt = null;
            if (e.dependsOn(np + ns)) {
                dt = e.derivative(np + ns);
                autonomous = false;
                linear = false;
            }
            return new Partials(deps.stream().mapToInt(Integer::intValue).toArray(),
                partials.toArray(new Expr[0]), dt);
        }

        private LawPlan plan(int i, Transfer t) {
            RateLaw law = t.law();
            String where = "transfers[" + i + "]";
            String label = where + " (" + t.from() + " -> " + t.to() + ", " + law.type() + ")";
            int from = compartment(where + ".from", t.from());
            int to = compartment(where + ".to", t.to());
            if (from == to) {
                throw new IllegalArgumentException(label + ": source and destination are the same compartment '"
                    + t.from() + "'; expected two different compartments");
            }
            if (sink[from]) {
                throw new IllegalArgumentException(label + ": '" + t.from()
                    + "' is a sink; transfers out of a sink are not allowed");
            }
            List<String> fieldNames = law.fieldNames();
            List<String> values = law.fieldValues();
            if (law instanceof RateLaw.Expression ex) {
                Expr e = parseBound(where + ".law.rate", ex.rate(), shell::envSlot);
                Partials d = differentiate(e);
                return new LawPlan(i, label, law, from, to, new Expr[0], e, d.deps(), d.partials(), d.dt());
            }
            Expr[] fields = new Expr[fieldNames.size()];
            for (int f = 0; f < fields.length; f++) {
                fields[f] = parseBound(where + ".law." + fieldNames.get(f), values.get(f), shell::paramSlotOnly);
            }
            if (law instanceof RateLaw.Flow) {
                requireVolume(label, t.from());
            } else if (law instanceof RateLaw.Permeability) {
                requireVolume(label, t.from());
                requireVolume(label, t.to());
            } else if (law instanceof RateLaw.HillTime) {
                autonomous = false;
                linear = false;
            } else if (law instanceof RateLaw.Custom) {
                autonomous = false; // unknown: treated as time-dependent
                linear = false;
            } else if (!(law instanceof RateLaw.FirstOrder || law instanceof RateLaw.ZeroOrder)) {
                linear = false;
            }
            return new LawPlan(i, label, law, from, to, fields, null, null, null, null);
        }

        private void requireVolume(String label, String comp) {
            if (volume[stateIndex.get(comp)] == null) {
                throw new IllegalArgumentException(label + ": compartment '" + comp
                    + "' has no volume; the " + "law needs one (give the compartment a volume in mL)");
            }
        }

        private int compartment(String where, String n) {
            Integer i = stateIndex.get(n);
            if (i == null || i >= compartmentNames.size()) {
                throw new IllegalArgumentException(where + ": " + Checks.unknown("compartment", n,
                    new TreeSet<>(compartmentNames)).getMessage());
            }
            return i;
        }

        /** Topological order of the parameters; rejects cycles, naming them. */
        private int[] parameterOrder() {
            Map<String, Set<String>> deps = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : paramDefs.entrySet()) {
                Expr ex = parseBound("parameters." + e.getKey(), e.getValue(), shell::paramSlotOnly);
                deps.put(e.getKey(), ex.names());
            }
            int[] order = new int[np];
            int[] state = new int[np]; // 0 new, 1 visiting, 2 done
            int[] pos = {0};
            List<String> path = new ArrayList<>();
            for (String n : paramNames) {
                visit(n, deps, state, order, pos, path);
            }
            return order;
        }

        /** Depth-first from {@code root}, iteratively (a chain of thousands of parameters must not overflow). */
        private void visit(String root, Map<String, Set<String>> deps, int[] state, int[] order, int[] pos,
                           List<String> path) {
            if (state[paramIndex.get(root)] != 0) {
                return;
            }
            java.util.Deque<java.util.Iterator<String>> pending = new java.util.ArrayDeque<>();
            state[paramIndex.get(root)] = 1;
            path.add(root);
            pending.push(deps.get(root).iterator());
            while (!pending.isEmpty()) {
                java.util.Iterator<String> it = pending.peek();
                if (it.hasNext()) {
                    String d = it.next();
                    int j = paramIndex.get(d);
                    if (state[j] == 1) {
                        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(d), path.size()));
                        cycle.add(d);
                        String shown = cycle.size() <= 12 ? String.join(" -> ", cycle)
                            : String.join(" -> ", cycle.subList(0, 6)) + " -> … (" + (cycle.size() - 12) + " more) -> "
                                + String.join(" -> ", cycle.subList(cycle.size() - 6, cycle.size()));
                        throw new IllegalArgumentException("parameters form a cycle: " + shown
                            + "; expected every parameter to be computable from the others");
                    }
                    if (state[j] == 0) {
                        state[j] = 1;
                        path.add(d);
                        pending.push(deps.get(d).iterator());
                    }
                } else {
                    pending.pop();
                    int j = paramIndex.get(path.remove(path.size() - 1));
                    state[j] = 2;
                    order[pos[0]++] = j;
                }
            }
        }
    }
}
