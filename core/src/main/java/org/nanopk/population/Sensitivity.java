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
import org.nanopk.internal.Budget;
import org.nanopk.internal.Checks;
import org.nanopk.Table;
import org.nanopk.solve.Solver;

/**
 * Which parameters drive a readout (for example tumour delivery at 24 h).
 *
 * <p>{@link #local}: normalized sensitivity coefficients, the relative change of the readout per
 * relative change of each parameter, S = (∂R/R)/(∂θ/θ), by central differences of ±1 % (as in the
 * published nanoparticle PBPK papers). {@link #sobol()}: global first-order and total Sobol indices by
 * Saltelli sampling — matrices A and B from a Sobol quasi-random sequence of dimension 2k, the estimators
 * S_i = mean(f(B)·(f(A_B^i) − f(A)))/V (Saltelli et al. 2010) and S_Ti = mean((f(A) − f(A_B^i))²)/(2V)
 * (Jansen 1999), N(k + 2) evaluations. Tables are sorted by influence.
 */
public final class Sensitivity {
    /** The default relative step of local coefficients. */
    static final double STEP = 0.01;

    /** Everything an analysis is configured with. */
    private record Spec(Model model, String readoutName, ToDoubleFunction<Simulation> readout, double[] times,
                        List<String> parameters, double cv, int samples, Solver solver) {
        Spec with(java.util.function.Consumer<Builder> change) {
            Builder b = new Builder(this);
            change.accept(b);
            return b.build();
        }
    }

    /** A changed copy of a spec (private: the algorithm's fields stay final). */
    private static final class Builder {
        private final Model model;
        private final String readoutName;
        private final ToDoubleFunction<Simulation> readout;
        double[] times;
        List<String> parameters;
        double cv;
        int samples;
        Solver solver;

        Builder(Spec s) {
            model = s.model();
            readoutName = s.readoutName();
            readout = s.readout();
            times = s.times();
            parameters = s.parameters();
            cv = s.cv();
            samples = s.samples();
            solver = s.solver();
        }

        Spec build() {
            return new Spec(model, readoutName, readout, times, parameters, cv, samples, solver);
        }
    }

    private final Spec spec;

    private Sensitivity(Spec spec) {
        this.spec = spec;
    }

    /**
     * An analysis of {@code readout} (one number per simulation of {@code model}'s own regimen), with
     * the model's output times 0 and 24 h, every parameter, CV 0.3, N = 512 and the automatic solver
     * until changed.
     *
     * @param readoutName what the readout is, for tables (e.g. "DE24")
     */
    public static Sensitivity of(Model model, String readoutName, ToDoubleFunction<Simulation> readout) {
        Checks.notNull("model", model);
        Checks.notNull("readout name", readoutName);
        Checks.notNull("readout", readout);
        return new Sensitivity(new Spec(model, readoutName, readout, new double[] {0, 24}, List.of(), 0.3, 512,
            Solver.auto()));
    }

    /** This analysis with output times {@code times} (h, increasing): those the readout reads. */
    public Sensitivity withTimes(double... times) {
        double[] t = Checks.notNull("times", times).clone();
        return new Sensitivity(spec.with(b -> b.times = t));
    }

    /** This analysis of the named parameters (all of the model's if none). */
    public Sensitivity withParameters(String... names) {
        Checks.notNull("parameters", names);
        for (String p : names) {
            if (!spec.model().parameters().contains(p)) {
                throw Checks.unknown("parameter", p, spec.model().parameters().names());
            }
        }
        List<String> ps = List.of(names);
        return new Sensitivity(spec.with(b -> b.parameters = ps));
    }

    /** This analysis with every parameter lognormal with coefficient of variation {@code cv} (Sobol only). */
    public Sensitivity withCv(double cv) {
        Checks.positive("CV", cv);
        return new Sensitivity(spec.with(b -> b.cv = cv));
    }

    /** This analysis with base sample size N (Sobol: N(k + 2) model evaluations; at least 16). */
    public Sensitivity withSamples(int n) {
        if (n < 16) {
            throw new IllegalArgumentException("Sobol sample size N = " + n + ": expected at least 16");
        }
        return new Sensitivity(spec.with(b -> b.samples = n));
    }

    /** This analysis solved with {@code s}. */
    public Sensitivity withSolver(Solver s) {
        Checks.notNull("solver", s);
        return new Sensitivity(spec.with(b -> b.solver = s));
    }

    private List<String> parameterNames() {
        return spec.parameters().isEmpty() ? spec.model().parameters().names() : spec.parameters();
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
        /** Copies the lists and arrays in. */
        public Result {
            parameters = List.copyOf(parameters);
            first = first.clone();
            total = total.clone();
        }

        /** First-order indices (or local coefficients), per parameter (a copy). */
        @Override
        public double[] first() {
            return first.clone();
        }

        /** Total indices, per parameter; NaN for local coefficients (a copy). */
        @Override
        public double[] total() {
            return total.clone();
        }

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
            Table.Builder t = global ? Table.builder("parameter", "first-order S", "total ST")
                : Table.builder("parameter", "normalized sensitivity");
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
     * Normalized local sensitivity of the readout to each parameter: (R(θ(1+h)) − R(θ(1−h)))/(2h·R(θ)),
     * h = 0.01 (central differences; 1 + 2k model evaluations).
     *
     * @throws IllegalArgumentException if the readout is 0 or not finite at the model's parameters
     */
    public Result local() {
        Model model = spec.model();
        List<String> ps = parameterNames();
        double base = eval(model);
        if (!(base != 0 && Double.isFinite(base))) {
            throw new IllegalArgumentException("readout " + spec.readoutName() + " = " + base
                + " at the model's parameters; a normalized sensitivity needs a finite, non-zero readout");
        }
        double[] s = new double[ps.size()];
        IntStream.range(0, ps.size()).parallel().forEach(j -> {
            String p = ps.get(j);
            double v = model.parameter(p);
            if (v == 0) {
                s[j] = 0;
                return;
            }
            double up = eval(model.with(p, v * (1 + STEP)));
            double dn = eval(model.with(p, v * (1 - STEP)));
            s[j] = (up - dn) / (2 * STEP * base);
        });
        double[] nan = new double[ps.size()];
        java.util.Arrays.fill(nan, Double.NaN);
        return new Result(spec.readoutName(), ps, s, nan, 1 + 2 * ps.size());
    }

    private double eval(Model m) {
        return spec.readout().applyAsDouble(m.simulate(m.regimen(), spec.times(), spec.solver()));
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
        Budget.require(8.0 * n * (3.0 * k + 2) + 48.0 * n, "a Sobol design of N = " + n + " for " + k + " inputs ("
            + (long) n * (k + 2) + " evaluations)", "use a smaller N");
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
     * Sobol indices of the readout, each parameter lognormal around the model's value with coefficient
     * of variation CV (independent): θ = θ₀·exp(ω·Φ⁻¹(u)), ω² = ln(1 + CV²); N(k + 2) evaluations.
     */
    public Result sobol() {
        Model model = spec.model();
        List<String> ps = parameterNames();
        double omega = Math.sqrt(Math.log(1 + spec.cv() * spec.cv()));
        NormalDistribution normal = new NormalDistribution(0, 1);
        return sobol(spec.readoutName(), ps, u -> {
            Map<String, Double> v = new LinkedHashMap<>();
            for (int j = 0; j < ps.size(); j++) {
                double z = normal.inverseCumulativeProbability(Math.min(Math.max(u[j], 1e-12), 1 - 1e-12));
                v.put(ps.get(j), model.parameter(ps.get(j)) * Math.exp(omega * z));
            }
            return eval(model.with(v));
        }, spec.samples());
    }

    /** The model, readout, parameters, CV and N of this analysis. */
    @Override
    public String toString() {
        return "Sensitivity of " + spec.readoutName() + " in " + spec.model().name() + " to " + parameterNames()
            + " (Sobol: CV " + Checks.g(spec.cv()) + ", N " + spec.samples() + ")";
    }
}
