package org.nanopk.benchmarks;

import org.nanopk.Model;
import org.nanopk.RateLaw;
import org.nanopk.Simulation;
import org.nanopk.Times;
import org.nanopk.mechanism.Presets;
import org.nanopk.solve.Solver;

/** The benchmark problems (NP9, NP9-stiff, NP9-linear; see {@code Presets}), their output grids and high-accuracy references. */
final class Problems {
    private Problems() {
    }

    /** NP9 outputs: every hour from 0 to 168 h. */
    static final double[] HOURLY = Times.grid(0, 168, 1);

    /** NP9 with its saturable uptakes replaced by their linear limits (VmL/KmL, VmS/KmS): the exact solver applies. */
    static Model np9Linear() {
        Model np9 = Presets.np9();
        Model.Builder b = Model.builder("NP9-linear");
        np9.compartments().forEach(b::compartment);
        np9.parameterDefinitions().forEach(b::parameter);
        np9.transfers().forEach(t -> b.transfer(t.from(), t.to(), t.law() instanceof RateLaw.MichaelisMenten mm
            ? RateLaw.firstOrder(mm.vmax() + "/" + mm.km()) : t.law()));
        np9.outputs().forEach(b::output);
        return b.regimen(np9.regimen()).build();
    }

    /**
     * A random sparse compartment model of {@code n} states, n − 1 compartments and a sink: a cycle i → i+1 (one strongly
     * connected body), one more transfer from each compartment to a random other, and elimination from
     * every tenth; first-order rate constants log-uniform over 0.01–10 /h (stiff), every seventh transfer
     * saturable (Michaelis–Menten, Km = 5). 100 units dosed into compartment 0. About 2.1·n transfers.
     */
    static Model randomSparse(int states, long seed) {
        int n = states - 1;
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        Model.Builder b = Model.builder("random-" + n);
        for (int i = 0; i < n; i++) {
            b.compartment("c" + i);
        }
        b.sink("out");
        int[] count = {0};
        java.util.function.BiConsumer<String, String> transfer = (from, to) -> {
            int k = count[0]++;
            double rate = Math.pow(10, -2 + 3 * r.nextDouble());
            b.parameter("k" + k, rate);
            if (k % 7 == 6) {
                b.parameter("km" + k, 5.0);
                b.transfer(from, to, RateLaw.michaelisMenten("k" + k + "*5", "km" + k));
            } else {
                b.firstOrder(from, to, "k" + k);
            }
        };
        for (int i = 0; i < n; i++) {
            transfer.accept("c" + i, "c" + ((i + 1) % n));
            int j = r.nextInt(n - 1);
            transfer.accept("c" + i, "c" + (j >= i ? j + 1 : j));
            if (i % 10 == 0) {
                transfer.accept("c" + i, "out");
            }
        }
        return b.dose(org.nanopk.Dose.bolus("c0", 100)).build();
    }

    /**
     * A random whole-body-like model of about {@code states} states: arterial and venous blood, and organs
     * each with a vascular, a tissue and a phagocyte compartment (flow artery → vascular → vein,
     * exchange vascular ↔ tissue, uptake tissue → phagocytes, saturable in every third organ, release
     * back), elimination from the vein to a sink; rate constants log-uniform over 0.01–10 /h. Its
     * Jacobian is a hub and spokes, as physiological models are: elimination in minimum-degree order
     * fills only the rows of the two blood pools. 100 units dosed into the vein.
     */
    static Model randomOrgans(int states, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int organs = Math.max(1, (states - 3) / 3);
        Model.Builder b = Model.builder("organs-" + states).compartment("art").compartment("ven").sink("out");
        int[] count = {0};
        java.util.function.BiConsumer<String, String> first = (from, to) -> {
            String k = "k" + count[0]++;
            b.parameter(k, Math.pow(10, -2 + 3 * r.nextDouble()));
            b.firstOrder(from, to, k);
        };
        first.accept("ven", "art");
        first.accept("ven", "out");
        for (int o = 0; o < organs; o++) {
            String v = "v" + o;
            String t = "t" + o;
            String p = "p" + o;
            b.compartment(v).compartment(t).compartment(p);
            first.accept("art", v);
            first.accept(v, "ven");
            first.accept(v, t);
            first.accept(t, v);
            if (o % 3 == 2) {
                String k = "k" + count[0]++;
                b.parameter(k, Math.pow(10, -2 + 3 * r.nextDouble())).parameter("km" + k, 5.0);
                b.transfer(t, p, RateLaw.michaelisMenten(k + "*5", "km" + k));
            } else {
                first.accept(t, p);
            }
            first.accept(p, t);
        }
        return b.dose(org.nanopk.Dose.bolus("ven", 100)).build();
    }

    static Model byName(String name) {
        return switch (name) {
            case "np9" -> Presets.np9();
            case "np9-stiff" -> Presets.np9Stiff();
            case "np9-linear" -> np9Linear();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The initial state after the model's bolus at t = 0 (all NP9 variants: 100 %ID in B). */
    static double[] initialState(Model m) {
        double[] y0 = new double[m.odeSystem().dimension()];
        y0[m.indexOf("B")] = 100;
        return y0;
    }

    /** The reference: Rodas5P at rtol 1e-12, atol 1e-14. */
    static double[][] reference(Model m, double[] times) {
        Simulation s = m.simulate(m.regimen(), times, Solver.stiff().withTolerances(1e-12, 1e-14));
        double[][] out = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            out[i] = new double[m.compartments().size()];
            for (int c = 0; c < out[i].length; c++) {
                out[i][c] = s.value(m.compartments().get(c).name(), i);
            }
        }
        return out;
    }

    /** The largest relative error over the outputs whose reference value is at least {@code floor}. */
    static double maxRelativeError(double[][] result, double[][] reference, double floor) {
        double max = 0;
        for (int i = 0; i < reference.length; i++) {
            for (int c = 0; c < reference[i].length; c++) {
                double r = reference[i][c];
                if (Math.abs(r) >= floor) {
                    max = Math.max(max, Math.abs(result[i][c] - r) / Math.abs(r));
                }
            }
        }
        return max;
    }

    /** The states of a NanoPK simulation as an array [time][compartment]. */
    static double[][] states(Simulation s) {
        Model m = s.model();
        double[][] out = new double[s.size()][m.compartments().size()];
        for (int c = 0; c < m.compartments().size(); c++) {
            double[] v = s.amount(m.compartments().get(c).name()).values();
            for (int i = 0; i < v.length; i++) {
                out[i][c] = v[i];
            }
        }
        return out;
    }
}
