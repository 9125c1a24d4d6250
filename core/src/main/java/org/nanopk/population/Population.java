package org.nanopk.population;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.nanopk.Model;
import org.nanopk.PkException;
import org.nanopk.Schedule;
import org.nanopk.Simulation;
import org.nanopk.Table;
import org.nanopk.fit.ErrorModel;
import org.nanopk.internal.Arrays2;
import org.nanopk.internal.Budget;
import org.nanopk.internal.Checks;
import org.nanopk.internal.Csv;
import org.nanopk.internal.SafeFiles;
import org.nanopk.solve.Solver;

/**
 * A virtual population: a model plus a distribution of its parameters. Subject i has
 * θ_i = θ·exp(η_i) for the parameters with variability, η_i ~ N(0, Ω) (lognormal between-subject
 * variability; Ω from CVs, ω's, correlations or a covariance matrix, sampled through its Cholesky
 * factor), optionally scaled by a body weight covariate, θ_i ·= (BW_i/BW_median)^exponent
 * (allometry). Random numbers come from Apache Commons RNG: subject i draws from its own generator,
 * seeded from the population seed and i, so the same seed gives the same subjects on any number of
 * threads. Immutable.
 *
 * <pre>{@code
 * Population pop = Population.of(Presets.np9()).withVariability("kEPR", 0.3).withVariability("VmL", 0.3)
 *     .withSeed(42);
 * Population.Summary s = pop.study(Times.grid(0, 168, 1)).track("Tumor")
 *     .readout("DE24", sim -> sim.percentId("Tumor").at(24)).run(100_000);
 * }</pre>
 * Studies simulate subjects in parallel and stream them into quantile sketches: a million subjects
 * never hold a million trajectories in memory.
 */
public final class Population {
    /** Everything a population is configured with. */
    private record Spec(Model model, List<String> names, double[][] omega, double bwMedian, double bwCv,
                        Map<String, Double> allometry, ErrorModel residual, long seed, int threads, Solver solver) {
        Spec with(java.util.function.Consumer<Builder> change) {
            Builder b = new Builder(this);
            change.accept(b);
            return b.build();
        }
    }

    /** A changed copy of a spec (private: the population's fields stay final). */
    private static final class Builder {
        private final Model model;
        List<String> names;
        double[][] omega;
        double bwMedian;
        double bwCv;
        Map<String, Double> allometry;
        ErrorModel residual;
        long seed;
        int threads;
        Solver solver;

        Builder(Spec s) {
            model = s.model();
            names = s.names();
            omega = s.omega();
            bwMedian = s.bwMedian();
            bwCv = s.bwCv();
            allometry = s.allometry();
            residual = s.residual();
            seed = s.seed();
            threads = s.threads();
            solver = s.solver();
        }

        Spec build() {
            return new Spec(model, names, omega, bwMedian, bwCv, allometry, residual, seed, threads, solver);
        }
    }

    /** The most threads a study may use (the limit of Java's fork-join pools). */
    public static final int MAX_THREADS = 32767;

    private final Spec spec;

    private Population(Spec spec) {
        this.spec = spec;
    }

    /** A population of {@code model} without variability yet. */
    public static Population of(Model model) {
        Checks.notNull("model", model);
        return new Population(new Spec(model, List.of(), new double[0][0], Double.NaN, 0, Map.of(), null, 1,
            Runtime.getRuntime().availableProcessors(), Solver.auto()));
    }

    /** Lognormal variability with coefficient of variation {@code cv}: ω² = ln(1 + CV²). */
    public Population withVariability(String parameter, double cv) {
        Checks.positive("CV of " + parameter, cv);
        return withOmega(parameter, Math.sqrt(Math.log(1 + cv * cv)));
    }

    /** Lognormal variability with ω, the SD of ln θ. */
    public Population withOmega(String parameter, double omegaSd) {
        requireParameter(parameter);
        Checks.positive("omega of " + parameter, omegaSd);
        List<String> n = new ArrayList<>(spec.names());
        int i = n.indexOf(parameter);
        double[][] o;
        if (i < 0) {
            n.add(parameter);
            o = new double[n.size()][n.size()];
            for (int a = 0; a < spec.omega().length; a++) {
                System.arraycopy(spec.omega()[a], 0, o[a], 0, spec.omega().length);
            }
            i = n.size() - 1;
        } else {
            o = Arrays2.copy(spec.omega());
            double old = Math.sqrt(o[i][i]);
            for (int a = 0; a < o.length; a++) {
                if (a != i) {
                    o[a][i] = o[a][i] / old * omegaSd;
                    o[i][a] = o[a][i];
                }
            }
        }
        o[i][i] = omegaSd * omegaSd;
        List<String> names2 = List.copyOf(n);
        return new Population(spec.with(b -> {
            b.names = names2;
            b.omega = o;
        }));
    }

    /** The correlation of η between two parameters that already have variability. */
    public Population withCorrelation(String a, String b, double r) {
        int i = spec.names().indexOf(a);
        int j = spec.names().indexOf(b);
        if (i < 0 || j < 0) {
            throw new IllegalArgumentException("correlation of " + a + " and " + b + ": both need variability first; "
                + "with variability: " + spec.names());
        }
        if (!(r > -1 && r < 1) || i == j) {
            throw new IllegalArgumentException("correlation of " + a + " and " + b + " = " + r
                + ": expected two different parameters and -1 < r < 1");
        }
        double[][] o = Arrays2.copy(spec.omega());
        o[i][j] = r * Math.sqrt(o[i][i] * o[j][j]);
        o[j][i] = o[i][j];
        cholesky(o, spec.names());
        return new Population(spec.with(x -> x.omega = o));
    }

    /** Ω given as a covariance matrix of η for the named parameters (replaces earlier variability). */
    public Population withCovariance(List<String> parameters, double[][] covariance) {
        Checks.notNull("parameters", parameters);
        Checks.notNull("covariance", covariance);
        if (covariance.length != parameters.size()) {
            throw new IllegalArgumentException("covariance of " + covariance.length + " rows for " + parameters.size()
                + " parameters; expected a square matrix, one row per parameter");
        }
        for (String p : parameters) {
            requireParameter(p);
        }
        double[][] o = new double[covariance.length][];
        for (int i = 0; i < o.length; i++) {
            if (covariance[i].length != o.length) {
                throw new IllegalArgumentException("covariance row " + i + " has " + covariance[i].length
                    + " entries; expected " + o.length);
            }
            o[i] = covariance[i].clone();
        }
        cholesky(o, parameters);
        List<String> names2 = List.copyOf(parameters);
        return new Population(spec.with(b -> {
            b.names = names2;
            b.omega = o;
        }));
    }

    /**
     * A body weight covariate: BW_i lognormal with median {@code medianKg} and coefficient of variation
     * {@code cv} (0 for all equal), each parameter in {@code exponents} scaled by (BW_i/median)^exponent,
     * and the model's parameter BW, if it has one, set to BW_i.
     */
    public Population withBodyWeight(double medianKg, double cv, Map<String, Double> exponents) {
        Checks.positive("median body weight (kg)", medianKg);
        Checks.nonNegative("CV of body weight", cv);
        for (String p : Checks.notNull("allometric exponents", exponents).keySet()) {
            requireParameter(p);
        }
        Map<String, Double> allo = Collections.unmodifiableMap(new LinkedHashMap<>(exponents));
        return new Population(spec.with(b -> {
            b.bwMedian = medianKg;
            b.bwCv = cv;
            b.allometry = allo;
        }));
    }

    /** Residual error added to every tracked value and readout (simulated observations). */
    public Population withResidualError(ErrorModel error) {
        Checks.notNull("error model", error);
        return new Population(spec.with(b -> b.residual = error));
    }

    /** The seed of the random numbers. */
    public Population withSeed(long s) {
        return new Population(spec.with(b -> b.seed = s));
    }

    /** The number of threads (default: all cores); results do not depend on it. */
    public Population withThreads(int n) {
        if (n < 1 || n > MAX_THREADS) {
            throw new IllegalArgumentException("threads = " + n + ": expected 1 to " + MAX_THREADS);
        }
        return new Population(spec.with(b -> b.threads = n));
    }

    /** The solver of every subject's simulation (default automatic). */
    public Population withSolver(Solver s) {
        Checks.notNull("solver", s);
        return new Population(spec.with(b -> b.solver = s));
    }

    /** The spec.model(). */
    public Model model() {
        return spec.model();
    }

    /** The parameters with variability, in the order of Ω. */
    public List<String> parameters() {
        return spec.names();
    }

    /** Ω, the covariance of η (a copy). */
    public double[][] omega() {
        return Arrays2.copy(spec.omega());
    }

    /** The median body weight of the covariate (kg), NaN without one. */
    public double bodyWeightMedian() {
        return spec.bwMedian();
    }

    /** The coefficient of variation of body weight (0 without a covariate). */
    public double bodyWeightCv() {
        return spec.bwCv();
    }

    /** The allometric exponents of the body weight covariate, by parameter. */
    public Map<String, Double> allometry() {
        return spec.allometry();
    }

    /** The residual error added to tracked values and readouts, if any. */
    public java.util.Optional<ErrorModel> residualError() {
        return java.util.Optional.ofNullable(spec.residual());
    }

    /** The seed of the random numbers. */
    public long seed() {
        return spec.seed();
    }

    /** The solver of every subject's simulation. */
    public Solver solver() {
        return spec.solver();
    }

    /** The number of threads a study uses. */
    public int threads() {
        return spec.threads();
    }

    private void requireParameter(String p) {
        if (!spec.model().parameters().contains(p)) {
            throw Checks.unknown("parameter", p, spec.model().parameters().names());
        }
    }

    private static RealMatrix cholesky(double[][] o, List<String> parameters) {
        if (o.length == 0) {
            return null;
        }
        try {
            return new CholeskyDecomposition(MatrixUtils.createRealMatrix(o), 1e-12, 1e-14).getL();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the covariance of " + parameters + " is not symmetric positive "
                + "definite: " + e.getMessage(), e);
        }
    }

    /** A generator for subject i: its own stream, seeded from the population seed and i. */
    private UniformRandomProvider generator(long i) {
        long seed = spec.seed();
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {mix(seed ^ 0x9E3779B97F4A7C15L * (i + 1)),
            mix(seed + i * 0xBF58476D1CE4E5B9L + 1)});
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The parameter values of subject {@code i} (those that differ from the model's), by name. */
    public Map<String, Double> subjectParameters(long i) {
        return subjectParameters(i, ZigguratSampler.NormalizedGaussian.of(generator(i)),
            cholesky(spec.omega(), spec.names()));
    }

    private Map<String, Double> subjectParameters(long i, ZigguratSampler.NormalizedGaussian z, RealMatrix l) {
        int k = spec.names().size();
        double[] zs = new double[k];
        for (int a = 0; a < k; a++) {
            zs[a] = z.sample();
        }
        Map<String, Double> v = new LinkedHashMap<>();
        for (int a = 0; a < k; a++) {
            double eta = 0;
            for (int b = 0; b <= a; b++) {
                eta += l.getEntry(a, b) * zs[b];
            }
            v.put(spec.names().get(a), spec.model().parameter(spec.names().get(a)) * Math.exp(eta));
        }
        double bwMedian = spec.bwMedian();
        if (!Double.isNaN(bwMedian)) {
            double bw = bwMedian * Math.exp(Math.sqrt(Math.log(1 + spec.bwCv() * spec.bwCv())) * z.sample());
            for (Map.Entry<String, Double> e : spec.allometry().entrySet()) {
                double base = v.getOrDefault(e.getKey(), spec.model().parameter(e.getKey()));
                v.put(e.getKey(), base * Math.pow(bw / bwMedian, e.getValue()));
            }
            if (spec.model().parameters().contains("BW")) {
                v.put("BW", bw);
            }
        }
        return v;
    }

    /** The spec.model() of subject {@code i}. */
    public Model subject(long i) {
        return spec.model().with(subjectParameters(i));
    }

    /** A study of this population reporting at {@code times} (h). */
    public Study study(double... times) {
        return new Study(new Study.Spec(this, Checks.notNull("times", times).clone(), List.of(), List.of(), List.of(),
            new double[] {5, 50, 95}));
    }

    /**
     * What to simulate and keep: output times, tracked compartments or outputs (percentile bands per
     * time), named readouts (one number per subject: summary statistics and percentiles), and the
     * percentiles. Immutable.
     */
    public static final class Study {
        /** Everything a study is configured with. */
        private record Spec(Population pop, double[] times, List<String> tracked, List<String> readoutNames,
                            List<ToDoubleFunction<Simulation>> readouts, double[] percentiles) {
        }

        private final Spec spec;

        private Study(Spec spec) {
            this.spec = spec;
        }

        /** Tracks these compartments or outputs: their percentiles at every output time. */
        public Study track(String... names) {
            Model model = spec.pop().spec.model();
            List<String> t = new ArrayList<>(spec.tracked());
            for (String n : names) {
                if (model.indexOf(n) < 0 && model.outputs().stream().noneMatch(o -> o.name().equals(n))) {
                    List<String> known = new ArrayList<>(model.compartmentNames());
                    model.outputs().forEach(o -> known.add(o.name()));
                    throw Checks.unknown("compartment or output", n, known);
                }
                t.add(n);
            }
            return new Study(new Spec(spec.pop(), spec.times(), List.copyOf(t), spec.readoutNames(), spec.readouts(),
                spec.percentiles()));
        }

        /**
         * A readout: one number per subject computed from its simulation (for example DE24 or AUC). A
         * {@link Readout} says what it reads, and the study then keeps what that needs in each solve.
         */
        public Study readout(String name, ToDoubleFunction<Simulation> f) {
            List<String> n = new ArrayList<>(spec.readoutNames());
            if (n.contains(Checks.notNull("readout name", name))) {
                throw new IllegalArgumentException("readout " + name + " twice; expected each name once (have: "
                    + n + ")");
            }
            n.add(name);
            List<ToDoubleFunction<Simulation>> r = new ArrayList<>(spec.readouts());
            r.add(Checks.notNull("readout", f));
            return new Study(new Spec(spec.pop(), spec.times(), spec.tracked(), List.copyOf(n), List.copyOf(r),
                spec.percentiles()));
        }

        /** The population studied. */
        public Population population() {
            return spec.pop();
        }

        /** The output times, h (a copy). */
        public double[] times() {
            return spec.times().clone();
        }

        /** The tracked compartments and outputs. */
        public List<String> tracked() {
            return spec.tracked();
        }

        /** The readouts by name, in the order added (declared {@link Readout}s or functions). */
        public Map<String, ToDoubleFunction<Simulation>> readouts() {
            Map<String, ToDoubleFunction<Simulation>> m = new LinkedHashMap<>();
            for (int r = 0; r < spec.readouts().size(); r++) {
                m.put(spec.readoutNames().get(r), spec.readouts().get(r));
            }
            return Collections.unmodifiableMap(m);
        }

        /** The percentiles reported. */
        public double[] percentileList() {
            return spec.percentiles().clone();
        }

        /** This study of another population (the same times, tracked names, readouts and percentiles). */
        public Study withPopulation(Population p) {
            Checks.notNull("population", p);
            return new Study(new Spec(p, spec.times(), spec.tracked(), spec.readoutNames(), spec.readouts(),
                spec.percentiles()));
        }

        /** The percentiles reported (default 5, 50, 95). */
        public Study percentiles(double... p) {
            for (double x : p) {
                if (!(x >= 0 && x <= 100)) {
                    throw new IllegalArgumentException("percentile " + x + ": expected 0 to 100");
                }
            }
            return new Study(new Spec(spec.pop(), spec.times(), spec.tracked(), spec.readoutNames(), spec.readouts(),
                p.clone()));
        }

        /**
         * Simulates {@code n} subjects in parallel and summarises them: {@code finish(runBlocks(n, 0,
         * blockCount(n)))}. Each thread keeps one simulation at a time, quantile sketches of the tracked
         * values and readouts and exact sums for the readouts' means and SDs; all of them merge exactly
         * and in any order, so the result does not depend on the number of threads or on how the blocks
         * were shared out.
         *
         * @throws PkException naming the subject if a simulation fails
         */
        public Summary run(int n) {
            return finish(runBlocks(n, 0, blockCount(n)));
        }

        /**
         * The number of blocks of a study of {@code n} subjects: the units of work that
         * {@link #runBlocks} runs and a cluster shares out. Blocks hold up to 1,024 consecutive subjects
         * (at least 64 blocks when n ≥ 64); the split depends on n only.
         */
        public int blockCount(int n) {
            requireSubjects(n);
            int block = blockSize(n);
            return (n + block - 1) / block;
        }

        private static int blockSize(int n) {
            return Math.max(1, Math.min(1024, n / 64));
        }

        private static void requireSubjects(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("subjects = " + n + ": expected at least 1");
            }
        }

        /**
         * Simulates the subjects of blocks {@code [from, to)} of a study of {@code n} subjects (on the
         * population's threads) and returns their partial summary. Subject i draws its parameters and
         * its residual errors from its own random stream, so a block gives the same numbers wherever it
         * runs; {@link Partial#merge merging} the partials of all blocks, in any order and grouping,
         * and {@link #finish finishing} them gives exactly {@link #run run(n)}.
         *
         * @throws PkException naming the subject if a simulation fails
         */
        public Partial runBlocks(int n, int from, int to) {
            int blocks = blockCount(n);
            if (from < 0 || to > blocks || from >= to) {
                throw new IllegalArgumentException("blocks [" + from + ", " + to + ") of a study of " + n
                    + " subjects: expected 0 <= from < to <= " + blocks);
            }
            Population pop = spec.pop();
            double[] times = spec.times();
            List<String> tracked = spec.tracked();
            List<ToDoubleFunction<Simulation>> readouts = spec.readouts();
            if (tracked.isEmpty() && readouts.isEmpty()) {
                throw new IllegalArgumentException("a study needs something to keep: track(...) a compartment or "
                    + "output, or add a readout(...)");
            }
            Model model = pop.spec.model();
            int nt = times.length;
            int ntr = tracked.size();
            int nr = readouts.size();
            Schedule schedule = Schedule.of(model.regimen(), times);
            // declared readouts that read maxima or between output times: the continuous solution is
            // recorded in each subject's one solve (the same numbers as solving again for it, at less cost)
            boolean continuous = readouts.stream().anyMatch(r -> r instanceof Readout d && d.needsContinuous(times));
            int threads = Math.min(pop.spec.threads(), to - from);
            // every thread keeps a quantile sketch per tracked value and time (up to a few kB each)
            Budget.require((double) QuantileSketch.TYPICAL_BYTES * ntr * nt * (threads + 1) + 8.0 * ntr * nt
                * spec.percentiles().length, ntr + " tracked names × " + nt + " output times on " + threads
                + " threads", "track fewer names or ask for fewer output times (readouts are cheap)");
            int block = blockSize(n);
            List<Accumulator> all = Collections.synchronizedList(new ArrayList<>());
            ThreadLocal<Accumulator> local = ThreadLocal.withInitial(() -> {
                Accumulator a = new Accumulator(ntr * nt, nr);
                all.add(a);
                return a;
            });
            RealMatrix l = cholesky(pop.spec.omega(), pop.spec.names());
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                pool.submit(() -> IntStream.range(from, to).parallel().forEach(b -> {
                    Accumulator acc = local.get();
                    int end = Math.min(n, (b + 1) * block);
                    for (int i = b * block; i < end; i++) {
                        UniformRandomProvider rng = pop.generator(i);
                        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
                        Model m = model.with(pop.subjectParameters(i, z, l));
                        Simulation s;
                        try {
                            s = continuous ? m.simulateContinuous(schedule, pop.spec.solver())
                                : m.simulate(schedule, pop.spec.solver());
                        } catch (PkException e) {
                            throw new PkException("subject " + i + " of the population (block " + b + ") failed: "
                                + e.getMessage(), e.time(), e);
                        }
                        for (int k = 0; k < ntr; k++) {
                            String name = tracked.get(k);
                            for (int j = 0; j < nt; j++) {
                                acc.tracked[k * nt + j].add(noisy(s.value(name, j), z));
                            }
                        }
                        for (int r = 0; r < nr; r++) {
                            double v = noisy(readouts.get(r).applyAsDouble(s), z);
                            if (!(Math.abs(v) <= Moments.MAX_MAGNITUDE)) {
                                throw new PkException("subject " + i + " (block " + b + "): readout "
                                    + spec.readoutNames().get(r) + " = " + v + "; expected a finite number of "
                                    + "magnitude at most " + Moments.MAX_MAGNITUDE, Double.NaN);
                            }
                            acc.readouts[r].add(v);
                            acc.moments[r].add(v);
                        }
                    }
                })).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("population study interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdown();
            }
            Accumulator total = new Accumulator(ntr * nt, nr);
            for (Accumulator a : all) {
                total.merge(a);
            }
            return new Partial(fingerprint(n), n, blocks, new int[] {from, to}, total);
        }

        /**
         * The summary of the merged partials of every block of a study (of this study: a partial of
         * another study, or one that lacks blocks, is refused).
         */
        public Summary finish(Partial merged) {
            Checks.notNull("partial summary", merged);
            int n = merged.subjects;
            if (merged.fingerprint != fingerprint(n)) {
                throw new IllegalArgumentException("a partial summary of another study (" + merged
                    + "); expected one of " + this);
            }
            if (!merged.complete()) {
                throw new IllegalArgumentException("a partial summary of blocks " + merged.rangesText() + " of "
                    + merged.blocks + "; expected all blocks, merged");
            }
            double[] times = spec.times();
            List<String> tracked = spec.tracked();
            double[] percentiles = spec.percentiles();
            int nt = times.length;
            int ntr = tracked.size();
            int nr = spec.readouts().size();
            Accumulator total = merged.acc;
            double[][][] bands = new double[ntr][percentiles.length][nt];
            for (int k = 0; k < ntr; k++) {
                for (int q = 0; q < percentiles.length; q++) {
                    for (int j = 0; j < nt; j++) {
                        bands[k][q][j] = total.tracked[k * nt + j].quantile(percentiles[q] / 100);
                    }
                }
            }
            double[][] stats = new double[nr][4 + percentiles.length];
            for (int r = 0; r < nr; r++) {
                stats[r][0] = total.moments[r].mean();
                stats[r][1] = total.moments[r].sd();
                stats[r][2] = total.readouts[r].quantile(0);
                stats[r][3] = total.readouts[r].quantile(1);
                for (int q = 0; q < percentiles.length; q++) {
                    stats[r][4 + q] = total.readouts[r].quantile(percentiles[q] / 100);
                }
            }
            return new Summary(spec.pop().spec.model().name(), n, times, tracked, percentiles, bands,
                spec.readoutNames(), stats);
        }

        /**
         * A 64-bit digest of what the study of n subjects is (model, variability, seed, times, tracked
         * names, readouts, percentiles): a check that partials come from the same study.
         */
        private long fingerprint(int n) {
            Population pop = spec.pop();
            long h = mix(n) ^ mix(pop.spec.seed());
            h = mix(h ^ toString().hashCode());
            h = mix(h ^ pop.spec.model().toString().hashCode());
            h = mix(h ^ pop.spec.model().parameterDefinitions().hashCode()); // exact values, not printed ones
            for (double t : spec.times()) {
                h = mix(h ^ Double.doubleToLongBits(t));
            }
            for (double[] row : pop.spec.omega()) {
                for (double x : row) {
                    h = mix(h ^ Double.doubleToLongBits(x));
                }
            }
            for (ToDoubleFunction<Simulation> r : spec.readouts()) {
                h = mix(h ^ (r instanceof Readout d ? d.toString().hashCode() : 0x5DEECE66DL));
            }
            return h;
        }

        private double noisy(double v, ZigguratSampler.NormalizedGaussian z) {
            ErrorModel e = spec.pop().spec.residual();
            return e == null ? v : v + e.sd(v) * z.sample();
        }

        /** The population, times, tracked names, readouts and percentiles of this study. */
        @Override
        public String toString() {
            double[] t = spec.times();
            return "Study of " + spec.pop() + "\n  " + t.length + " output times" + (t.length > 0 ? " from "
                + Checks.g(t[0]) + " to " + Checks.g(t[t.length - 1]) + " h" : "") + ", tracking " + spec.tracked()
                + ", readouts " + spec.readoutNames() + ", percentiles " + java.util.Arrays.toString(spec.percentiles());
        }
    }

    /** One thread's (or one partial's) sketches and readout moments. */
    private static final class Accumulator {
        final QuantileSketch[] tracked;
        final QuantileSketch[] readouts;
        final Moments[] moments;

        Accumulator(int series, int nr) {
            tracked = new QuantileSketch[series];
            readouts = new QuantileSketch[nr];
            moments = new Moments[nr];
            for (int i = 0; i < series; i++) {
                tracked[i] = new QuantileSketch();
            }
            for (int i = 0; i < nr; i++) {
                readouts[i] = new QuantileSketch();
                moments[i] = new Moments();
            }
        }

        void merge(Accumulator o) {
            for (int i = 0; i < tracked.length; i++) {
                tracked[i].merge(o.tracked[i]);
            }
            for (int i = 0; i < readouts.length; i++) {
                readouts[i].merge(o.readouts[i]);
                moments[i].merge(o.moments[i]);
            }
        }

        void write(DataOutputStream out) throws IOException {
            QuantileSketch.writeVar(out, tracked.length);
            QuantileSketch.writeVar(out, readouts.length);
            for (QuantileSketch t : tracked) {
                t.write(out);
            }
            for (int i = 0; i < readouts.length; i++) {
                readouts[i].write(out);
                moments[i].write(out);
            }
        }

        static Accumulator read(DataInputStream in) throws IOException {
            long series = QuantileSketch.readVar(in);
            long nr = QuantileSketch.readVar(in);
            if (series > Integer.MAX_VALUE / 2 || nr > Integer.MAX_VALUE / 2) {
                throw new IOException(series + " tracked series and " + nr + " readouts: more than a study holds");
            }
            QuantileSketch[] t = new QuantileSketch[(int) series];
            for (int i = 0; i < t.length; i++) {
                t[i] = QuantileSketch.read(in);
            }
            QuantileSketch[] r = new QuantileSketch[(int) nr];
            Moments[] m = new Moments[(int) nr];
            for (int i = 0; i < r.length; i++) {
                r[i] = QuantileSketch.read(in);
                m[i] = Moments.read(in);
            }
            return new Accumulator(t, r, m);
        }

        private Accumulator(QuantileSketch[] tracked, QuantileSketch[] readouts, Moments[] moments) {
            this.tracked = tracked;
            this.readouts = readouts;
            this.moments = moments;
        }
    }

    /**
     * The partial summary of some blocks of a population study ({@link Study#runBlocks}): quantile
     * sketches of the tracked values and readouts and exact sums of the readouts, with the blocks they
     * cover. Partials of disjoint blocks of the same study {@link #merge merge} exactly, in any order
     * and grouping; {@link Study#finish} turns the partial of all blocks into the study's summary. A
     * compact binary form ({@link #toBytes}, versioned and compressed) lets partials travel between
     * machines. Immutable.
     */
    public static final class Partial {
        private static final int MAGIC = 0x4E504B50; // "NPKP"
        private static final int VERSION = 1;

        private final long fingerprint;
        private final int subjects;
        private final int blocks;
        /** Sorted, disjoint, non-adjacent block ranges [from, to) as pairs. */
        private final int[] ranges;
        private final Accumulator acc;

        private Partial(long fingerprint, int subjects, int blocks, int[] ranges, Accumulator acc) {
            this.fingerprint = fingerprint;
            this.subjects = subjects;
            this.blocks = blocks;
            this.ranges = ranges;
            this.acc = acc;
        }

        /**
         * The partial of both this one's blocks and {@code other}'s (disjoint blocks of the same study).
         */
        public Partial merge(Partial other) {
            Checks.notNull("partial summary", other);
            if (other.fingerprint != fingerprint || other.subjects != subjects
                || other.acc.tracked.length != acc.tracked.length || other.acc.readouts.length != acc.readouts.length) {
                throw new IllegalArgumentException("partial summaries of two different studies: " + this + " and "
                    + other);
            }
            int[] joined = join(ranges, other.ranges);
            Accumulator sum = new Accumulator(acc.tracked.length, acc.readouts.length);
            sum.merge(acc);
            sum.merge(other.acc);
            return new Partial(fingerprint, subjects, blocks, joined, sum);
        }

        private int[] join(int[] a, int[] b) {
            int[] all = new int[a.length + b.length];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < a.length || j < b.length) {
                boolean takeA = j >= b.length || (i < a.length && a[i] < b[j]);
                int[] src = takeA ? a : b;
                int at = takeA ? i : j;
                if (k > 0 && src[at] < all[k - 1]) {
                    throw new IllegalArgumentException("partial summaries that overlap: blocks " + rangesText(a)
                        + " and " + rangesText(b) + "; expected each block once");
                }
                if (k > 0 && src[at] == all[k - 1]) {
                    all[k - 1] = src[at + 1]; // adjacent: one range
                } else {
                    all[k++] = src[at];
                    all[k++] = src[at + 1];
                }
                if (takeA) {
                    i += 2;
                } else {
                    j += 2;
                }
            }
            return Arrays.copyOf(all, k);
        }

        /** The number of subjects of the whole study. */
        public int studySubjects() {
            return subjects;
        }

        /** True when the partial covers every block of the study. */
        public boolean complete() {
            return ranges.length == 2 && ranges[0] == 0 && ranges[1] == blocks;
        }

        /** The compact binary form: magic, version, then the blocks, sketches and sums, deflated. */
        public byte[] toBytes() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
                out.writeInt(MAGIC);
                out.writeByte(VERSION);
                out.writeLong(fingerprint);
                out.writeInt(subjects);
                out.writeInt(blocks);
                QuantileSketch.writeVar(out, ranges.length);
                for (int r : ranges) {
                    QuantileSketch.writeVar(out, r);
                }
                acc.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        /**
         * A partial from its {@link #toBytes binary form}.
         *
         * @throws IllegalArgumentException if the bytes are not a partial summary of a known version
         */
        public static Partial fromBytes(byte[] data) {
            Checks.notNull("partial summary bytes", data);
            try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(data)))) {
                int magic = in.readInt();
                int version = in.readUnsignedByte();
                if (magic != MAGIC || version != VERSION) {
                    throw new IllegalArgumentException("bytes of format " + Integer.toHexString(magic) + " version "
                        + version + "; expected a NanoPK partial summary (" + Integer.toHexString(MAGIC)
                        + ") version " + VERSION);
                }
                long fingerprint = in.readLong();
                int subjects = in.readInt();
                int blocks = in.readInt();
                long nRanges = QuantileSketch.readVar(in);
                if (nRanges < 2 || nRanges % 2 != 0 || nRanges > 2L * blocks) {
                    throw new IOException(nRanges + " range ends for " + blocks + " blocks");
                }
                int[] ranges = new int[(int) nRanges];
                for (int i = 0; i < ranges.length; i++) {
                    ranges[i] = (int) QuantileSketch.readVar(in);
                }
                return new Partial(fingerprint, subjects, blocks, ranges, Accumulator.read(in));
            } catch (IOException e) {
                throw new IllegalArgumentException("bytes that are not a whole NanoPK partial summary: "
                    + e.getMessage(), e);
            }
        }

        private String rangesText() {
            return rangesText(ranges);
        }

        private static String rangesText(int[] r) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i += 2) {
                sb.append(i == 0 ? "" : ", ").append('[').append(r[i]).append(", ").append(r[i + 1]).append(')');
            }
            return sb.toString();
        }

        /** "Partial summary of blocks [0, 8) of 64 (a study of 4096 subjects)". */
        @Override
        public String toString() {
            return "Partial summary of blocks " + rangesText() + " of " + blocks + " (a study of " + subjects
                + " subjects)";
        }
    }

    /**
     * A population study's result: percentile bands of the tracked compartments and outputs at every
     * output time, and summary statistics of the readouts (mean, SD, min, max and the percentiles).
     * Percentiles are within a relative 0.1 % of the sample's (a quantile sketch).
     *
     * @param model the model's name
     * @param subjects the number of subjects
     * @param times the output times (h)
     * @param tracked the tracked compartments and outputs
     * @param percentiles the percentiles reported
     * @param bands bands[k][q][j]: percentile q of tracked k at time j
     * @param readouts the readout names
     * @param statistics statistics[r]: mean, sd, min, max, then the percentiles
     */
    public record Summary(String model, int subjects, double[] times, List<String> tracked, double[] percentiles,
                          double[][][] bands, List<String> readouts, double[][] statistics) {
        /** Copies the lists and arrays in. */
        public Summary {
            times = times.clone();
            tracked = List.copyOf(tracked);
            percentiles = percentiles.clone();
            bands = Arrays2.copy(bands);
            readouts = List.copyOf(readouts);
            statistics = Arrays2.copy(statistics);
        }

        /** The output times, h (a copy). */
        @Override
        public double[] times() {
            return times.clone();
        }

        /** The percentiles reported (a copy). */
        @Override
        public double[] percentiles() {
            return percentiles.clone();
        }

        /** bands[k][q][j]: percentile q of tracked name k at time j (a copy). */
        @Override
        public double[][][] bands() {
            return Arrays2.copy(bands);
        }

        /** statistics[r]: mean, sd, min, max, then the percentiles of readout r (a copy). */
        @Override
        public double[][] statistics() {
            return Arrays2.copy(statistics);
        }

        /** Percentile {@code p} of a tracked name over time. */
        public org.nanopk.Series band(String name, double p) {
            int k = tracked.indexOf(name);
            if (k < 0) {
                throw Checks.unknown("tracked name", name, tracked);
            }
            int q = -1;
            for (int i = 0; i < percentiles.length; i++) {
                if (percentiles[i] == p) {
                    q = i;
                }
            }
            if (q < 0) {
                throw new IllegalArgumentException("percentile " + p + " was not computed; computed: "
                    + Arrays.toString(percentiles));
            }
            return org.nanopk.Series.of(name, "P" + Checks.g(p), times, bands[k][q]);
        }

        /** The statistics of a readout: mean, sd, min, max, then the percentiles. */
        public double[] readout(String name) {
            int r = readouts.indexOf(name);
            if (r < 0) {
                throw Checks.unknown("readout", name, readouts);
            }
            return statistics[r].clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Summary s && subjects == s.subjects && Arrays.equals(times, s.times)
                && tracked.equals(s.tracked) && Arrays.deepEquals(bands, s.bands) && readouts.equals(s.readouts)
                && Arrays.deepEquals(statistics, s.statistics);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(bands) * 31 + Arrays.deepHashCode(statistics);
        }

        /** Tables: the readouts' statistics, then each tracked name's percentiles over time. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Population of " + subjects + " subjects of " + model + "\n");
            if (!readouts.isEmpty()) {
                List<String> h = new ArrayList<>(List.of("readout", "mean", "SD", "min", "max"));
                for (double p : percentiles) {
                    h.add("P" + Checks.g(p));
                }
                Table.Builder t = Table.builder(h.toArray(new String[0]));
                for (int r = 0; r < readouts.size(); r++) {
                    List<String> row = new ArrayList<>(List.of(readouts.get(r)));
                    for (double v : statistics[r]) {
                        row.add(Checks.g(v));
                    }
                    t.row(row.toArray(new String[0]));
                }
                sb.append(t).append('\n');
            }
            for (int k = 0; k < tracked.size(); k++) {
                List<String> h = new ArrayList<>(List.of("time (h)"));
                for (double p : percentiles) {
                    h.add(tracked.get(k) + " P" + Checks.g(p));
                }
                Table.Builder t = Table.builder(h.toArray(new String[0]));
                for (int j = 0; j < times.length; j++) {
                    if (times.length > 40 && j == 20) {
                        t.ellipsis();
                        j = times.length - 20;
                    }
                    List<String> row = new ArrayList<>(List.of(Checks.g(times[j])));
                    for (int q = 0; q < percentiles.length; q++) {
                        row.add(Checks.g(bands[k][q][j]));
                    }
                    t.row(row.toArray(new String[0]));
                }
                sb.append('\n').append(t).append('\n');
            }
            return sb.toString().stripTrailing();
        }

        /** CSV: time, then one column per tracked name and percentile ({@code Tumor_P5}, …), full precision. */
        public String toCsv() {
            StringBuilder sb = new StringBuilder();
            try {
                writeCsv(sb);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return sb.toString();
        }

        /** Writes {@link #toCsv()} to a file, replacing it only once the new content is complete. */
        public void writeCsv(Path file) {
            SafeFiles.write(file, this::writeCsv);
        }

        private void writeCsv(Appendable out) throws IOException {
            CSVPrinter p = Csv.printer(out);
            List<String> cells = new ArrayList<>(List.of("time"));
            for (String n : tracked) {
                for (double q : percentiles) {
                    cells.add(n + "_P" + Checks.g(q));
                }
            }
            p.printRecord(cells);
            for (int j = 0; j < times.length; j++) {
                cells.clear();
                cells.add(Csv.number(times[j]));
                for (int k = 0; k < tracked.size(); k++) {
                    for (int q = 0; q < percentiles.length; q++) {
                        cells.add(Csv.number(bands[k][q][j]));
                    }
                }
                p.printRecord(cells);
            }
            p.flush();
        }
    }

    @Override
    public String toString() {
        return "Population of " + spec.model().name() + ": variability on " + spec.names()
            + (Double.isNaN(spec.bwMedian()) ? ""
            : ", body weight median " + spec.bwMedian() + " kg") + ", seed " + spec.seed();
    }
}
