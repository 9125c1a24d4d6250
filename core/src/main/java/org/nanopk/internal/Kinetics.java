package org.nanopk.internal;

import java.util.ArrayList;
import java.util.List;

import org.nanopk.Parameters;
import org.nanopk.RateLaw;

/**
 * The numbers of one parameter set, laid out for the hot loop: every transfer's coefficients in
 * primitive arrays grouped by rate law (flow and permeability become first-order terms), compartment
 * volumes, masses and dose modifiers. Immutable and shared by all threads. Internal.
 */
public final class Kinetics {
    final CompiledModel model;
    final double[] params;
    final Parameters parameters;
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
        parameters = Parameters.of(m.parameters, params);

        volume = new double[nc];
        mass = new double[nc];
        f = new double[nc];
        lag = new double[nc];
        duration = new double[nc];
        rate = new double[nc];
        for (int i = 0; i < nc; i++) {
            String w = "compartments[" + i + "] (" + m.compartments.get(i) + ")";
            volume[i] = optional(m.volume[i], w + ".volume", Double.NaN, true);
            mass[i] = optional(m.mass[i], w + ".mass", Double.NaN, true);
            f[i] = optional(m.bioavailability[i], w + ".bioavailability", 1, false);
            lag[i] = optional(m.lag[i], w + ".lag", 0, false);
            duration[i] = optional(m.duration[i], w + ".duration", Double.NaN, true);
            rate[i] = optional(m.rate[i], w + ".rate", Double.NaN, true);
        }
        outputMass = new double[m.outputExpr.length];
        for (int k = 0; k < outputMass.length; k++) {
            outputMass[k] = optional(m.outputMass[k], "outputs." + m.outputs.get(k) + ".mass", Double.NaN, true);
        }

        Group lin = new Group();
        Group zero = new Group();
        Group mm = new Group();
        Group hill = new Group();
        Group cap = new Group();
        Group bi = new Group();
        Group ht = new Group();
        List<CompiledModel.LawPlan> ex = new ArrayList<>();
        List<CompiledModel.LawPlan> cu = new ArrayList<>();
        for (CompiledModel.LawPlan p : m.plans) {
            RateLaw law = p.law;
            if (law instanceof RateLaw.FirstOrder) {
                lin.add(p.from, p.to, field(p, 0, false));
            } else if (law instanceof RateLaw.Flow) {
                lin.add(p.from, p.to, field(p, 0, false) / volume[p.from]);
            } else if (law instanceof RateLaw.Permeability) {
                double pa = field(p, 0, false);
                double part = field(p, 1, true);
                lin.add(p.from, p.to, pa / volume[p.from]);
                lin.add(p.to, p.from, pa / (volume[p.to] * part));
            } else if (law instanceof RateLaw.ZeroOrder) {
                zero.add(p.from, p.to, field(p, 0, false));
            } else if (law instanceof RateLaw.MichaelisMenten) {
                mm.add(p.from, p.to, field(p, 0, false), field(p, 1, true));
            } else if (law instanceof RateLaw.Hill) {
                double vmax = field(p, 0, false);
                double k50 = field(p, 1, true);
                double n = field(p, 2, true);
                hill.add(p.from, p.to, vmax, Math.pow(k50, n), n);
            } else if (law instanceof RateLaw.Capacity) {
                cap.add(p.from, p.to, field(p, 0, false), field(p, 1, true));
            } else if (law instanceof RateLaw.BimolecularCapacity) {
                bi.add(p.from, p.to, field(p, 0, false), field(p, 1, false));
            } else if (law instanceof RateLaw.HillTime) {
                double kmax = field(p, 0, false);
                double t50 = field(p, 1, true);
                double n = field(p, 2, true);
                ht.add(p.from, p.to, kmax, Math.pow(t50, n), n);
            } else if (law instanceof RateLaw.Expression) {
                ex.add(p);
            } else {
                cu.add(p);
            }
        }
        linFrom = lin.from();
        linTo = lin.to();
        linK = lin.col(0);
        zFrom = zero.from();
        zTo = zero.to();
        zRate = zero.col(0);
        mmFrom = mm.from();
        mmTo = mm.to();
        mmVmax = mm.col(0);
        mmKm = mm.col(1);
        hFrom = hill.from();
        hTo = hill.to();
        hVmax = hill.col(0);
        hK50n = hill.col(1);
        hN = hill.col(2);
        capFrom = cap.from();
        capTo = cap.to();
        capKmax = cap.col(0);
        capCap = cap.col(1);
        biFrom = bi.from();
        biTo = bi.to();
        biK = bi.col(0);
        biCap = bi.col(1);
        htFrom = ht.from();
        htTo = ht.to();
        htKmax = ht.col(0);
        htT50n = ht.col(1);
        htN = ht.col(2);
        exPlans = ex.toArray(new CompiledModel.LawPlan[0]);
        cuPlans = cu.toArray(new CompiledModel.LawPlan[0]);
    }

    private double optional(Expr e, String where, double absent, boolean strictlyPositive) {
        if (e == null) {
            return absent;
        }
        double v = e.eval(params);
        boolean ok = strictlyPositive ? v > 0 && v < Double.POSITIVE_INFINITY : v >= 0 && v < Double.POSITIVE_INFINITY;
        if (!ok) {
            throw new IllegalArgumentException(where + " = " + valueText(e, v) + ": expected a finite number "
                + (strictlyPositive ? "> 0" : ">= 0"));
        }
        return v;
    }

    private double field(CompiledModel.LawPlan p, int k, boolean strictlyPositive) {
        double v = p.fields[k].eval(params);
        boolean ok = strictlyPositive ? v > 0 && v < Double.POSITIVE_INFINITY : v >= 0 && v < Double.POSITIVE_INFINITY;
        if (!ok) {
            throw new IllegalArgumentException(p.label + ": " + p.law.fieldNames().get(k) + " = "
                + valueText(p.fields[k], v) + ": expected a finite number " + (strictlyPositive ? "> 0" : ">= 0"));
        }
        return v;
    }

    private static String valueText(Expr e, double v) {
        return e.isConstant() ? Checks.g(v) : e + " = " + Checks.g(v);
    }

    /** The compiled structure. */
    public CompiledModel model() {
        return model;
    }

    /** The evaluated parameters. */
    public Parameters parameters() {
        return parameters;
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

    /** Accumulates one law group's indices and coefficient columns. */
    private static final class Group {
        final List<int[]> idx = new ArrayList<>();
        final List<double[]> vals = new ArrayList<>();

        void add(int from, int to, double... v) {
            idx.add(new int[] {from, to});
            vals.add(v);
        }

        int[] from() {
            return idx.stream().mapToInt(a -> a[0]).toArray();
        }

        int[] to() {
            return idx.stream().mapToInt(a -> a[1]).toArray();
        }

        double[] col(int k) {
            return vals.stream().mapToDouble(a -> a[k]).toArray();
        }
    }
}
