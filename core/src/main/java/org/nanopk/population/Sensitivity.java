package org.nanopk.population;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.random.SobolSequenceGenerator;
import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.internal.Checks;
import org.nanopk.internal.Table;
import org.nanopk.solve.Solver;

/**
 * Which parameters drive a readout (for example tumour delivery at 24 h).
 *
 * <p>{@link #local}: normalized sensitivity coefficients, the relative change of the readout per
 * relative change of each parameter, S = (∂R/R)/(∂θ/θ), by central differences of ±1 % (as in the
 * published nanoparticle PBPK papers). {@link #sobol}: global first-order and total Sobol indices by
 * Saltelli sampling — matrices A and B from a Sobol quasi-random sequence of dimension 2k, the estimators
 * S_i = mean(f(B)·(f(A_B^i) − f(A)))/V (Saltelli et al. 2010) and S_Ti = mean((f(A) − f(A_B^i))²)/(2V)
 * (Jansen 1999), N(k + 2) evaluations. Tables are sorted by influence.
 */
public final class Sensitivity {
    private Sensitivity() {
    }

    /**
     * A table of indices per parameter.
     *
     * @param readout what was analysed
     * @param parameters the parameters
     * @param first first-order index (Sobol) or normalized coefficient (local), per parameter
     * @param total total index (Sobol), NaN for local coefficients
     * @param evaluations the number of model evaluations
     */
    public record Result(String readout, List<String> parameters, double[] first, double[] total, int evaluations) {

        /** The first-order index (or local coefficient) of a parameter. */
        public double first(String parameter) {
            return first[index(parameter)];
        }

        /** The total index of a parameter (NaN for local coefficients). */
        public double total(String parameter) {
            return total[index(parameter)];
        }

        private int index(String parameter) {
            int i = parameters.indexOf(parameter);
            if (i < 0) {
                throw Checks.unknown("parameter", parameter, parameters);
            }
            return i;
        }

        /** The parameters from the most to the least influential. */
        public List<String> ranking() {
            boolean global = !Double.isNaN(total.length > 0 ? total[0] : Double.NaN);
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < parameters.size(); i++) {
                idx.add(i);
            }
            idx.sort(Comparator.comparingDouble(i -> -Math.abs(global ? total[i] : first[i])));
            return idx.stream().map(parameters::get).toList();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && readout.equals(r.readout) && parameters.equals(r.parameters)
                && java.util.Arrays.equals(first, r.first) && java.util.Arrays.equals(total, r.total);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(first) * 31 + parameters.hashCode();
        }

        /** A table sorted by influence. */
        @Override
        public String toString() {
            boolean global = total.length > 0 && !Double.isNaN(total[0]);
            Table t = global ? new Table("parameter", "first-order S", "total ST")
                : new Table("parameter", "normalized sensitivity");
            for (String p : ranking()) {
                int i = parameters.indexOf(p);
                if (global) {
                    t.row(p, String.format(java.util.Locale.ROOT, "%.4f", first[i]),
                        String.format(java.util.Locale.ROOT, "%.4f", total[i]));
                } else {
                    t.row(p, String.format(java.util.Locale.ROOT, "%.4f", first[i]));
                }
            }
            return (global ? "Sobol indices" : "Local sensitivity") + " of " + readout + " (" + evaluations
                + " model evaluations)\n" + t;
        }
    }

    /**
     * Normalized local sensitivity of a readout to each parameter: (R(θ(1+h)) − R(θ(1−h)))/(2h·R(θ)), h = 0.01.
     *
     * @param parameters the parameters (all of the model's if empty)
     */
    public static Result local(Model model, String readoutName, ToDoubleFunction<Simulation> readout, double[] times,
                               List<String> parameters, Solver solver) {
        Checks.notNull("model", model);
        List<String> ps = parameters.isEmpty() ? model.parameters().names() : parameters;
        for (String p : ps) {
            if (!model.parameters().contains(p)) {
                throw Checks.unknown("parameter", p, model.parameters().names());
            }
        }
        double base = readout.applyAsDouble(model.simulate(model.regimen(), times, solver));
        if (!(base != 0 && Double.isFinite(base))) {
            throw new IllegalArgumentException("readout " + readoutName + " = " + base
                + " at the model's parameters; a normalized sensitivity needs a finite, non-zero readout");
        }
        double h = 0.01;
        double[] s = new double[ps.size()];
        IntStream.range(0, ps.size()).parallel().forEach(j -> {
            String p = ps.get(j);
            double v = model.parameter(p);
            if (v == 0) {
                s[j] = 0;
                return;
            }
            double up = eval(model.with(p, v * (1 + h)), readout, times, solver);
            double dn = eval(model.with(p, v * (1 - h)), readout, times, solver);
            s[j] = (up - dn) / (2 * h * base);
        });
        double[] nan = new double[ps.size()];
        java.util.Arrays.fill(nan, Double.NaN);
        return new Result(readoutName, List.copyOf(ps), s, nan, 1 + 2 * ps.size());
    }

    private static double eval(Model m, ToDoubleFunction<Simulation> readout, double[] times, Solver solver) {
        return readout.applyAsDouble(m.simulate(m.regimen(), times, solver));
    }

    /**
     * Sobol indices of any function of k inputs on the unit hypercube (transform inside {@code f}).
     *
     * @param n base sample size N (N(k + 2) evaluations)
     */
    public static Result sobol(String readoutName, List<String> inputs, ToDoubleFunction<double[]> f, int n) {
        int k = inputs.size();
        if (k < 1 || n < 16) {
            throw new IllegalArgumentException("Sobol analysis of " + k + " inputs with N = " + n
                + ": expected at least 1 input and N >= 16");
        }
        SobolSequenceGenerator seq = new SobolSequenceGenerator(2 * k);
        seq.skipTo(1); // skip the origin
        double[][] a = new double[n][];
        double[][] b = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] x = seq.nextVector();
            a[i] = java.util.Arrays.copyOfRange(x, 0, k);
            b[i] = java.util.Arrays.copyOfRange(x, k, 2 * k);
        }
        double[] fa = new double[n];
        double[] fb = new double[n];
        double[][] fab = new double[k][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            fa[i] = f.applyAsDouble(a[i]);
            fb[i] = f.applyAsDouble(b[i]);
            for (int j = 0; j < k; j++) {
                double[] x = a[i].clone();
                x[j] = b[i][j];
                fab[j][i] = f.applyAsDouble(x);
            }
        });
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += fa[i] + fb[i];
        }
        mean /= 2 * n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            var += (fa[i] - mean) * (fa[i] - mean) + (fb[i] - mean) * (fb[i] - mean);
        }
        var /= 2 * n - 1;
        if (!(var > 0)) {
            throw new IllegalArgumentException("the readout " + readoutName + " does not vary over the sample: "
                + "no indices can be computed");
        }
        double[] first = new double[k];
        double[] total = new double[k];
        for (int j = 0; j < k; j++) {
            double s1 = 0;
            double st = 0;
            for (int i = 0; i < n; i++) {
                s1 += fb[i] * (fab[j][i] - fa[i]);
                st += (fa[i] - fab[j][i]) * (fa[i] - fab[j][i]);
            }
            first[j] = s1 / n / var;
            total[j] = st / (2.0 * n) / var;
        }
        return new Result(readoutName, List.copyOf(inputs), first, total, n * (k + 2));
    }

    /**
     * Sobol indices of a model readout, each parameter lognormal around the model's value with
     * coefficient of variation {@code cv} (independent): θ = θ₀·exp(ω·Φ⁻¹(u)), ω² = ln(1 + CV²).
     */
    public static Result sobol(Model model, String readoutName, ToDoubleFunction<Simulation> readout, double[] times,
                               List<String> parameters, double cv, int n, Solver solver) {
        Checks.positive("CV", cv);
        List<String> ps = parameters.isEmpty() ? model.parameters().names() : parameters;
        for (String p : ps) {
            if (!model.parameters().contains(p)) {
                throw Checks.unknown("parameter", p, model.parameters().names());
            }
        }
        double omega = Math.sqrt(Math.log(1 + cv * cv));
        NormalDistribution normal = new NormalDistribution(0, 1);
        return sobol(readoutName, ps, u -> {
            Map<String, Double> v = new LinkedHashMap<>();
            for (int j = 0; j < ps.size(); j++) {
                double z = normal.inverseCumulativeProbability(Math.min(Math.max(u[j], 1e-12), 1 - 1e-12));
                v.put(ps.get(j), model.parameter(ps.get(j)) * Math.exp(omega * z));
            }
            return eval(model.with(v), readout, times, solver);
        }, n);
    }
}
