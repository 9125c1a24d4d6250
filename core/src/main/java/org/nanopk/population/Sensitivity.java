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
        requireDesign(k, n);
        return indices(readoutName, List.copyOf(inputs), n, List.of(evaluate(f, k, n, 0, n)));
    }

    private static void requireDesign(int k, int n) {
        if (k < 1 || n < 16) {
            throw new IllegalArgumentException("Sobol analysis of " + k + " inputs with N = " + n
                + ": expected at least 1 input and N >= 16");
        }
        Budget.require(8.0 * n * (3.0 * k + 2) + 48.0 * n, "a Sobol design of N = " + n + " for " + k + " inputs ("
            + (long) n * (k + 2) + " evaluations)", "use a smaller N");
    }

    /**
     * The evaluations of rows {@code [from, to)} of a Sobol design: row i is point i + 1 of the Sobol
     * sequence of dimension 2k, its halves A_i and B_i; its k + 2 values are f(A_i), f(B_i) and f(A_B^j),
     * A_i with input j taken from B_i. A row is the same wherever it is computed.
     */
    private static Evaluations evaluate(ToDoubleFunction<double[]> f, int k, int n, int from, int to) {
        if (from < 0 || to > n || from >= to) {
            throw new IllegalArgumentException("Sobol design rows [" + from + ", " + to + ") of N = " + n
                + ": expected 0 <= from < to <= " + n);
        }
        SobolSequenceGenerator seq = new SobolSequenceGenerator(2 * k);
        seq.skipTo(from + 1); // the origin is skipped
        double[][] points = new double[to - from][];
        for (int i = 0; i < points.length; i++) {
            points[i] = seq.nextVector();
        }
        int w = k + 2;
        double[] values = new double[points.length * w];
        IntStream.range(0, points.length).parallel().forEach(i -> {
            double[] a = java.util.Arrays.copyOfRange(points[i], 0, k);
            double[] b = java.util.Arrays.copyOfRange(points[i], k, 2 * k);
            values[i * w] = f.applyAsDouble(a);
            values[i * w + 1] = f.applyAsDouble(b);
            for (int j = 0; j < k; j++) {
                double[] x = a.clone();
                x[j] = b[j];
                values[i * w + 2 + j] = f.applyAsDouble(x);
            }
        });
        return new Evaluations(from, to, k, values);
    }

    private static Result indices(String readoutName, List<String> inputs, int n, List<Evaluations> parts) {
        int k = inputs.size();
        int w = k + 2;
        List<Evaluations> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt(Evaluations::from));
        double[] v = new double[n * w];
        int next = 0;
        for (Evaluations e : sorted) {
            if (e.inputs() != k || e.from() != next || e.to() > n) {
                throw new IllegalArgumentException("Sobol evaluations of rows [" + e.from() + ", " + e.to() + ") of "
                    + e.inputs() + " inputs; expected rows from " + next + " of N = " + n + " for " + k
                    + " inputs, each row once");
            }
            System.arraycopy(e.values, 0, v, e.from() * w, e.values.length);
            next = e.to();
        }
        if (next != n) {
            throw new IllegalArgumentException("Sobol evaluations up to row " + next + "; expected all N = " + n);
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += v[i * w] + v[i * w + 1];
        }
        mean /= 2 * n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double fa = v[i * w] - mean;
            double fb = v[i * w + 1] - mean;
            var += fa * fa + fb * fb;
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
                double fa = v[i * w];
                double fab = v[i * w + 2 + j];
                s1 += v[i * w + 1] * (fab - fa);
                st += (fa - fab) * (fa - fab);
            }
            first[j] = s1 / n / var;
            total[j] = st / (2.0 * n) / var;
        }
        return new Result(readoutName, inputs, first, total, n * (k + 2));
    }

    /**
     * The readout's values on rows {@code [from, to)} of a Sobol design of {@code inputs} inputs:
     * {@code values[(i − from)(k + 2) + c]} for column c = f(A), f(B), f(A_B^1), …, f(A_B^k). The unit
     * of work a cluster shares out ({@link #evaluate(int, int)}); {@link #indices} puts them together.
     *
     * @param from the first row
     * @param to the row after the last
     * @param inputs k, the number of inputs
     * @param values the values, row by row (copied)
     */
    public record Evaluations(int from, int to, int inputs, double[] values) {
        /** Validates the shape and copies the values in. */
        public Evaluations {
            if (from < 0 || to <= from || inputs < 1) {
                throw new IllegalArgumentException("Sobol evaluations of rows [" + from + ", " + to + ") for "
                    + inputs + " inputs: expected 0 <= from < to and at least 1 input");
            }
            values = Checks.notNull("values", values).clone();
            if (values.length != (long) (to - from) * (inputs + 2)) {
                throw new IllegalArgumentException("Sobol evaluations of " + values.length + " values for rows ["
                    + from + ", " + to + ") of " + inputs + " inputs; expected " + (long) (to - from) * (inputs + 2));
            }
        }

        /** The values (a copy). */
        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Evaluations e && from == e.from && to == e.to && inputs == e.inputs
                && java.util.Arrays.equals(values, e.values);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(values) * 31 + from;
        }

        @Override
        public String toString() {
            return "Sobol evaluations of rows [" + from + ", " + to + ") for " + inputs + " inputs";
        }
    }

    /**
     * Sobol indices of the readout, each parameter lognormal around the model's value with coefficient
     * of variation CV (independent): θ = θ₀·exp(ω·Φ⁻¹(u)), ω² = ln(1 + CV²); N(k + 2) evaluations.
     * The same as {@code indices(List.of(evaluate(0, N)))}.
     */
    public Result sobol() {
        return indices(List.of(evaluate(0, spec.samples())));
    }

    /**
     * The readout on rows {@code [from, to)} of this analysis's Sobol design (N rows, k + 2 simulations
     * each): a part of {@link #sobol()} that can be computed anywhere.
     */
    public Evaluations evaluate(int from, int to) {
        List<String> ps = parameterNames();
        requireDesign(ps.size(), spec.samples());
        Model model = spec.model();
        double omega = Math.sqrt(Math.log(1 + spec.cv() * spec.cv()));
        NormalDistribution normal = new NormalDistribution(0, 1);
        return evaluate(u -> {
            Map<String, Double> v = new LinkedHashMap<>();
            for (int j = 0; j < ps.size(); j++) {
                double z = normal.inverseCumulativeProbability(Math.min(Math.max(u[j], 1e-12), 1 - 1e-12));
                v.put(ps.get(j), model.parameter(ps.get(j)) * Math.exp(omega * z));
            }
            return eval(model.with(v));
        }, ps.size(), spec.samples(), from, to);
    }

    /** The Sobol indices from the evaluations of every row of the design (in any order, each row once). */
    public Result indices(java.util.Collection<Evaluations> parts) {
        Checks.notNull("Sobol evaluations", parts);
        return indices(spec.readoutName(), parameterNames(), spec.samples(), List.copyOf(parts));
    }

    /** The model analysed. */
    public Model model() {
        return spec.model();
    }

    /** The readout's name. */
    public String readoutName() {
        return spec.readoutName();
    }

    /** The readout (a declared {@link Readout} or a function). */
    public ToDoubleFunction<Simulation> readout() {
        return spec.readout();
    }

    /** The output times, h (a copy). */
    public double[] times() {
        return spec.times().clone();
    }

    /** The parameters analysed. */
    public List<String> parameters() {
        return parameterNames();
    }

    /** The CV of every parameter (Sobol). */
    public double cv() {
        return spec.cv();
    }

    /** N, the base sample size (rows of the Sobol design). */
    public int samples() {
        return spec.samples();
    }

    /** The solver. */
    public Solver solver() {
        return spec.solver();
    }

    /** The model, readout, parameters, CV and N of this analysis. */
    @Override
    public String toString() {
        return "Sensitivity of " + spec.readoutName() + " in " + spec.model().name() + " to " + parameterNames()
            + " (Sobol: CV " + Checks.g(spec.cv()) + ", N " + spec.samples() + ")";
    }
}
