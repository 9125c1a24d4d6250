package org.nanopk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

import org.nanopk.internal.Checks;
import org.nanopk.internal.Expr;
import org.nanopk.solve.SparsityPattern;

/**
 * The structure of a model compiled to indices: names resolved, every transfer's rate law instantiated
 * from its {@link RateLaw#template() template} as an expression over the environment
 * {@code [parameters | states | t]} and differentiated symbolically, the parameter evaluation order
 * fixed. Shared by every model that differs only in parameter values; {@link #evaluate} turns a set of
 * parameter definitions into the numbers the hot loop uses ({@link Kinetics}). Immutable.
 *
 * <p>Nothing here knows a particular law: sparsity, linearity, time dependence, which states a rate
 * reads and which compartments only fill up all follow from the terms' expressions.
 */
final class CompiledModel {

    /**
     * One rate term: a transfer (amount leaves {@code from} and enters {@code to}) or an integral
     * ({@code from} = -1; the rate is added to state {@code to}). Expressions are bound to the environment.
     */
    static final class Term {
        final String label;
        final RateLaw law;
        final int from;
        final int to;
        /** The law's fields over parameter slots, in the order of {@code law.fieldNames()} (empty for expressions). */
        final Expr[] fields;
        final Expr rate;
        /** The states the rate reads, and ∂rate/∂state for each. */
        final int[] deps;
        final Expr[] partials;
        /** ∂rate/∂t, or null if the rate does not depend on t. */
        final Expr dt;
        /** True when every partial depends on parameters only and the rate not on t: rate = b + Σ c_s·y_s. */
        final boolean linear;

        Term(String label, RateLaw law, int from, int to, Expr[] fields, Expr rate, int np, int ns) {
            this.label = label;
            this.law = law;
            this.from = from;
            this.to = to;
            this.fields = fields;
            this.rate = rate;
            List<Integer> d = new ArrayList<>();
            List<Expr> p = new ArrayList<>();
            boolean constant = true;
            for (int s = 0; s < ns; s++) {
                if (rate.dependsOn(np + s)) {
                    Expr partial = rate.derivative(np + s);
                    d.add(s);
                    p.add(partial);
                    constant &= !partial.usesSlotAtOrAbove(np);
                }
            }
            this.deps = d.stream().mapToInt(Integer::intValue).toArray();
            this.partials = p.toArray(new Expr[0]);
            this.dt = rate.dependsOn(np + ns) ? rate.derivative(np + ns) : null;
            this.linear = constant && dt == null;
        }
    }

    /** A transfer whose rate is a Java function ({@link RateLaw.Custom}). */
    record CustomTerm(String label, int from, int to, RateLaw.RateFunction function) {
    }

    final String name;
    /** The parameter definitions the structure was compiled from (their order of evaluation is the structure's). */
    final Map<String, String> definitions;
    final List<String> compartments;
    final List<String> integrals;
    final List<String> states;
    final List<String> parameters;
    final List<String> outputs;
    private final Map<String, Integer> stateIndex;
    private final Map<String, Integer> paramIndex;
    private final Map<String, Integer> outputIndex;
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
    /** Transfers (in order), then integrals. */
    final Term[] terms;
    final CustomTerm[] customs;
    final Expr[] outputExpr;
    final Expr[] outputMass;
    final boolean linear;
    final boolean autonomous;
    /** Amounts stay non-negative: every transfer's law stops at an empty source (see RateLaw#stopsAtEmptySource). */
    final boolean nonNegative;
    private final SparsityPattern sparsity;
    /** The row-major positions of the Jacobian's structural non-zeros. */
    final int[] patternEntries;
    /** The linear terms' structure in compressed rows: entries of row i are linCol[linRowStart[i]..linRowStart[i+1]). */
    final int[] linRowStart;
    final int[] linCol;
    /** Rows that a linear term with a possibly non-zero constant part (zero order, expression, integral) reaches. */
    final int[] linConstRows;
    private final Object kernelLock = new Object();
    private volatile KernelCompiler.Plan kernel;
    private volatile boolean kernelTried;
    /** Solves of this structure so far, counted until the right-hand side is generated. */
    private final java.util.concurrent.atomic.AtomicInteger solves = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * The solve of a structure from which its right-hand side is generated: a structure solved once
     * (a one-off simulation, a random model in a test) is interpreted, since newly generated code starts
     * in the JVM's bytecode interpreter while NanoPK's expression interpreter is already compiled; a
     * structure solved again (fits, populations, sweeps) gets straight-line code.
     */
    static final int GENERATE_AT_SOLVE = 3;

    private CompiledModel(Builder b) {
        this.name = b.name;
        this.definitions = b.paramDefs;
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
        this.terms = b.terms;
        this.customs = b.customs;
        this.outputExpr = b.outputExpr;
        this.outputMass = b.outputMass;
        boolean lin = b.customs == null || b.customs.length == 0;
        boolean aut = lin;
        boolean nonNeg = lin;
        if (b.terms != null) {
            for (Term t : b.terms) {
                lin &= t.linear;
                aut &= t.dt == null;
                nonNeg &= t.from < 0 || t.law.stopsAtEmptySource();
            }
        }
        this.linear = lin;
        this.autonomous = aut;
        this.nonNegative = nonNeg;
        this.sparsity = b.terms == null ? null : pattern();
        this.patternEntries = sparsity == null ? new int[0] : sparsity.positions();
        boolean[] nz = new boolean[ns * ns];
        boolean[] constRow = new boolean[ns];
        for (Term t : b.terms == null ? new Term[0] : b.terms) {
            if (!t.linear) {
                continue;
            }
            for (int s : t.deps) {
                if (t.from >= 0) {
                    nz[t.from * ns + s] = true;
                }
                nz[t.to * ns + s] = true;
            }
            if (t.law == null || !t.law.stopsAtEmptySource()) {
                if (t.from >= 0) {
                    constRow[t.from] = true;
                }
                constRow[t.to] = true;
            }
        }
        this.linRowStart = new int[ns + 1];
        int nnz = 0;
        for (boolean x : nz) {
            nnz += x ? 1 : 0;
        }
        this.linCol = new int[nnz];
        int e = 0;
        for (int i = 0; i < ns; i++) {
            linRowStart[i] = e;
            for (int j = 0; j < ns; j++) {
                if (nz[i * ns + j]) {
                    linCol[e++] = j;
                }
            }
        }
        linRowStart[ns] = e;
        int k = 0;
        for (boolean x : constRow) {
            k += x ? 1 : 0;
        }
        this.linConstRows = new int[k];
        k = 0;
        for (int i = 0; i < ns; i++) {
            if (constRow[i]) {
                linConstRows[k++] = i;
            }
        }
    }

    /** Output k as a term: its expression, the states it reads and ∂/∂state, ∂/∂t (made on first use). */
    Term outputTerm(int k) {
        Term[] ts = outputTerms;
        if (ts == null) {
            ts = new Term[outputExpr.length];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = new Term("outputs." + outputs.get(i), null, -1, 0, new Expr[0], outputExpr[i], np, ns);
            }
            outputTerms = ts;
        }
        return ts[k];
    }

    private volatile Term[] outputTerms;
    /** This structure with the two quadratures of a name added (see {@link Model#withQuadrature}), by name. */
    private final java.util.concurrent.ConcurrentMap<String, CompiledModel> quadratures =
        new java.util.concurrent.ConcurrentHashMap<>();

    /** The structure with two more integrals, made once per target name and shared. */
    CompiledModel withQuadrature(String target, java.util.function.Supplier<CompiledModel> make) {
        return quadratures.computeIfAbsent(target, t -> make.get());
    }

    /**
     * The generated right-hand side of this structure for one more solve: null for its first solves
     * (see {@link #GENERATE_AT_SOLVE}), when generation is off or the structure is too large for it;
     * made once and shared by every parameter set.
     */
    KernelCompiler.Plan kernelForSolve() {
        if (!kernelTried && solves.incrementAndGet() < GENERATE_AT_SOLVE) {
            return null;
        }
        return kernel();
    }

    /** The generated right-hand side of this structure, made now if it was not yet. */
    KernelCompiler.Plan kernel() {
        if (!kernelTried) {
            synchronized (kernelLock) {
                if (!kernelTried) {
                    kernel = KernelCompiler.ENABLED ? KernelCompiler.compile(this) : null;
                    kernelTried = true;
                }
            }
        }
        return kernel;
    }

    /** The model name. */
    String name() {
        return name;
    }

    /** Compartment names, in order. */
    List<String> compartments() {
        return compartments;
    }

    /** All state names: compartments, then integrals. */
    List<String> states() {
        return states;
    }

    /** Parameter names, in declaration order. */
    List<String> parameters() {
        return parameters;
    }

    /** Output names, in order. */
    List<String> outputs() {
        return outputs;
    }

    /** Index of a state (compartment or integral), or -1. */
    int stateIndex(String state) {
        return stateIndex.getOrDefault(state, -1);
    }

    /** Index of a compartment, or -1 (integrals are not compartments). */
    int compartmentIndex(String compartment) {
        int i = stateIndex.getOrDefault(compartment, -1);
        return i < nc ? i : -1;
    }

    /** Index of a parameter, or -1. */
    int parameterIndex(String parameter) {
        return paramIndex.getOrDefault(parameter, -1);
    }

    /** Index of an output, or -1. */
    int outputIndex(String output) {
        return outputIndex.getOrDefault(output, -1);
    }

    /** True when every rate is affine in the amounts with constant coefficients (exact solution applies). */
    boolean isLinear() {
        return linear;
    }

    /** True when no rate depends on time. */
    boolean isAutonomous() {
        return autonomous;
    }

    /**
     * True when every rate is 0 while all amounts are 0: every transfer stops at an empty source and
     * there are no integrals (an integrand need not vanish at zero amounts).
     */
    boolean isQuietAtZero() {
        return integrals.isEmpty() && nonNegative;
    }

    /**
     * States that only fill up and that no rate reads: compartments nothing leaves (sinks, and for
     * example NP9's liver and spleen macrophages) and integrals, unless some rate depends on them. Under
     * repeated dosing they grow without bound, so they have no steady state. Custom Java laws are
     * assumed not to read such states.
     */
    boolean[] accumulators() {
        boolean[] acc = new boolean[ns];
        Arrays.fill(acc, true);
        for (Term t : terms) {
            if (t.from >= 0) {
                acc[t.from] = false;
            }
            for (int d : t.deps) {
                acc[d] = false;
            }
        }
        for (CustomTerm c : customs) {
            acc[c.from()] = false;
        }
        return acc;
    }

    /**
     * The structural pattern of the Jacobian over the states, whatever the parameter values, shared by
     * every model of this structure (so the sparse LU's analysis is done once).
     */
    SparsityPattern sparsity() {
        return sparsity;
    }

    private SparsityPattern pattern() {
        boolean[] nz = new boolean[ns * ns];
        for (Term t : terms) {
            for (int s : t.deps) {
                if (t.from >= 0) {
                    nz[t.from * ns + s] = true;
                }
                nz[t.to * ns + s] = true;
            }
        }
        for (CustomTerm c : customs) {
            for (int s = 0; s < nc; s++) {
                nz[c.from() * ns + s] = true;
                nz[c.to() * ns + s] = true;
            }
        }
        return SparsityPattern.of(ns, nz);
    }

    /** Number of compartments. */
    int compartmentCount() {
        return nc;
    }

    /** Number of states (compartments and integrals). */
    int stateCount() {
        return ns;
    }

    /** Size of an expression environment: parameters, states and time. */
    int envSize() {
        return np + ns + 1;
    }

    /** Evaluates output {@code k} in an environment laid out as {@code [parameters | states | t]}. */
    double output(int k, double[] env) {
        return outputExpr[k].eval(env);
    }

    // ------------------------------------------------------------------------------------------

    /**
     * Binds parameter definitions (text) to expressions over parameter slots, in declaration order.
     * Used for the initial model and by {@code with}, which replaces single entries by numbers.
     */
    Expr[] bindParameters(Map<String, String> definitions) {
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

    static Expr parseBound(String where, String text, ToIntFunction<String> slots) {
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
    Kinetics evaluate(Expr[] paramExprs) {
        return new Kinetics(this, paramExprs);
    }

    /** Compiles a model definition; throws IllegalArgumentException naming the offending part. */
    static CompiledModel compile(String name, List<Compartment> compartments, Map<String, String> parameters,
                                 List<Transfer> transfers, List<Output> outputs, List<Integral> integrals) {
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
        Term[] terms;
        CustomTerm[] customs;
        Expr[] outputExpr;
        Expr[] outputMass;
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

        /** Column names of NanoPK's CSV files besides the states and outputs. */
        private static final Set<String> CSV_COLUMNS = Set.of("time", "id", "evid");

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

        /**
         * States and outputs are also CSV columns: one named like the files' own columns (time; ID, TIME,
         * EVID, in any case) would write a file with two such columns.
         */
        private static void claimColumn(String n, String what) {
            if (CSV_COLUMNS.contains(n.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(what + " '" + n + "': the name is a column of NanoPK's CSV files ("
                    + "time; ID, TIME, EVID); expected another name");
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
                claimColumn(n, "compartments[" + i + "]");
                stateIndex.put(n, compartmentNames.size());
                compartmentNames.add(n);
            }
            for (int i = 0; i < ints.size(); i++) {
                String n = ints.get(i).name();
                claim(owners, n, "integrals." + n);
                claimColumn(n, "integral");
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
                claimColumn(n, "output");
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

            List<Term> ts = new ArrayList<>();
            List<CustomTerm> cs = new ArrayList<>();
            for (int i = 0; i < transfers.size(); i++) {
                transfer(i, transfers.get(i), ts, cs);
            }
            for (int k = 0; k < ints.size(); k++) {
                Integral in = ints.get(k);
                Expr e = parseBound("integrals." + in.name(), in.rate(), shell::envSlot);
                ts.add(new Term("integrals." + in.name(), null, -1, nc + k, new Expr[0], e, np, ns));
            }
            terms = ts.toArray(new Term[0]);
            customs = cs.toArray(new CustomTerm[0]);

            outputExpr = new Expr[outs.size()];
            outputMass = new Expr[outs.size()];
            for (int k = 0; k < outs.size(); k++) {
                Output o = outs.get(k);
                outputExpr[k] = parseBound("outputs." + o.name(), o.expression(), shell::envSlot);
                outputMass[k] = paramField("outputs." + o.name() + (o.mass() != null ? ".mass" : ".volume"), o.size());
            }
            return new CompiledModel(this);
        }

        private Expr paramField(String where, String text) {
            return text == null ? null : parseBound(where, text, shell::paramSlotOnly);
        }

        /** Instantiates a transfer's law: its template with the roles and fields bound to this model. */
        private void transfer(int i, Transfer t, List<Term> ts, List<CustomTerm> cs) {
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
            if (law.template() == null) {
                cs.add(new CustomTerm(label, from, to, ((RateLaw.Custom) law).function()));
                return;
            }
            if (law.readsModelNames()) {
                Expr e = parseBound(where + ".law.rate", law.template(), shell::envSlot);
                ts.add(new Term(label, law, from, to, new Expr[0], e, np, ns));
                return;
            }
            List<String> fieldNames = law.fieldNames();
            List<String> values = law.fieldValues();
            Map<String, Expr> fields = new HashMap<>();
            Expr[] bound = new Expr[fieldNames.size()];
            for (int f = 0; f < bound.length; f++) {
                bound[f] = parseBound(where + ".law." + fieldNames.get(f), values.get(f), shell::paramSlotOnly);
                fields.put(fieldNames.get(f), bound[f]);
            }
            Expr e = Expr.parse(law.template()).substitute(role -> switch (role) {
                case "A" -> Expr.slot(role, np + from);
                case "A_to" -> Expr.slot(role, np + to);
                case "V_from" -> requireVolume(label, from);
                case "V_to" -> requireVolume(label, to);
                case "t" -> Expr.slot(role, np + ns);
                default -> {
                    Expr f = fields.get(role);
                    if (f == null) {
                        throw new IllegalStateException(label + ": template " + law.template()
                            + " names '" + role + "', which is neither a role nor a field");
                    }
                    yield f;
                }
            });
            ts.add(new Term(label, law, from, to, bound, e, np, ns));
        }

        private Expr requireVolume(String label, int c) {
            if (volume[c] == null) {
                throw new IllegalArgumentException(label + ": compartment '" + compartmentNames.get(c)
                    + "' has no volume; the law needs one (give the compartment a volume in mL)");
            }
            return volume[c];
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
            Deque<Iterator<String>> pending = new ArrayDeque<>();
            state[paramIndex.get(root)] = 1;
            path.add(root);
            pending.push(deps.get(root).iterator());
            while (!pending.isEmpty()) {
                Iterator<String> it = pending.peek();
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
