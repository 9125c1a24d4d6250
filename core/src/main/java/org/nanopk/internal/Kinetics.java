package org.nanopk.internal;

import org.nanopk.Parameters;
import org.nanopk.RateLaw;

/**
 * The numbers of one parameter set, laid out for the hot loop: every transfer's coefficients in
 * primitive arrays grouped by rate law (flow and permeability become first-order terms), compartment
 * volumes, masses and dose modifiers, and the constant part of the Jacobian. Immutable and shared by
 * all threads. Internal.
 */
public final class Kinetics {
    final CompiledModel model;
    final double[] params;
    private volatile Parameters parameters;
    final double[] volume;      // mL; NaN if absent
    final double[] mass;        // g; NaN if absent (then the volume is used, density 1)
    final double[] f;           // bioavailability, default 1
    final double[] lag;         // h, default 0
    final double[] duration;    // h, NaN if absent
    final double[] rate;        // amount/h, NaN if absent
    final double[] outputMass;  // g, NaN if absent

    // first-order terms: rate = linK * y[linFrom]
    final int[] linFrom;
    final int[] linTo;
    final double[] linK;
    /** ∂f/∂y of the first-order terms, row-major: the constant part of every Jacobian. */
    final double[] linJacobian;
    /** The same matrix in compressed rows, for the right-hand side: f_i += Σ linVal[e]·y[linCol[e]]. */
    final int[] linRowStart;
    final int[] linCol;
    final double[] linVal;
    // zero order: rate = zRate
    final int[] zFrom;
    final int[] zTo;
    final double[] zRate;
    // Michaelis-Menten: vmax*A/(km+A)
    final int[] mmFrom;
    final int[] mmTo;
    final double[] mmVmax;
    final double[] mmKm;
    // Hill: vmax*A^n/(k50^n+A^n)
    final int[] hFrom;
    final int[] hTo;
    final double[] hVmax;
    final double[] hK50n;
    final double[] hN;
    // capacity: kmax*(1-A_to/cap)*A
    final int[] capFrom;
    final int[] capTo;
    final double[] capKmax;
    final double[] capCap;
    // bimolecular: k*A*(cap-A_to)
    final int[] biFrom;
    final int[] biTo;
    final double[] biK;
    final double[] biCap;
    // Hill in time: kmax*t^n/(t50^n+t^n)*A
    final int[] htFrom;
    final int[] htTo;
    final double[] htKmax;
    final double[] htT50n;
    final double[] htN;
    /** Results solvers keep for this parameter set (matrix exponentials by step length). */
    final java.util.concurrent.ConcurrentMap<Object, Object> solverCache = new java.util.concurrent.ConcurrentHashMap<>();
    // expression and custom laws
    final CompiledModel.LawPlan[] exPlans;
    final CompiledModel.LawPlan[] cuPlans;

    Kinetics(CompiledModel m, Expr[] paramExprs) {
        this.model = m;
        int np = m.np;
        int nc = m.nc;
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

        CompiledModel.LawPlan[] plans = m.plans;
        double[][] fields = new double[plans.length][];
        for (int i = 0; i < plans.length; i++) {
            CompiledModel.LawPlan p = plans[i];
            double[] v = new double[p.fields.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = check(p.fields[k], p.fields[k].eval(params), p.label + ": " + p.law.fieldNames().get(k),
                    strictlyPositive(p.law, k));
            }
            fields[i] = v;
        }
        CompiledModel.Layout lay = m.layout;
        linFrom = lay.linFrom;
        linTo = lay.linTo;
        linK = new double[linFrom.length];
        for (int j = 0; j < linK.length; j++) {
            double[] v = fields[lay.linPlan[j]];
            switch (lay.linKind[j]) {
                case CompiledModel.Layout.FIRST_ORDER:
                    linK[j] = v[0];
                    break;
                case CompiledModel.Layout.FLOW:
                case CompiledModel.Layout.PERMEABILITY_FORWARD:
                    linK[j] = v[0] / volume[linFrom[j]];
                    break;
                default:
                    linK[j] = v[0] / (volume[linFrom[j]] * v[1]);
                    break;
            }
        }
        int n = m.ns;
        linJacobian = new double[n * n];
        for (int j = 0; j < linK.length; j++) {
            linJacobian[linFrom[j] * n + linFrom[j]] -= linK[j];
            linJacobian[linTo[j] * n + linFrom[j]] += linK[j];
        }
        linRowStart = new int[n + 1];
        int nnz = 0;
        for (double v : linJacobian) {
            if (v != 0) {
                nnz++;
            }
        }
        linCol = new int[nnz];
        linVal = new double[nnz];
        int e = 0;
        for (int i = 0; i < n; i++) {
            linRowStart[i] = e;
            for (int j = 0; j < n; j++) {
                double v = linJacobian[i * n + j];
                if (v != 0) {
                    linCol[e] = j;
                    linVal[e++] = v;
                }
            }
        }
        linRowStart[n] = e;
        zFrom = from(plans, lay.zero);
        zTo = to(plans, lay.zero);
        zRate = column(fields, lay.zero, 0);
        mmFrom = from(plans, lay.mm);
        mmTo = to(plans, lay.mm);
        mmVmax = column(fields, lay.mm, 0);
        mmKm = column(fields, lay.mm, 1);
        hFrom = from(plans, lay.hill);
        hTo = to(plans, lay.hill);
        hVmax = column(fields, lay.hill, 0);
        hN = column(fields, lay.hill, 2);
        hK50n = column(fields, lay.hill, 1);
        for (int j = 0; j < hK50n.length; j++) {
            hK50n[j] = Math.pow(hK50n[j], hN[j]);
        }
        capFrom = from(plans, lay.capacity);
        capTo = to(plans, lay.capacity);
        capKmax = column(fields, lay.capacity, 0);
        capCap = column(fields, lay.capacity, 1);
        biFrom = from(plans, lay.bimolecular);
        biTo = to(plans, lay.bimolecular);
        biK = column(fields, lay.bimolecular, 0);
        biCap = column(fields, lay.bimolecular, 1);
        htFrom = from(plans, lay.hillTime);
        htTo = to(plans, lay.hillTime);
        htKmax = column(fields, lay.hillTime, 0);
        htN = column(fields, lay.hillTime, 2);
        htT50n = column(fields, lay.hillTime, 1);
        for (int j = 0; j < htT50n.length; j++) {
            htT50n[j] = Math.pow(htT50n[j], htN[j]);
        }
        exPlans = lay.expression;
        cuPlans = lay.custom;
    }

    /** Fields that must be strictly positive (they divide or are exponents); all others must be >= 0. */
    private static boolean strictlyPositive(RateLaw law, int field) {
        if (law instanceof RateLaw.Permeability || law instanceof RateLaw.MichaelisMenten
            || law instanceof RateLaw.Capacity) {
            return field == 1;
        }
        if (law instanceof RateLaw.Hill || law instanceof RateLaw.HillTime) {
            return field >= 1;
        }
        return false;
    }

    private static int[] from(CompiledModel.LawPlan[] plans, int[] sel) {
        int[] out = new int[sel.length];
        for (int i = 0; i < sel.length; i++) {
            out[i] = plans[sel[i]].from;
        }
        return out;
    }

    private static int[] to(CompiledModel.LawPlan[] plans, int[] sel) {
        int[] out = new int[sel.length];
        for (int i = 0; i < sel.length; i++) {
            out[i] = plans[sel[i]].to;
        }
        return out;
    }

    private static double[] column(double[][] fields, int[] sel, int k) {
        double[] out = new double[sel.length];
        for (int i = 0; i < sel.length; i++) {
            out[i] = fields[sel[i]][k];
        }
        return out;
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
    public CompiledModel model() {
        return model;
    }

    /** The evaluated parameters (created on first use). */
    public Parameters parameters() {
        Parameters p = parameters;
        if (p == null) {
            p = Parameters.of(model.parameters, params);
            parameters = p;
        }
        return p;
    }

    /** Parameter values in declaration order (do not modify). */
    public double[] parameterArray() {
        return params;
    }

    /** Volume of compartment {@code i} in mL, NaN if it has none. */
    public double volume(int i) {
        return volume[i];
    }

    /** Mass of compartment {@code i} in g (its volume at density 1 if no mass is given), NaN if neither. */
    public double mass(int i) {
        return Double.isNaN(mass[i]) ? volume[i] : mass[i];
    }

    /** Mass of output {@code k} in g, NaN if it has none. */
    public double outputMass(int k) {
        return outputMass[k];
    }

    /** Bioavailability F of compartment {@code i}. */
    public double bioavailability(int i) {
        return f[i];
    }

    /** Lag time of compartment {@code i} in h. */
    public double lag(int i) {
        return lag[i];
    }

    /** Modelled infusion duration of compartment {@code i} in h, NaN if none. */
    public double modelledDuration(int i) {
        return duration[i];
    }

    /** Modelled infusion rate of compartment {@code i} in amount/h, NaN if none. */
    public double modelledRate(int i) {
        return rate[i];
    }

    /** A new right-hand side for one solve (it holds mutable infusion inputs). */
    public ModelSystem newSystem() {
        return new ModelSystem(this);
    }
}
