package org.nanopk.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.special.Erf;
import org.hipparchus.util.Pair;
import org.nanopk.Dose;
import org.nanopk.Fit;
import org.nanopk.Model;
import org.nanopk.Observations;
import org.nanopk.Observations.Point;
import org.nanopk.Observations.Quantity;
import org.nanopk.PkException;
import org.nanopk.Regimen;
import org.nanopk.Simulation;
import org.nanopk.internal.Checks;
import org.nanopk.solve.Solver;

/**
 * Fits a model's parameters to observations by maximum likelihood (weighted least squares as the
 * special case), with Hipparchus's Levenberg–Marquardt optimiser. Immutable; configure with the
 * {@code with...} methods and call {@link #fit()}.
 *
 * <pre>{@code
 * Fit fit = Fitter.of(model, observations)
 *     .estimate("kEPR", "kBack")
 *     .withErrorModel(ErrorModel.proportional(0.1))
 *     .withStarts(5, 42)
 *     .fit();
 * }</pre>
 *
 * <p>The objective is −2 log-likelihood, Σ [(y − f)²/σ² + ln σ² + ln 2π] over the observations (σ from
 * the error model, or an observation's own SD), plus −2 ln Φ((LLOQ − f)/σ) for each value below its
 * limit of quantification when M3 is chosen (by default such values are left out). It is minimised as
 * a sum of squares: the weighted residuals (y − f)/σ and, where σ depends on what is estimated,
 * √(ln σ² + C). Parameters are estimated on a log scale unless {@link #estimateLinear} (log keeps rates
 * positive); bounds clamp them. The Jacobian is taken by central differences on the estimation scale.
 * Each of several starts (the initial values, then random ones within the bounds, or within a factor
 * e^1.5 of the initial values) is optimised and the best kept. Every subject is simulated separately
 * with the shared parameters (a pooled fit), dosed with its own regimen or the model's.
 */
public final class Fitter {
    private static final double LOG_OFFSET = 1500;
    private static final double CHI2_95 = 3.841458820694124;
    /**
     * The smallest singular value of the information matrix, relative to the largest, below which the
     * weakest direction counts as not informed by the data (a condition number of 1e12).
     */
    private static final double IDENTIFIABLE = 1e-12;
    /** On the estimation scale, an estimate this close to a bound sits on it. */
    private static final double AT_BOUND = 1e-7;
    /**
     * The Newton decrement ½·gᵀH⁺g of −2LL below which an optimum counts as verified: what is still to
     * be gained is far below the 3.84 that separates a 95 % interval's end from the optimum.
     */
    static final double OPTIMUM_DECREMENT = 1e-4;
    /** How far a profile is followed from the estimate, on the estimation (log) scale: a factor e^20. */
    private static final double PROFILE_REACH = 20;

    /** Everything a fit is configured with. */
    private record Spec(Model model, Observations data, List<String> free, Set<String> linear,
                        Map<String, List<Double>> bounds, Map<String, Double> fixed, ErrorModel error, int starts,
                        long seed, int maxIterations, int maxEvaluations, Solver solver, boolean m3,
                        String amountUnit, List<String> profiles, boolean underdetermined, boolean pooled) {
        /** The model's amount unit in µg, NaN if not given. */
        double amountFactor() {
            return amountUnit == null ? Double.NaN : Observations.unit(amountUnit).factor();
        }

        Spec with(java.util.function.Consumer<Builder> change) {
            Builder b = new Builder(this);
            change.accept(b);
            return b.build();
        }
    }

    /** A changed copy of a spec (private: the fitter's fields stay final). */
    private static final class Builder {
        private final Model model;
        Observations data;
        List<String> free;
        Set<String> linear;
        Map<String, List<Double>> bounds;
        Map<String, Double> fixed;
        ErrorModel error;
        int starts;
        long seed;
        int maxIterations;
        int maxEvaluations;
        Solver solver;
        boolean m3;
        String amountUnit;
        List<String> profiles;
        boolean underdetermined;
        boolean pooled;

        Builder(Spec s) {
            model = s.model();
            data = s.data();
            free = s.free();
            linear = s.linear();
            bounds = s.bounds();
            fixed = s.fixed();
            error = s.error();
            starts = s.starts();
            seed = s.seed();
            maxIterations = s.maxIterations();
            maxEvaluations = s.maxEvaluations();
            solver = s.solver();
            m3 = s.m3();
            amountUnit = s.amountUnit();
            profiles = s.profiles();
            underdetermined = s.underdetermined();
            pooled = s.pooled();
        }

        Spec build() {
            return new Spec(model, data, free, linear, bounds, fixed, error, starts, seed, maxIterations,
                maxEvaluations, solver, m3, amountUnit, profiles, underdetermined, pooled);
        }
    }

    private final Spec spec;

    private Fitter(Spec spec) {
        this.spec = spec;
    }

    /** A fitter of {@code model} to {@code observations}; name the parameters to estimate next. */
    public static Fitter of(Model model, Observations observations) {
        Checks.notNull("model", model);
        Checks.notNull("observations", observations);
        return new Fitter(new Spec(model, observations, List.of(), Set.of(), Map.of(), Map.of(),
            ErrorModel.proportional(0.1), 1, 1, 200, 20_000, Solver.auto(), false, null, List.of(), false,
            false));
    }

    private Fitter with(java.util.function.Consumer<Builder> change) {
        return new Fitter(spec.with(change));
    }

    /**
     * Permits fewer observations than estimated parameters (rejected by default): the optimiser then
     * finds one of many best fits, and standard errors are not available.
     */
    public Fitter withUnderdeterminedAllowed() {
        return with(b -> b.underdetermined = true);
    }

    /**
     * Fits all subjects together with one set of parameters (each simulated with its own doses). Without
     * it, observations of several subjects are refused: fit them with {@link #bySubject()}, or pick one
     * with {@link Observations#subject(String)}.
     */
    public Fitter pooled() {
        return with(b -> b.pooled = true);
    }

    /**
     * Fits every subject separately, each from the same starting values, and returns their fits by
     * subject, in order of appearance.
     *
     * @throws IllegalArgumentException for bad input, as {@link #fit()}, naming the subject
     */
    public Map<String, Fit> bySubject() {
        Map<String, Fit> fits = new LinkedHashMap<>();
        for (String subject : spec.data().subjects()) {
            Observations one = spec.data().subject(subject);
            Fitter f = new Fitter(spec.with(b -> b.data = one));
            try {
                fits.put(subject, f.fit());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("subject " + subject + ": " + e.getMessage(), e);
            }
        }
        return java.util.Collections.unmodifiableMap(fits);
    }

    /** Estimates these parameters on a log scale (starting from the model's values). */
    public Fitter estimate(String... names) {
        Checks.notNull("parameter names", names);
        List<String> f = new ArrayList<>(spec.free());
        for (String n : names) {
            f.add(Checks.notNull("parameter name", n));
        }
        List<String> all = List.copyOf(f);
        return with(b -> b.free = all);
    }

    /** Estimates these parameters on their natural scale (they may then become zero or negative). */
    public Fitter estimateLinear(String... names) {
        Set<String> lin = new LinkedHashSet<>(spec.linear());
        lin.addAll(Arrays.asList(names));
        Set<String> all = Set.copyOf(lin);
        return estimate(names).with(b -> b.linear = all);
    }

    /** Keeps an estimated parameter within [lower, upper] (natural scale). */
    public Fitter withBounds(String name, double lower, double upper) {
        Checks.notNull("parameter name", name);
        if (!(lower < upper)) {
            throw new IllegalArgumentException("bounds of " + name + ": lower = " + lower + ", upper = " + upper
                + ": expected lower < upper");
        }
        Map<String, List<Double>> m = new LinkedHashMap<>(spec.bounds());
        m.put(name, List.of(lower, upper));
        Map<String, List<Double>> all = Map.copyOf(m);
        return with(b -> b.bounds = all);
    }

    /** Sets a parameter to a value and keeps it fixed. */
    public Fitter fix(String name, double value) {
        Map<String, Double> f = new LinkedHashMap<>(spec.fixed());
        f.put(Checks.notNull("parameter name", name), Checks.finite("fixed value of " + name, value));
        Map<String, Double> all = Map.copyOf(f);
        return with(b -> b.fixed = all);
    }

    /** The residual error model (default: proportional, b estimated from 0.1). */
    public Fitter withErrorModel(ErrorModel e) {
        Checks.notNull("error model", e);
        return with(b -> b.error = e);
    }

    /** Tries {@code n} starts (the first from the initial values), random ones drawn with {@code seed}. */
    public Fitter withStarts(int n, long randomSeed) {
        if (n < 1) {
            throw new IllegalArgumentException("starts = " + n + ": expected at least 1");
        }
        return with(b -> {
            b.starts = n;
            b.seed = randomSeed;
        });
    }

    /** Limits the optimiser's iterations and model evaluations per start. */
    public Fitter withLimits(int iterations, int evaluations) {
        if (iterations < 1 || evaluations < 1) {
            throw new IllegalArgumentException("limits " + iterations + " iterations, " + evaluations
                + " evaluations: expected both >= 1");
        }
        return with(b -> {
            b.maxIterations = iterations;
            b.maxEvaluations = evaluations;
        });
    }

    /** The solver of the model simulations (default: automatic, rtol 1e-8). */
    public Fitter withSolver(Solver s) {
        Checks.notNull("solver", s);
        return with(b -> b.solver = s);
    }

    /** Uses values below the limit of quantification through the M3 likelihood instead of leaving them out. */
    public Fitter withM3() {
        return with(b -> b.m3 = true);
    }

    /**
     * The unit of the model's amounts (ng, µg, mg or g), needed to compare amounts and concentrations
     * observed in mass units; %ID observations need none.
     */
    public Fitter withAmountUnit(String unit) {
        Observations.Unit u = Observations.unit(unit, "the model's amount unit");
        if (u.quantity() != Quantity.AMOUNT) {
            throw new IllegalArgumentException("the model's amount unit '" + unit + "' is not a mass; expected one of "
                + String.join(", ", Observations.units().entrySet().stream()
                .filter(x -> x.getValue() == Quantity.AMOUNT).map(Map.Entry::getKey).toList()));
        }
        return with(b -> b.amountUnit = u.name());
    }

    /** Also computes profile-likelihood 95 % intervals for these estimated parameters. */
    public Fitter withProfiles(String... names) {
        List<String> all = List.copyOf(Arrays.asList(names));
        return with(b -> b.profiles = all);
    }

    // ---- the problem ----------------------------------------------------------------------------

    /** How an observed quantity is predicted from what the model computes for its name. */
    private enum How {
        /** The model's value itself: a compartment's amount, an output's value (data without a unit). */
        AS_IS,
        /** An output with a unit: its value times the unit's factor to the data's base unit. */
        OUTPUT_UNIT,
        /** 100·amount/dose. */
        PERCENT,
        /** 100·amount/dose/mass. */
        PERCENT_PER_GRAM,
        /** amount × (model amount unit → µg). */
        AMOUNT,
        /** amount × (model amount unit → µg)/mass. */
        CONCENTRATION
    }

    /**
     * The comparison of one observed name in one quantity with the model: how it is predicted, the
     * factor, and the sentence the fit report prints.
     */
    private record Reading(String name, Quantity quantity, How how, double factor, String text, String unit,
                           double dataScale) {
        /** A comparison in the quantity's base unit. */
        Reading(String name, Quantity quantity, How how, double factor, String text) {
            this(name, quantity, how, factor, text, quantity.unit(), 1);
        }

        /** The observation in the unit of this comparison (an output's own unit, or the base unit). */
        Point expressed(Point pt) {
            return dataScale == 1 ? pt : new Point(pt.subject(), pt.time(), pt.name(), pt.quantity(),
                pt.value() / dataScale, pt.sd() / dataScale, pt.lloq() / dataScale, pt.line());
        }
    }

    /** One subject's simulation setup: regimen, output times, and where each observation reads. */
    private record Subject(String id, Regimen regimen, double[] times, int[] points, int[] rows) {
    }

    /** The validated problem, built once before any iteration. */
    private final class Problem {
        final Model base;
        final List<Point> points = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<Reading> readings = new ArrayList<>();
        /** The comparisons made, each once, by "name|quantity". */
        final Map<String, Reading> comparisons = new LinkedHashMap<>();
        /** Subjects given their own dose from the data, in words. */
        final List<String> dosing = new ArrayList<>();
        final List<Subject> subjects = new ArrayList<>();
        final int p;
        final int pe;
        final double[] lower;
        final double[] upper;
        final double[] start;
        final boolean[] log;
        final boolean logTerms;
        final double sdFloor;
        int evaluations;
        double bestCost = Double.POSITIVE_INFINITY;
        double[] bestPoint;

        Problem() {
            Model m = spec.model();
            for (Map.Entry<String, Double> e : spec.fixed().entrySet()) {
                requireParameter(e.getKey(), "fixed parameter");
                if (spec.free().contains(e.getKey())) {
                    throw new IllegalArgumentException("parameter " + e.getKey() + " is both fixed and estimated; "
                        + "expected one or the other");
                }
            }
            if (!spec.fixed().isEmpty()) {
                m = m.with(spec.fixed());
            }
            base = m;
            if (spec.free().isEmpty()) {
                throw new IllegalArgumentException("no parameters to estimate; name them with estimate(...), known: "
                    + String.join(", ", spec.model().parameters().names()));
            }
            Set<String> seen = new LinkedHashSet<>();
            for (String f : spec.free()) {
                requireParameter(f, "estimated parameter");
                if (!seen.add(f)) {
                    throw new IllegalArgumentException("parameter " + f + " is listed twice to estimate");
                }
            }
            for (String b : spec.bounds().keySet()) {
                if (!spec.free().contains(b)) {
                    throw new IllegalArgumentException("bounds for " + b + ", which is not estimated; estimated: "
                        + String.join(", ", spec.free()));
                }
            }
            for (String pr : spec.profiles()) {
                if (!spec.free().contains(pr)) {
                    throw new IllegalArgumentException("profile of " + pr + ", which is not estimated; estimated: "
                        + String.join(", ", spec.free()));
                }
            }
            p = spec.free().size();
            pe = spec.error().estimated() ? spec.error().size() : 0;
            lower = new double[p + pe];
            upper = new double[p + pe];
            start = new double[p + pe];
            log = new boolean[p + pe];
            for (int j = 0; j < p; j++) {
                String n = spec.free().get(j);
                double v = base.parameter(n);
                log[j] = !spec.linear().contains(n);
                List<Double> given = spec.bounds().get(n);
                double[] b = given != null ? new double[] {given.get(0), given.get(1)}
                    : new double[] {log[j] ? 0 : Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
                if (log[j]) {
                    if (!(v > 0)) {
                        throw new IllegalArgumentException("parameter " + n + " = " + v + " cannot be estimated on a log "
                            + "scale; expected a positive starting value (or use estimateLinear)");
                    }
                    if (b[0] < 0 || b[1] <= 0) {
                        throw new IllegalArgumentException("bounds of " + n + " [" + b[0] + ", " + b[1] + "]: a log-scale "
                            + "parameter needs bounds > 0");
                    }
                    start[j] = Math.log(v);
                    lower[j] = b[0] > 0 ? Math.log(b[0]) : Double.NEGATIVE_INFINITY;
                    upper[j] = Math.log(b[1]);
                } else {
                    start[j] = v;
                    lower[j] = b[0];
                    upper[j] = b[1];
                }
                if (!(start[j] >= lower[j] && start[j] <= upper[j])) {
                    throw new IllegalArgumentException("parameter " + n + " starts at " + v + ", outside its bounds ["
                        + b[0] + ", " + b[1] + "]");
                }
            }
            double[] ev = spec.error().values();
            for (int j = 0; j < pe; j++) {
                log[p + j] = true;
                start[p + j] = Math.log(ev[j]);
                lower[p + j] = Double.NEGATIVE_INFINITY;
                upper[p + j] = Double.POSITIVE_INFINITY;
            }
            // observations: resolve names, check what can be predicted, group by subject
            if (spec.data().size() == 0) {
                throw new IllegalArgumentException("no observations to fit");
            }
            double maxY = 0;
            for (Point pt : spec.data().points()) {
                if (pt.censored() && !spec.m3()) {
                    continue;
                }
                String name = resolve(pt.name());
                Reading reading = comparisons.computeIfAbsent(name + "|" + pt.quantity(),
                    k -> reading(name, pt.quantity()));
                Point expressed = reading.expressed(pt);
                points.add(expressed);
                names.add(name);
                readings.add(reading);
                maxY = Math.max(maxY, expressed.value());
            }
            int fitted = points.size();
            if (fitted < p + pe && !spec.underdetermined()) {
                throw new IllegalArgumentException(fitted + " observations to fit (" + (spec.data().size() - fitted)
                    + " below the limit of quantification left out) but " + (p + pe) + " parameters to estimate ("
                    + String.join(", ", allNames()) + "); expected at least as many observations as parameters "
                    + "(or withUnderdeterminedAllowed())");
            }
            if (maxY == 0 && spec.error().kind() == ErrorModel.Kind.PROPORTIONAL
                && points.stream().noneMatch(x -> !Double.isNaN(x.sd()))) {
                // σ = b·f can shrink with the prediction towards the data: -2LL has no minimum
                throw new IllegalArgumentException("all " + fitted + " observations are 0 and the error model is "
                    + "proportional (σ = b·f): the likelihood grows without bound as the predictions and σ go to 0, so "
                    + "there is no best fit; use an additive or combined error model, or data above 0");
            }
            sdFloor = 1e-9 * Math.max(maxY, 1e-300);
            List<String> subjectIds = spec.data().subjects();
            if (subjectIds.size() > 1 && !spec.pooled()) {
                throw new IllegalArgumentException("the observations hold " + subjectIds.size() + " subjects ("
                    + String.join(", ", subjectIds.size() > 12 ? subjectIds.subList(0, 12) : subjectIds)
                    + (subjectIds.size() > 12 ? ", …" : "") + "); fit each separately with bySubject() (--by subject), "
                    + "one with Observations.subject(id) (--subject ID), or all with one set of parameters with "
                    + "pooled() (--pool)");
            }
            for (String sid : subjectIds) {
                Regimen r = spec.data().regimen(sid) != null ? spec.data().regimen(sid) : base.regimen();
                double ownDose = spec.data().dose(sid);
                if (!Double.isNaN(ownDose)) {
                    r = withAmount(r, ownDose);
                    dosing.add(Checks.g(ownDose) + (spec.data().doseUnit().isEmpty() ? "" : " "
                        + spec.data().doseUnit()) + " (subject " + sid + ")");
                }
                if (r.isEmpty()) {
                    throw new IllegalArgumentException("subject " + sid + " has no doses (neither its own nor the "
                        + "model's regimen); expected at least one");
                }
                double firstDose = Double.POSITIVE_INFINITY;
                for (Dose d : r.doses()) {
                    if (d.givesDose()) {
                        firstDose = Math.min(firstDose, d.time());
                    }
                }
                TreeSet<Double> ts = new TreeSet<>();
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < points.size(); i++) {
                    Point pt = points.get(i);
                    if (pt.subject().equals(sid)) {
                        if (pt.time() < firstDose) {
                            throw new IllegalArgumentException("subject " + sid + ": observation of " + pt.name() + " at "
                                + pt.time() + " h is before the first dose at " + firstDose + " h");
                        }
                        ts.add(pt.time());
                        idx.add(i);
                    }
                }
                if (idx.isEmpty()) {
                    continue;
                }
                double[] times = ts.stream().mapToDouble(Double::doubleValue).toArray();
                int[] pts = idx.stream().mapToInt(Integer::intValue).toArray();
                int[] rows = new int[pts.length];
                for (int k = 0; k < pts.length; k++) {
                    rows[k] = Arrays.binarySearch(times, points.get(pts[k]).time());
                }
                subjects.add(new Subject(sid, r, times, pts, rows));
            }
            boolean errorDependsOnFit = spec.error().kind() != ErrorModel.Kind.ADDITIVE || spec.error().estimated();
            boolean anyUnweighted = points.stream().anyMatch(pt -> Double.isNaN(pt.sd()));
            logTerms = errorDependsOnFit && anyUnweighted;
        }

        /** What the report says was compared with what, and how the subjects were dosed. */
        List<String> notes() {
            List<String> n = new ArrayList<>();
            comparisons.values().forEach(r -> n.add(r.text()));
            if (!dosing.isEmpty()) {
                n.add("each dose record of the model's regimen given the subject's dose from the data: "
                    + String.join(", ", dosing.size() > 12 ? dosing.subList(0, 12) : dosing)
                    + (dosing.size() > 12 ? ", …" : ""));
            }
            return n;
        }

        List<String> allNames() {
            List<String> l = new ArrayList<>(spec.free());
            if (pe > 0) {
                l.addAll(spec.error().names());
            }
            return l;
        }

        private void requireParameter(String n, String what) {
            if (!spec.model().parameters().contains(n)) {
                throw Checks.unknown(what.replace("estimated parameter", "parameter").replace("fixed parameter",
                    "parameter"), n, spec.model().parameters().names());
            }
        }

        /** The model's compartment or output of that name, matched exactly or, failing that, without case. */
        private String resolve(String name) {
            List<String> known = new ArrayList<>(base.compartmentNames());
            base.outputs().forEach(o -> known.add(o.name()));
            if (known.contains(name)) {
                return name;
            }
            String match = null;
            for (String k : known) {
                if (k.equalsIgnoreCase(name)) {
                    if (match != null) {
                        throw new IllegalArgumentException("observed '" + name + "' matches both " + match + " and " + k
                            + " without case; rename the data");
                    }
                    match = k;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException("no compartment or output '" + name + "' for the observations; known: "
                    + String.join(", ", known));
            }
            return match;
        }

        /**
         * How observations of {@code name} in quantity {@code q} are predicted. No unit: the model's value.
         * An output with a unit: its value, converted between units of its quantity. Otherwise the name is
         * an amount in the model's amount unit: %ID is 100·amount/dose, /g and /mL divide by the name's mass
         * or volume, mass units need the model's amount unit. A unit that cannot apply is an error naming both.
         */
        private Reading reading(String name, Quantity q) {
            boolean output = base.indexOf(name) < 0;
            String kind = output ? "output " + name : "compartment " + name;
            org.nanopk.Output o = output ? base.outputs().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow() : null;
            if (q == Quantity.VALUE) {
                return new Reading(name, q, How.AS_IS, 1, name + " (no unit): compared with " + kind
                    + (output ? "'s value" + (o.unit() != null ? " (" + o.unit() + ")" : "")
                    : "'s amount, in the model's amount unit"));
            }
            if (output && o.unit() != null) {
                Observations.Unit u = Observations.unit(o.unit(), kind);
                if (u.quantity() != q) {
                    throw new IllegalArgumentException("observations of " + name + " are in " + q.unit() + " ("
                        + describe(q) + "), but " + kind + " is in " + o.unit() + " (" + describe(u.quantity())
                        + "); expected data in a unit of " + describe(u.quantity()));
                }
                // compared in the output's own unit: the data are converted to it
                return new Reading(name, q, How.OUTPUT_UNIT, 1, name + " (" + o.unit() + "): " + kind + "'s value"
                    + (u.factor() == 1 ? "" : ", the data converted from " + q.unit() + " ÷ " + Checks.g(u.factor())),
                    o.unit(), u.factor());
            }
            double size = base.mass(name);
            String sizeText = output ? kind + " has no mass or volume; give it \"mass\" or \"volume\""
                : kind + " has neither a mass nor a volume";
            boolean perGram = q == Quantity.PERCENT_ID_PER_GRAM || q == Quantity.CONCENTRATION;
            if (perGram && Double.isNaN(size)) {
                throw new IllegalArgumentException("observations of " + name + " are in " + q.unit() + " (per gram or "
                    + "mL), but " + sizeText + (output ? ", or a \"unit\" for its value" : ""));
            }
            boolean mass = q == Quantity.AMOUNT || q == Quantity.CONCENTRATION;
            if (mass && Double.isNaN(spec.amountFactor())) {
                throw new IllegalArgumentException("observations of " + name + " are in " + q.unit() + ", but the "
                    + "model's amount unit is not given: give it with withAmountUnit(\"mg\") (--amount-unit; ng, µg, "
                    + "mg, g)" + (output ? ", or give " + kind + " a \"unit\"" : ""));
            }
            String per = perGram ? " / " + Checks.g(size) + " g" : "";
            return switch (q) {
                case PERCENT_ID -> new Reading(name, q, How.PERCENT, 1, name + " (%ID): 100 × " + kind + " / dose");
                case PERCENT_ID_PER_GRAM -> new Reading(name, q, How.PERCENT_PER_GRAM, 1 / size,
                    name + " (%ID/g): 100 × " + kind + " / dose" + per);
                case AMOUNT -> new Reading(name, q, How.AMOUNT, spec.amountFactor(), name + " (µg): " + kind
                    + " × " + Checks.g(spec.amountFactor()) + " (the model's amount unit to µg)");
                default -> new Reading(name, q, How.CONCENTRATION, spec.amountFactor() / size, name + " (µg/g): "
                    + kind + " × " + Checks.g(spec.amountFactor()) + " (the model's amount unit to µg)" + per);
            };
        }

        Model modelAt(double[] phi) {
            Map<String, Double> v = new LinkedHashMap<>();
            for (int j = 0; j < p; j++) {
                v.put(spec.free().get(j), log[j] ? Math.exp(phi[j]) : phi[j]);
            }
            return base.with(v);
        }

        ErrorModel errorAt(double[] phi) {
            if (pe == 0) {
                return spec.error();
            }
            double[] v = new double[pe];
            for (int j = 0; j < pe; j++) {
                v[j] = Math.exp(phi[p + j]);
            }
            return spec.error().withValues(v);
        }

        /** Predictions at phi, one per point; throws PkException if the model cannot be solved. */
        double[] predict(double[] phi) {
            Model m = modelAt(phi);
            double[] f = new double[points.size()];
            for (Subject s : subjects) {
                Simulation sim = m.simulate(s.regimen(), s.times(), spec.solver());
                for (int k = 0; k < s.points().length; k++) {
                    int i = s.points()[k];
                    f[i] = prediction(sim, readings.get(i), s.rows()[k]);
                }
            }
            evaluations++;
            return f;
        }

        double prediction(Simulation sim, Reading r, int row) {
            double v = sim.value(r.name(), row);
            return switch (r.how()) {
                case AS_IS -> v;
                case OUTPUT_UNIT, AMOUNT, CONCENTRATION -> v * r.factor();
                case PERCENT -> 100 * v / sim.totalDosed();
                case PERCENT_PER_GRAM -> 100 * v / sim.totalDosed() * r.factor();
            };
        }

        int size() {
            int m = points.size();
            return logTerms ? 2 * m : m;
        }

        /** The residual vector whose squared norm is −2LL minus a constant. */
        double[] residuals(double[] phi, double[] f) {
            ErrorModel e = errorAt(phi);
            int m = points.size();
            double[] r = new double[size()];
            for (int i = 0; i < m; i++) {
                Point pt = points.get(i);
                double sd = sd(pt, e, f[i]);
                if (pt.censored()) {
                    r[i] = Math.sqrt(Math.max(0, -2 * logPhi((pt.lloq() - f[i]) / sd)));
                } else {
                    r[i] = (pt.value() - f[i]) / sd;
                }
                if (logTerms) {
                    // ln σ² belongs to a measured value's density; a censored one's M3 term, −2 ln Φ, has none
                    r[m + i] = Double.isNaN(pt.sd()) && !pt.censored() ? Math.sqrt(Math.log(sd * sd) + LOG_OFFSET) : 0;
                }
            }
            return r;
        }

        double sd(Point pt, ErrorModel e, double f) {
            return Double.isNaN(pt.sd()) ? Math.max(e.sd(f), sdFloor) : pt.sd();
        }

        /** −2 log-likelihood, constants included. */
        double objective(double[] phi, double[] f) {
            ErrorModel e = errorAt(phi);
            double s = 0;
            for (int i = 0; i < points.size(); i++) {
                Point pt = points.get(i);
                double sd = sd(pt, e, f[i]);
                if (pt.censored()) {
                    s += -2 * logPhi((pt.lloq() - f[i]) / sd);
                } else {
                    double z = (pt.value() - f[i]) / sd;
                    s += z * z + Math.log(2 * Math.PI * sd * sd);
                }
            }
            return s;
        }

        /** Residuals at phi, or a large penalty where the model cannot be solved there. */
        double[] safeResiduals(double[] phi) {
            try {
                double[] r = residuals(phi, predict(phi));
                for (double v : r) {
                    if (!Double.isFinite(v)) {
                        return penalty();
                    }
                }
                double cost = 0;
                for (double v : r) {
                    cost += v * v;
                }
                if (cost < bestCost) {
                    bestCost = cost;
                    bestPoint = phi.clone();
                }
                return r;
            } catch (PkException | IllegalArgumentException e) {
                return penalty();
            }
        }

        double[] penalty() {
            double[] r = new double[size()];
            Arrays.fill(r, 1e10);
            return r;
        }

        double[] clamp(double[] phi, boolean[] held, double[] heldValues) {
            double[] c = phi.clone();
            for (int j = 0; j < c.length; j++) {
                c[j] = Math.max(lower[j], Math.min(upper[j], c[j]));
                if (held != null && held[j]) {
                    c[j] = heldValues[j];
                }
            }
            return c;
        }
    }

    /** The regimen with every dose record's amount set to {@code amount} (a data file's per-subject dose). */
    static Regimen withAmount(Regimen r, double amount) {
        List<Dose> out = new ArrayList<>();
        int given = 0;
        for (Dose d : r.doses()) {
            if (d.givesDose()) {
                given++;
                out.add(new Dose(d.kind(), d.compartment(), d.time(), amount, d.rate(), d.duration(), d.interval(),
                    d.additional(), d.steadyState()));
            } else {
                out.add(d);
            }
        }
        if (given == 0) {
            throw new IllegalArgumentException("a dose from the data, " + Checks.g(amount) + ", but the model's regimen "
                + "has no dose record to give it; add a dose to the model");
        }
        return Regimen.of(out.toArray(new Dose[0]));
    }

    /** A quantity in words, for messages. */
    private static String describe(Quantity q) {
        return switch (q) {
            case PERCENT_ID -> "percent of the dose";
            case PERCENT_ID_PER_GRAM -> "percent of the dose per gram";
            case AMOUNT -> "an amount";
            case CONCENTRATION -> "a concentration";
            case VALUE -> "the model's own value";
        };
    }

    /** ln Φ(z), accurate far in the lower tail. */
    static double logPhi(double z) {
        if (z > -30) {
            return Math.log(0.5 * Erf.erfc(-z / Math.sqrt(2)));
        }
        return -z * z / 2 - Math.log(-z) - 0.5 * Math.log(2 * Math.PI);
    }

    /** The outcome of optimising from one start. */
    private record Run(double[] phi, double cost, int iterations, boolean converged, String reason) {
    }

    /**
     * Levenberg–Marquardt from {@code start}, then the polish that verifies the optimum; parameters with
     * held[j] stay at their start values.
     */
    private Run optimize(Problem pb, double[] start, boolean[] held) {
        Run lm = levenbergMarquardt(pb, start, held);
        return polish(pb, lm, held);
    }

    /** The polish of a Levenberg–Marquardt run (see {@link #polish(Problem, double[], int[], int, String, boolean)}). */
    private Run polish(Problem pb, Run lm, boolean[] held) {
        int[] active = java.util.stream.IntStream.range(0, lm.phi().length).filter(j -> held == null || !held[j]).toArray();
        return polish(pb, lm.phi(), active, lm.iterations(), lm.reason(), lm.reason().startsWith("stopped:"));
    }

    /**
     * Levenberg–Marquardt alone from {@code start}: its end point, −2LL there, and how it ended (a reason
     * starting "stopped:" when it reached the user's limits).
     */
    private Run levenbergMarquardt(Problem pb, double[] start, boolean[] held) {
        int n = start.length;
        double[] heldValues = start.clone();
        int[] active = java.util.stream.IntStream.range(0, n).filter(j -> held == null || !held[j]).toArray();
        double[] x0 = new double[active.length];
        for (int a = 0; a < active.length; a++) {
            x0[a] = start[active[a]];
        }
        pb.bestCost = Double.POSITIVE_INFINITY;
        pb.bestPoint = null;
        LeastSquaresProblem problem = new LeastSquaresBuilder()
            .start(x0)
            .target(new double[pb.size()])
            .model(point -> {
                double[] phi = expand(pb, point.toArray(), active, heldValues, held);
                double[] r = pb.safeResiduals(phi);
                double[][] jac = new double[r.length][active.length];
                for (int a = 0; a < active.length; a++) {
                    int j = active[a];
                    double h = pb.log[j] ? 1e-4 : 1e-4 * Math.max(Math.abs(phi[j]), 1e-2);
                    double[] up = phi.clone();
                    double[] dn = phi.clone();
                    up[j] += h;
                    dn[j] -= h;
                    double[] ru = pb.safeResiduals(up);
                    double[] rd = pb.safeResiduals(dn);
                    for (int i = 0; i < r.length; i++) {
                        jac[i][a] = (ru[i] - rd[i]) / (2 * h);
                    }
                }
                return new Pair<>(new ArrayRealVector(r, false), new Array2DRowRealMatrix(jac, false));
            })
            .parameterValidator(v -> new ArrayRealVector(
                shrink(pb.clamp(expand(pb, v.toArray(), active, heldValues, held), held, heldValues), active), false))
            .lazyEvaluation(false)
            .maxIterations(spec.maxIterations())
            .maxEvaluations(spec.maxEvaluations())
            .build();
        double[] phi;
        int iterations;
        String lm;
        try {
            LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(problem);
            phi = expand(pb, o.getPoint().toArray(), active, heldValues, held);
            iterations = o.getIterations();
            lm = "Levenberg-Marquardt";
        } catch (MathIllegalStateException e) {
            phi = pb.bestPoint != null ? pb.bestPoint : start.clone();
            iterations = spec.maxIterations();
            lm = "stopped: Levenberg-Marquardt reached its limit (" + e.getMessage() + ")";
        }
        return new Run(phi, objectiveAt(pb, phi), iterations, false, lm);
    }

    /** −2LL at phi, or +∞ outside the bounds or where the model cannot be solved. */
    private static double objectiveAt(Problem pb, double[] phi) {
        for (int j = 0; j < phi.length; j++) {
            if (!(phi[j] >= pb.lower[j] && phi[j] <= pb.upper[j])) {
                return Double.POSITIVE_INFINITY;
            }
        }
        try {
            double v = pb.objective(phi, pb.predict(phi));
            return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
        } catch (PkException | IllegalArgumentException e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    /**
     * From the Levenberg–Marquardt point, minimises −2LL itself (the least-squares form carries constant
     * offsets and square roots that let LM stop early, notably with M3 and estimated error models): a
     * Nelder–Mead polish, then Newton steps on a central-difference gradient and Hessian. The optimum is
     * verified, and the run called converged, only when the Hessian is positive (semi)definite and the
     * Newton decrement ½·gᵀH⁺g, the decrease of −2LL still to be had, is below {@link #OPTIMUM_DECREMENT}.
     * Parameters at a bound count as optimal there when the gradient pushes them outwards.
     */
    private Run polish(Problem pb, double[] phi0, int[] active, int iterations, String lm, boolean limited) {
        int n = active.length;
        double[] phi = phi0.clone();
        double f0 = objectiveAt(pb, phi);
        if (n == 0 || !Double.isFinite(f0)) {
            return new Run(phi, f0, iterations, false, lm + "; the objective is not finite there");
        }
        // only the censored (M3) and combined-error objectives are non-smooth enough in their least-squares
        // form to stop LM short: for them Nelder-Mead on the active parameters first (not past the user's
        // limits: then only the check); for the others Newton's steps alone finish and verify the optimum
        boolean rough = spec.m3() || spec.error().kind() == ErrorModel.Kind.COMBINED;
        if (rough && !limited) {
            try {
                double[] x0 = new double[n];
                double[] steps = new double[n];
                for (int a = 0; a < n; a++) {
                    x0[a] = phi[active[a]];
                    steps[a] = pb.log[active[a]] ? 0.05 : 0.05 * Math.max(Math.abs(x0[a]), 1e-2);
                }
                double[] base = phi.clone();
                org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer nm =
                    new org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer(1e-13, 1e-12);
                org.hipparchus.optim.PointValuePair best = nm.optimize(
                    new org.hipparchus.optim.MaxEval(Math.min(200 * (n + 1), spec.maxEvaluations())),
                    new org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction(x -> {
                        double[] q = base.clone();
                        for (int a = 0; a < n; a++) {
                            q[active[a]] = x[a];
                        }
                        return objectiveAt(pb, q);
                    }),
                    org.hipparchus.optim.nonlinear.scalar.GoalType.MINIMIZE,
                    new org.hipparchus.optim.InitialGuess(x0),
                    new org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex(steps));
                if (best.getValue() < f0) {
                    for (int a = 0; a < n; a++) {
                        phi[active[a]] = best.getPoint()[a];
                    }
                    f0 = best.getValue();
                }
            } catch (MathIllegalStateException tooManyEvaluations) {
                // keep the better of the points; Newton below decides
            }
        }
        // Newton steps with a verified decrement
        double decrement = Double.POSITIVE_INFINITY;
        String why = "";
        for (int it = 0; it < (limited ? 1 : 20); it++) {
            double[][] gh = gradientHessian(pb, phi, active, f0);
            double[] g = gh[0];
            double[][] h = java.util.Arrays.copyOfRange(gh, 1, n + 1);
            // parameters at a bound with the gradient pushing outwards are optimal there: leave them out
            boolean[] free = new boolean[n];
            int m = 0;
            for (int a = 0; a < n; a++) {
                int j = active[a];
                double step = stepOf(pb, j, phi[j]);
                boolean atLower = phi[j] - step < pb.lower[j] && g[a] > 0;
                boolean atUpper = phi[j] + step > pb.upper[j] && g[a] < 0;
                free[a] = !(atLower || atUpper) && Double.isFinite(g[a]);
                m += free[a] ? 1 : 0;
            }
            if (m == 0) {
                decrement = 0;
                break;
            }
            double[][] hm = new double[m][m];
            double[] gm = new double[m];
            int[] idx = new int[m];
            for (int a = 0, r = 0; a < n; a++) {
                if (free[a]) {
                    idx[r++] = a;
                }
            }
            for (int r = 0; r < m; r++) {
                gm[r] = g[idx[r]];
                for (int c = 0; c < m; c++) {
                    hm[r][c] = h[idx[r]][idx[c]];
                }
            }
            SingularValueDecomposition svd;
            try {
                svd = new SingularValueDecomposition(new Array2DRowRealMatrix(hm, false));
            } catch (RuntimeException notFinite) {
                why = "the Hessian of -2LL is not finite";
                break;
            }
            double[] sv = svd.getSingularValues();
            double tol = 1e-10 * sv[0];
            RealMatrix u = svd.getU();
            RealMatrix v = svd.getV();
            double[] d = new double[m];
            double dec = 0;
            boolean indefinite = false;
            for (int k = 0; k < m; k++) {
                if (sv[k] <= tol) {
                    continue;
                }
                // H = U S Vᵀ; for a symmetric positive definite H, U = V; a sign change means a negative eigenvalue
                double sign = 0;
                for (int r = 0; r < m; r++) {
                    sign += u.getEntry(r, k) * v.getEntry(r, k);
                }
                if (sign < 0) {
                    indefinite = true;
                }
                double ug = 0;
                for (int r = 0; r < m; r++) {
                    ug += u.getEntry(r, k) * gm[r];
                }
                dec += ug * ug / sv[k];
                for (int r = 0; r < m; r++) {
                    d[r] -= v.getEntry(r, k) * ug / sv[k];
                }
            }
            decrement = dec / 2;
            if (indefinite) {
                why = "the Hessian of -2LL is not positive definite there (a saddle or a ridge)";
                decrement = Double.POSITIVE_INFINITY;
            }
            if (decrement <= OPTIMUM_DECREMENT * 1e-3 || limited) {
                break;
            }
            // a step along -g when H is indefinite; backtracking either way
            if (indefinite) {
                for (int r = 0; r < m; r++) {
                    d[r] = -gm[r] * 1e-3;
                }
            }
            boolean improved = false;
            for (double t = 1; t > 1e-6 && !improved; t /= 2) {
                double[] q = phi.clone();
                for (int r = 0; r < m; r++) {
                    q[active[idx[r]]] = Math.max(pb.lower[active[idx[r]]], Math.min(pb.upper[active[idx[r]]],
                        phi[active[idx[r]]] + t * d[r]));
                }
                double fq = objectiveAt(pb, q);
                if (fq < f0) {
                    phi = q;
                    f0 = fq;
                    improved = true;
                }
            }
            if (!improved) {
                break; // no further decrease along the Newton direction: the decrement decides
            }
        }
        boolean verified = decrement <= OPTIMUM_DECREMENT;
        // a log-scale parameter far from its start where -2LL is flat has run off to an asymptote (an error
        // term towards 0, a rate towards infinity): -2LL levels off there, it has no optimum
        List<String> runOff = new ArrayList<>();
        if (verified) {
            double[][] gh = gradientHessian(pb, phi, active, f0);
            double scale = 0;
            for (int a = 0; a < n; a++) {
                scale = Math.max(scale, Math.abs(gh[1 + a][a]));
            }
            for (int a = 0; a < n; a++) {
                int j = active[a];
                if (runningOff(pb, phi, j) && Math.abs(gh[1 + a][a]) <= 1e-8 * scale) {
                    runOff.add(pb.allNames().get(j) + " ran off to " + Checks.g(Math.exp(phi[j])) + " (from "
                        + Checks.g(Math.exp(pb.start[j])) + ")");
                }
            }
        }
        if (!runOff.isEmpty()) {
            verified = false;
            why = String.join("; ", runOff) + ", where -2LL levels off without a minimum; fix it, or try more starts";
        }
        String reason = lm + (limited ? "; " : rough ? ", then Nelder-Mead and Newton polishing on -2LL; "
            : ", then Newton steps on -2LL; ") + (verified
            ? String.format(Locale.ROOT, "optimum verified (Newton decrement %.1e)", decrement)
            : "optimum NOT verified: " + (why.isEmpty() || decrement <= OPTIMUM_DECREMENT && runOff.isEmpty()
                ? String.format(Locale.ROOT, "-2LL could still decrease by about %.2g", decrement) : why));
        return new Run(phi, f0, iterations, verified, reason);
    }

    /**
     * True when log-scale parameter j is a factor e^8 from its start towards a side without a bound (0 or
     * ∞): where it may be running off along an asymptote rather than sitting at an optimum. A parameter
     * within bounds the user gave cannot run off.
     */
    private static boolean runningOff(Problem pb, double[] phi, int j) {
        double d = phi[j] - pb.start[j];
        return pb.log[j] && Math.abs(d) > 8 && (d > 0 ? pb.upper[j] == Double.POSITIVE_INFINITY
            : pb.lower[j] == Double.NEGATIVE_INFINITY);
    }

    /** The finite-difference step of parameter j on the estimation scale. */
    private static double stepOf(Problem pb, int j, double value) {
        return pb.log[j] ? 1e-3 : 1e-3 * Math.max(Math.abs(value), 1e-2);
    }

    /** {gradient, Hessian rows...} of −2LL at phi over the active parameters, central differences. */
    private static double[][] gradientHessian(Problem pb, double[] phi, int[] active, double f0) {
        int n = active.length;
        double[][] out = new double[n + 1][n];
        double[] h = new double[n];
        double[] fp = new double[n];
        double[] fm = new double[n];
        for (int a = 0; a < n; a++) {
            // a step that changes -2LL by about 1: large enough above the solver's noise, small enough that
            // the cubic term does not bias the gradient of a sharply curved objective
            int j = active[a];
            double h0 = stepOf(pb, j, phi[j]);
            double c = (objectiveAt(pb, shifted(phi, j, h0, -1, 0)) - 2 * f0
                + objectiveAt(pb, shifted(phi, j, -h0, -1, 0))) / (h0 * h0);
            h[a] = c > 0 && Double.isFinite(c) ? Math.max(1e-3 * h0, Math.min(h0, Math.sqrt(2 / c))) : h0;
            fp[a] = objectiveAt(pb, shifted(phi, j, h[a], -1, 0));
            fm[a] = objectiveAt(pb, shifted(phi, j, -h[a], -1, 0));
            out[0][a] = (fp[a] - fm[a]) / (2 * h[a]);
            out[1 + a][a] = (fp[a] - 2 * f0 + fm[a]) / (h[a] * h[a]);
        }
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                int ja = active[a];
                int jb = active[b];
                double pp = objectiveAt(pb, shifted(phi, ja, h[a], jb, h[b]));
                double pm = objectiveAt(pb, shifted(phi, ja, h[a], jb, -h[b]));
                double mp = objectiveAt(pb, shifted(phi, ja, -h[a], jb, h[b]));
                double mm = objectiveAt(pb, shifted(phi, ja, -h[a], jb, -h[b]));
                double v = (pp - pm - mp + mm) / (4 * h[a] * h[b]);
                out[1 + a][b] = v;
                out[1 + b][a] = v;
            }
        }
        return out;
    }

    private static double[] shifted(double[] phi, int j, double dj, int k, double dk) {
        double[] q = phi.clone();
        q[j] += dj;
        if (k >= 0) {
            q[k] += dk;
        }
        return q;
    }

    private static double[] expand(Problem pb, double[] x, int[] active, double[] heldValues, boolean[] held) {
        double[] phi = heldValues.clone();
        for (int a = 0; a < active.length; a++) {
            phi[active[a]] = x[a];
        }
        return phi;
    }

    private static double[] shrink(double[] phi, int[] active) {
        double[] x = new double[active.length];
        for (int a = 0; a < active.length; a++) {
            x[a] = phi[active[a]];
        }
        return x;
    }

    /**
     * Fits the model.
     *
     * @throws IllegalArgumentException before any iteration, for an unknown parameter or observed name,
     *         a parameter both fixed and estimated, no or too few observations, observations before the
     *         first dose, or values that cannot be predicted
     * @throws PkException if the model cannot be solved at the initial parameters
     */
    public Fit fit() {
        Problem pb = new Problem();
        try {
            pb.predict(pb.start);
        } catch (PkException e) {
            throw new PkException("the model cannot be solved at the initial parameters: " + e.getMessage(), e.time(), e);
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(spec.seed());
        Run best = null;
        // every start by Levenberg-Marquardt; only the best is polished and verified (the polish costs as much
        // as a start, and a worse start's local optimum is not reported)
        for (int s = 0; s < spec.starts(); s++) {
            double[] x = s == 0 ? pb.start.clone() : randomStart(pb, rng);
            Run run = escapeRunOff(pb, levenbergMarquardt(pb, x, null));
            if (best == null || run.cost() < best.cost()) {
                best = run;
            }
        }
        return summarise(pb, polish(pb, best, null));
    }

    /**
     * A log-scale parameter that ran far from its start (a factor e^8) may sit on an asymptote rather
     * than an optimum (an error term driven to 0, a rate to ∞, where −2LL only levels off): the fit is
     * restarted with that parameter at its start (and a factor e^1.5 either side), the others kept, and the
     * best optimum kept.
     */
    private Run escapeRunOff(Problem pb, Run run) {
        for (int pass = 0; pass < 2; pass++) {
            Run better = null;
            for (int j = 0; j < run.phi().length; j++) {
                if (runningOff(pb, run.phi(), j)) {
                    for (double shift : new double[] {0, 1.5, -1.5}) {
                        double[] q = run.phi().clone();
                        q[j] = pb.start[j] + shift;
                        Run r = levenbergMarquardt(pb, pb.clamp(q, null, null), null);
                        if (r.cost() < run.cost() - 1e-9 && (better == null || r.cost() < better.cost())) {
                            better = r;
                        }
                    }
                }
            }
            if (better == null) {
                break;
            }
            run = better;
        }
        return run;
    }

    private double[] randomStart(Problem pb, UniformRandomProvider rng) {
        double[] x = pb.start.clone();
        // model and error parameters alike: an error model has local optima of its own (an additive term at 0)
        for (int j = 0; j < x.length; j++) {
            boolean bounded = Double.isFinite(pb.lower[j]) && Double.isFinite(pb.upper[j]);
            if (bounded) {
                x[j] = pb.lower[j] + rng.nextDouble() * (pb.upper[j] - pb.lower[j]);
            } else if (pb.log[j]) {
                x[j] = pb.start[j] + (rng.nextDouble() * 3 - 1.5);
            } else {
                x[j] = pb.start[j] * (0.5 + rng.nextDouble());
            }
            x[j] = Math.max(pb.lower[j], Math.min(pb.upper[j], x[j]));
        }
        return x;
    }

    private Fit summarise(Problem pb, Run best) {
        double[] phi = best.phi();
        double[] f = pb.predict(phi);
        ErrorModel e = pb.errorAt(phi);
        int m = pb.points.size();
        int p = pb.p;
        // Gauss-Newton information of the weighted residuals for the model parameters
        double[][] js = new double[m][p];
        for (int j = 0; j < p; j++) {
            double h = pb.log[j] ? 1e-4 : 1e-4 * Math.max(Math.abs(phi[j]), 1e-2);
            double[] up = phi.clone();
            double[] dn = phi.clone();
            up[j] += h;
            dn[j] -= h;
            double[] ru = pb.residuals(up, pb.predict(up));
            double[] rd = pb.residuals(dn, pb.predict(dn));
            for (int i = 0; i < m; i++) {
                js[i][j] = (ru[i] - rd[i]) / (2 * h);
            }
        }
        RealMatrix jm = new Array2DRowRealMatrix(js, false);
        RealMatrix info = jm.transpose().multiply(jm);
        boolean scaleEstimated = pb.pe > 0 && spec.error().kind() != ErrorModel.Kind.COMBINED
            && pb.points.stream().allMatch(pt -> Double.isNaN(pt.sd()));
        double s2 = scaleEstimated && m > p ? (double) m / (m - p) : 1;
        double[][] cov = new double[p + pb.pe][p + pb.pe];
        for (double[] row : cov) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        // parameters the data do not inform are set aside one by one (the one most along the weakest
        // direction of the information), and the others' covariance is the inverse of what remains
        // a parameter held at a bound the user gave is not free at the optimum: it has no standard error
        boolean[] atBound = new boolean[p + pb.pe];
        List<Integer> kept = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            atBound[j] = spec.bounds().containsKey(spec.free().get(j))
                && (Math.abs(phi[j] - pb.lower[j]) <= AT_BOUND || Math.abs(phi[j] - pb.upper[j]) <= AT_BOUND);
            if (!atBound[j]) {
                kept.add(j);
            }
        }
        List<String> unidentified = new ArrayList<>();
        double cond = p == 0 ? 1 : new SingularValueDecomposition(info).getConditionNumber();
        while (!kept.isEmpty()) {
            RealMatrix sub = info.getSubMatrix(kept.stream().mapToInt(Integer::intValue).toArray(),
                kept.stream().mapToInt(Integer::intValue).toArray());
            SingularValueDecomposition svd = new SingularValueDecomposition(sub);
            double[] sv = svd.getSingularValues();
            if (sv[0] > 0 && sv[sv.length - 1] > IDENTIFIABLE * sv[0]) {
                RealMatrix inv = invert(sub);
                for (int a = 0; inv != null && a < kept.size(); a++) {
                    for (int b = 0; b < kept.size(); b++) {
                        cov[kept.get(a)][kept.get(b)] = s2 * inv.getEntry(a, b);
                    }
                }
                break;
            }
            double[] weakest = svd.getV().getColumn(sv.length - 1);
            int worst = 0;
            for (int a = 1; a < weakest.length; a++) {
                if (Math.abs(weakest[a]) > Math.abs(weakest[worst])) {
                    worst = a;
                }
            }
            unidentified.add(spec.free().get(kept.remove(worst)));
        }
        // error parameters: curvature of -2LL in log(sigma), the model parameters held
        if (pb.pe > 0) {
            double[][] h = new double[pb.pe][pb.pe];
            double d = 1e-3;
            for (int a = 0; a < pb.pe; a++) {
                for (int b = 0; b < pb.pe; b++) {
                    h[a][b] = mixed(pb, phi, f, p + a, p + b, d);
                }
            }
            RealMatrix hi = invert(new Array2DRowRealMatrix(h));
            for (int a = 0; a < pb.pe; a++) {
                for (int b = 0; b < pb.pe; b++) {
                    cov[p + a][p + b] = hi == null ? Double.NaN : 2 * hi.getEntry(a, b);
                }
            }
        }
        List<String> allNames = pb.allNames();
        int k = allNames.size();
        double[][] corr = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                corr[i][j] = i == j ? 1 : cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
            }
        }
        double objective = pb.objective(phi, f);
        List<Fit.Estimate> estimates = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double value = pb.log[j] ? Math.exp(phi[j]) : phi[j];
            double seScale = Math.sqrt(cov[j][j]);
            double se = pb.log[j] ? value * seScale : seScale;
            double lo = pb.log[j] ? Math.exp(phi[j] - 1.959963984540054 * seScale) : phi[j] - 1.959963984540054 * seScale;
            double hi = pb.log[j] ? Math.exp(phi[j] + 1.959963984540054 * seScale) : phi[j] + 1.959963984540054 * seScale;
            double[] prof = j < p && spec.profiles().contains(allNames.get(j)) ? profile(pb, phi, objective, j, seScale)
                : new double[] {Double.NaN, Double.NaN};
            double lb = pb.log[j] ? Math.exp(pb.lower[j]) : pb.lower[j];
            double ub = pb.log[j] ? Math.exp(pb.upper[j]) : pb.upper[j];
            estimates.add(new Fit.Estimate(allNames.get(j), value, se, seScale, 100 * se / Math.abs(value), lo, hi,
                pb.log[j], j >= p, prof[0], prof[1], unitOf(pb, j), lb, ub, atBound[j]));
        }
        List<Fit.Residual> res = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            Point pt = pb.points.get(i);
            double sd = pb.sd(pt, e, f[i]);
            res.add(new Fit.Residual(pt.subject(), pt.time(), pb.names.get(i), pt.value(), f[i], pt.value() - f[i],
                (pt.value() - f[i]) / sd, pt.censored(), pb.readings.get(i).unit()));
        }
        Model fitted = pb.modelAt(phi).withName(spec.model().name());
        return Fit.of(new Fit.Summary(fitted, List.copyOf(estimates), corr, cond, objective, m, List.copyOf(res),
            best.iterations(), pb.evaluations, best.converged(), best.reason(), spec.starts(), e.toString(),
            unidentified, curves(pb, phi), pb.notes()));
    }

    /** Points on each curve's uniform part; a geometric part adds as many for log time axes. */
    private static final int CURVE_POINTS = 240;

    /**
     * The predictions at phi as smooth curves: per subject one solve on a fine grid (uniform and
     * geometric from 0 to its last observation, with the observation times), read as the fit reads them.
     */
    private List<Fit.Curve> curves(Problem pb, double[] phi) {
        Model m = pb.modelAt(phi);
        List<Fit.Curve> out = new ArrayList<>();
        for (Subject s : pb.subjects) {
            double[] obs = s.times();
            double last = obs[obs.length - 1];
            double first = Arrays.stream(obs).filter(t -> t > 0).min().orElse(last);
            java.util.TreeSet<Double> grid = new java.util.TreeSet<>();
            for (int i = 0; i <= CURVE_POINTS; i++) {
                grid.add(last * i / CURVE_POINTS);
                grid.add(first / 10 * Math.pow(10 * last / first, (double) i / CURVE_POINTS));
            }
            for (double t : obs) {
                grid.add(t);
            }
            double[] times = grid.stream().mapToDouble(Double::doubleValue).filter(t -> t <= last).toArray();
            Simulation sim = m.simulate(s.regimen(), times, spec.solver());
            Map<String, Reading> read = new LinkedHashMap<>();
            for (int i : s.points()) {
                Reading r = pb.readings.get(i);
                read.putIfAbsent(r.name() + "|" + r.quantity(), r);
            }
            for (Reading r : read.values()) {
                double[] v = new double[times.length];
                for (int k = 0; k < times.length; k++) {
                    v[k] = pb.prediction(sim, r, k);
                }
                out.add(new Fit.Curve(s.id(), r.name(), r.unit(), times, v));
            }
        }
        return out;
    }

    /**
     * The unit of estimate j: a model parameter's from where the model uses it ("amount" becomes the
     * amount unit when one is given); an additive σ is in the observations' unit when they share one,
     * a proportional one is a fraction.
     */
    private String unitOf(Problem pb, int j) {
        if (j < pb.p) {
            String u = spec.model().parameterUnit(spec.free().get(j));
            return Double.isNaN(spec.amountFactor()) ? u : u.replace("amount", spec.amountUnit());
        }
        boolean proportional = spec.error().kind() == ErrorModel.Kind.PROPORTIONAL
            || spec.error().kind() == ErrorModel.Kind.COMBINED && j - pb.p == 1;
        if (proportional) {
            return "fraction";
        }
        Set<String> units = new LinkedHashSet<>();
        for (Reading r : pb.readings) {
            units.add(r.unit());
        }
        return units.size() == 1 ? units.iterator().next() : "";
    }

    /** ∂²(−2LL)/∂φ_a∂φ_b by central differences (error parameters only: no re-simulation). */
    private static double mixed(Problem pb, double[] phi, double[] f, int a, int b, double d) {
        double[] pp = phi.clone();
        double[] pm = phi.clone();
        double[] mp = phi.clone();
        double[] mm = phi.clone();
        pp[a] += d;
        pp[b] += d;
        pm[a] += d;
        pm[b] -= d;
        mp[a] -= d;
        mp[b] += d;
        mm[a] -= d;
        mm[b] -= d;
        return (pb.objective(pp, f) - pb.objective(pm, f) - pb.objective(mp, f) + pb.objective(mm, f)) / (4 * d * d);
    }

    private static RealMatrix invert(RealMatrix m) {
        LUDecomposition lu = new LUDecomposition(m, 1e-300);
        if (!lu.getSolver().isNonSingular()) {
            return null;
        }
        RealMatrix inv = lu.getSolver().getInverse();
        for (int i = 0; i < inv.getRowDimension(); i++) {
            for (int j = 0; j < inv.getColumnDimension(); j++) {
                if (!Double.isFinite(inv.getEntry(i, j))) {
                    return null;
                }
            }
        }
        return inv;
    }

    /**
     * The profile-likelihood 95 % interval of parameter j: where −2LL, minimised over the others with
     * φ_j held, rises 3.84 above its minimum; found by stepping out in multiples of the SE and bisecting.
     */
    private double[] profile(Problem pb, double[] phi, double min, int j, double se) {
        double step = Double.isFinite(se) && se > 0 ? se : 0.1;
        double[] out = new double[2];
        for (int side = 0; side < 2; side++) {
            double sign = side == 0 ? -1 : 1;
            double inside = 0;
            double outside = Double.NaN;
            double d = step;
            // out to a factor e^PROFILE_REACH from the estimate on the log scale (or as far as the model
            // can be solved): a profile that has not risen by then is reported unbounded on this side
            while (d <= PROFILE_REACH) {
                double excess = profileExcess(pb, phi, min, j, phi[j] + sign * d);
                if (excess > 0) {
                    outside = d;
                    break;
                }
                if (Double.isNaN(excess)) {
                    break;
                }
                inside = d;
                d *= 2;
                if (phi[j] + sign * d < pb.lower[j] || phi[j] + sign * d > pb.upper[j]) {
                    break;
                }
            }
            if (Double.isNaN(outside)) {
                // the profile never rises enough: unbounded on this side
                out[side] = sign < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                continue;
            }
            for (int k = 0; k < 30 && outside - inside > 1e-4 * step; k++) {
                double mid = 0.5 * (inside + outside);
                if (profileExcess(pb, phi, min, j, phi[j] + sign * mid) > 0) {
                    outside = mid;
                } else {
                    inside = mid;
                }
            }
            double x = phi[j] + sign * 0.5 * (inside + outside);
            out[side] = pb.log[j] ? Math.exp(x) : x;
        }
        return out;
    }

    /**
     * −2LL minimised with parameter j held at {@code value}, less the minimum and 3.84; NaN where the
     * model cannot be solved or gives an invalid number there (the profile ends).
     */
    private double profileExcess(Problem pb, double[] phi, double min, int j, double value) {
        double[] start = phi.clone();
        start[j] = value;
        boolean[] held = new boolean[phi.length];
        held[j] = true;
        try {
            Run r = optimize(pb, start, held);
            double[] f = pb.predict(r.phi());
            double excess = pb.objective(r.phi(), f) - min - CHI2_95;
            return Double.isFinite(excess) ? excess : Double.NaN;
        } catch (PkException | IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Fitter of %s: estimate %s, %s, %d start(s)", spec.model().name(), spec.free(), spec.error(),
            spec.starts());
    }
}
