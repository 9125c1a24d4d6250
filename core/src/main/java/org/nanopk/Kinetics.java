package org.nanopk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.nanopk.internal.Checks;
import org.nanopk.internal.Expr;

/**
 * The numbers of one parameter set, laid out for the hot loop: the linear terms of every rate as one
 * sparse matrix and a constant input, the other terms as expressions specialised to these parameters
 * (every parameter-only subexpression folded to a number), compartment volumes, masses and dose
 * modifiers. Immutable (the generated kernel is a cache made on demand) and shared by all threads.
 */
final class Kinetics {
    final CompiledModel model;
    private final double[] params;
    private volatile Parameters parameters;
    private final double[] volume;      // mL; NaN if absent
    private final double[] mass;        // g; NaN if absent (then the volume is used, density 1)
    private final double[] f;           // bioavailability, default 1
    private final double[] lag;         // h, default 0
    private final double[] duration;    // h, NaN if absent
    private final double[] rate;        // amount/h, NaN if absent
    private final double[] outputMass;  // g, NaN if absent

    /** ∂f/∂y of the linear terms, row-major: the constant part of every Jacobian. */
    final double[] linJacobian;
    /**
     * The same matrix on the structure's compressed rows ({@code model.linRowStart}, {@code model.linCol}),
     * for the right-hand side: f_i += Σ linVal[e]·y[linCol[e]].
     */
    final double[] linVal;
    /** The constant part of the linear terms (zero-order rates), per state; null if there is none. */
    final double[] linConst;

    // the other terms, specialised to these parameters; from = -1 for integrals
    final int[] nlFrom;
    final int[] nlTo;
    final Expr[] nlRate;
    final int[][] nlDeps;
    final Expr[][] nlPartials;
    final Expr[] nlDt;
    /** True when some term needs the environment (parameters, states, t) to be evaluated. */
    final boolean usesEnv;
    /** The generated right-hand side of these parameters once made (see {@link #kernelForSolve()}). */
    private volatile Kernel kernel;
    /** The constant rates per state (zero order), for the generated code's constants. */
    private final double[] constantRates;

    /** Results solvers keep for this parameter set (matrix exponentials by step length). */
    final ConcurrentMap<Object, Object> solverCache = new ConcurrentHashMap<>();

    Kinetics(CompiledModel m, Expr[] paramExprs) {
        this.model = m;
        int np = m.np;
        int nc = m.nc;
        int n = m.ns;
        if (paramExprs.length != np) {
            throw new IllegalStateException("parameter count mismatch");
        }
        params = new double[np];
        for (int i : m.paramOrder) {
            double v = paramExprs[i].eval(params);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("parameters." + m.parameters.get(i) + " = " + paramExprs[i]
                    + " evaluates to " + v + ": expected a finite number");
            }
            params[i] = v;
        }

        volume = new double[nc];
        mass = new double[nc];
        f = new double[nc];
        lag = new double[nc];
        duration = new double[nc];
        rate = new double[nc];
        for (int i = 0; i < nc; i++) {
            volume[i] = optional(m.volume[i], i, "volume", Double.NaN, true);
            mass[i] = optional(m.mass[i], i, "mass", Double.NaN, true);
            f[i] = optional(m.bioavailability[i], i, "bioavailability", 1, false);
            lag[i] = optional(m.lag[i], i, "lag", 0, false);
            duration[i] = optional(m.duration[i], i, "duration", Double.NaN, true);
            rate[i] = optional(m.rate[i], i, "rate", Double.NaN, true);
        }
        outputMass = new double[m.outputExpr.length];
        for (int k = 0; k < outputMass.length; k++) {
            Expr e = m.outputMass[k];
            outputMass[k] = e == null ? Double.NaN
                : check(e, e.eval(params), "outputs." + m.outputs.get(k) + ".mass", true);
        }

        // every law's fields in their ranges; linear terms into the matrix, the others specialised
        double[] env = new double[m.envSize()];
        System.arraycopy(params, 0, env, 0, np);
        linJacobian = new double[n * n];
        double[] constant = new double[n];
        boolean anyConstant = false;
        List<CompiledModel.Term> nonlinear = new ArrayList<>();
        for (CompiledModel.Term t : m.terms) {
            if (t.law != null) {
                List<String> names = t.law.fieldNames();
                for (int k = 0; k < t.fields.length; k++) {
                    check(t.fields[k], t.fields[k].eval(params), t.label + ": " + names.get(k),
                        t.law.positiveFields().contains(names.get(k)));
                }
            }
            if (!t.linear) {
                nonlinear.add(t);
                continue;
            }
            for (int s = 0; s < t.deps.length; s++) {
                double c = t.partials[s].eval(env);
                if (t.from >= 0) {
                    linJacobian[t.from * n + t.deps[s]] -= c;
                }
                linJacobian[t.to * n + t.deps[s]] += c;
            }
            double b = t.rate.eval(env); // states are 0 in env: the constant part
            if (b != 0) {
                anyConstant = true;
                if (t.from >= 0) {
                    constant[t.from] -= b;
                }
                constant[t.to] += b;
            }
        }
        linConst = anyConstant ? constant : null;
        linVal = new double[m.linCol.length];
        for (int i = 0; i < n; i++) {
            for (int e = m.linRowStart[i]; e < m.linRowStart[i + 1]; e++) {
                linVal[e] = linJacobian[i * n + m.linCol[e]];
            }
        }

        int k = nonlinear.size();
        nlFrom = new int[k];
        nlTo = new int[k];
        nlRate = new Expr[k];
        nlDeps = new int[k][];
        nlPartials = new Expr[k][];
        nlDt = new Expr[k];
        for (int j = 0; j < k; j++) {
            CompiledModel.Term t = nonlinear.get(j);
            nlFrom[j] = t.from;
            nlTo[j] = t.to;
            nlRate[j] = t.rate.fold(params, np);
            nlDeps[j] = t.deps;
            nlPartials[j] = new Expr[t.partials.length];
            for (int s = 0; s < t.partials.length; s++) {
                nlPartials[j][s] = t.partials[s].fold(params, np);
            }
            nlDt[j] = t.dt == null ? null : t.dt.fold(params, np);
        }
        usesEnv = k > 0;
        constantRates = constant;
    }

    /**
     * The generated right-hand side of these parameters for one solve, or null to interpret: made when
     * the structure's code exists (see {@link CompiledModel#kernelForSolve()}), then kept.
     */
    Kernel kernelForSolve() {
        Kernel g = kernel;
        if (g == null) {
            KernelCompiler.Plan plan = model.kernelForSolve();
            if (plan != null) {
                g = plan.instantiate(kernelConstants(plan, constantRates));
                kernel = g; // a race makes two equal kernels: harmless
            }
        }
        return g;
    }

    /** The generated class's constants for this parameter set, in its order. */
    private double[] kernelConstants(KernelCompiler.Plan plan, double[] constantRates) {
        List<KernelCompiler.Constant> cs = plan.constants();
        double[] v = new double[cs.size()];
        for (int j = 0; j < v.length; j++) {
            KernelCompiler.Constant c = cs.get(j);
            v[j] = c.linearEntry() >= 0 ? linVal[c.linearEntry()]
                : c.constantRow() >= 0 ? constantRates[c.constantRow()] : c.expression().eval(params);
        }
        return v;
    }

    private double optional(Expr e, int compartment, String field, double absent, boolean strictlyPositive) {
        if (e == null) {
            return absent;
        }
        return check(e, e.eval(params), "compartments[" + compartment + "] (" + model.compartments.get(compartment)
            + ")." + field, strictlyPositive);
    }

    private static double check(Expr e, double v, String where, boolean strictlyPositive) {
        boolean ok = strictlyPositive ? v > 0 && v < Double.POSITIVE_INFINITY : v >= 0 && v < Double.POSITIVE_INFINITY;
        if (!ok) {
            throw new IllegalArgumentException(where + " = " + (e.isConstant() ? Checks.g(v) : e + " = " + Checks.g(v))
                + ": expected a finite number " + (strictlyPositive ? "> 0" : ">= 0"));
        }
        return v;
    }

    /** The compiled structure. */
    CompiledModel model() {
        return model;
    }

    /** The evaluated parameters (created on first use). */
    Parameters parameters() {
        Parameters p = parameters;
        if (p == null) {
            p = Parameters.of(model.parameters, params);
            parameters = p;
        }
        return p;
    }

    /** Parameter value {@code i}, in declaration order. */
    double parameter(int i) {
        return params[i];
    }

    /** Copies the parameter values into {@code env[0..np)}: the head of an expression environment. */
    void loadParameters(double[] env) {
        System.arraycopy(params, 0, env, 0, params.length);
    }

    /** Volume of compartment {@code i} in mL, NaN if it has none. */
    double volume(int i) {
        return volume[i];
    }

    /** Mass of compartment {@code i} in g (its volume at density 1 if no mass is given), NaN if neither. */
    double mass(int i) {
        return Double.isNaN(mass[i]) ? volume[i] : mass[i];
    }

    /** Mass of output {@code k} in g, NaN if it has none. */
    double outputMass(int k) {
        return outputMass[k];
    }

    /** Bioavailability F of compartment {@code i}. */
    double bioavailability(int i) {
        return f[i];
    }

    /** Lag time of compartment {@code i} in h. */
    double lag(int i) {
        return lag[i];
    }

    /** Modelled infusion duration of compartment {@code i} in h, NaN if none. */
    double modelledDuration(int i) {
        return duration[i];
    }

    /** Modelled infusion rate of compartment {@code i} in amount/h, NaN if none. */
    double modelledRate(int i) {
        return rate[i];
    }

    /** A new right-hand side for one solve (it holds mutable infusion inputs). */
    ModelSystem newSystem() {
        return new ModelSystem(this);
    }
}
