package org.nanopk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nanopk.internal.Arrays2;
import org.nanopk.internal.Checks;

/**
 * The result of fitting a model to observations ({@code org.nanopk.fit.Fitter}): estimates with
 * standard errors, RSE, 95 % confidence intervals and correlations, the objective and information
 * criteria, residuals, and how the optimisation ended. {@link #model()} is the fitted model.
 * {@code toString()} prints the table. Immutable.
 *
 * <p>Standard errors come from the Gauss–Newton information matrix JᵀJ of the weighted residuals on
 * the estimation scale (log for log-scale parameters), scaled by n/(n − p) when the error scale is
 * estimated (as R's {@code nls} does with σ² = RSS/(n − p)); the 95 % interval is Wald on the
 * estimation scale, exp(log θ ± 1.96·SE) for log-scale parameters. Error parameters' SE come from the
 * curvature of −2 log-likelihood.
 */
public final class Fit {

    /**
     * One estimated parameter.
     *
     * @param name the parameter (error parameters: sigma_add, sigma_prop)
     * @param value the estimate
     * @param se its standard error (on the natural scale, by the delta method)
     * @param seEstimationScale the standard error on the estimation scale (of log θ for log-scale ones)
     * @param rse the relative standard error, 100·SE/|estimate| (%)
     * @param lower the lower 95 % bound (Wald on the estimation scale)
     * @param upper the upper 95 % bound
     * @param logScale true if estimated as log θ
     * @param errorParameter true for a parameter of the error model
     * @param profileLower the lower profile-likelihood 95 % bound, NaN if not computed, −∞ if the profile
     *                     does not rise enough within a factor e^20 of the estimate (the data do not bound it)
     * @param profileUpper the upper profile-likelihood 95 % bound, NaN if not computed, +∞ if unbounded
     * @param unit the unit of the value ("1/h", "mL", ...; "" when the model does not fix one)
     * @param lowerBound the lower bound the fit honoured (0 or −∞ when none was given)
     * @param upperBound the upper bound the fit honoured (+∞ when none was given)
     * @param atBound true when the estimate sits on a bound given by the user: the data push it beyond,
     *                and it has no standard error
     */
    public record Estimate(String name, double value, double se, double seEstimationScale, double rse, double lower,
                           double upper, boolean logScale, boolean errorParameter, double profileLower,
                           double profileUpper, String unit, double lowerBound, double upperBound, boolean atBound) {
        /** Rejects a null name or unit. */
        public Estimate {
            Checks.notNull("estimate name", name);
            Checks.notNull("unit of " + name, unit);
        }

        /** True when a bound was given (not the default 0 or ±∞ of the estimation scale). */
        public boolean bounded() {
            return lowerBound > (logScale ? 0 : Double.NEGATIVE_INFINITY) || upperBound < Double.POSITIVE_INFINITY;
        }
    }

    /**
     * One observation with its prediction.
     *
     * @param subject the subject
     * @param time the time (h)
     * @param name the compartment or output
     * @param observed the observed value (base unit of its quantity)
     * @param predicted the prediction
     * @param raw observed − predicted
     * @param weighted (observed − predicted)/σ
     * @param censored true if below the limit of quantification
     * @param unit the unit of observed and predicted ({@code ""}: the model's own value, unconverted)
     */
    public record Residual(String subject, double time, String name, double observed, double predicted, double raw,
                           double weighted, boolean censored, String unit) {
        /** The observed name with its unit, as the report groups it: {@code "Tumor (%ID)"}. */
        public String label() {
            return Fit.label(name, unit);
        }
    }

    /**
     * The fitted prediction of one observed name for one subject as a smooth curve: the dense solution
     * on a fine time grid from 0 to the subject's last observation (with the observation times), in the
     * unit of the observations.
     *
     * @param subject the subject
     * @param name the compartment or output
     * @param unit the unit of the values (as in {@link Residual#unit()})
     * @param times the times (h), increasing
     * @param values the predictions at those times
     */
    public record Curve(String subject, String name, String unit, double[] times, double[] values) {
        /** Copies the arrays in; rejects a null name or unit and arrays of different lengths. */
        public Curve {
            Checks.notNull("curve name", name);
            Checks.notNull("unit of " + name, unit);
            times = times.clone();
            values = values.clone();
            if (times.length != values.length) {
                throw new IllegalArgumentException("curve of " + name + ": " + times.length + " times but "
                    + values.length + " values; expected as many");
            }
        }

        /** The times (a copy). */
        @Override
        public double[] times() {
            return times.clone();
        }

        /** The values (a copy). */
        @Override
        public double[] values() {
            return values.clone();
        }

        /** The name with its unit: {@code "Tumor (%ID)"}, as {@link Residual#label()}. */
        public String label() {
            return Fit.label(name, unit);
        }
    }

    /**
     * Everything a fit reports; made by the fitter.
     *
     * @param model the fitted model
     * @param estimates the estimated parameters
     * @param correlation their correlation matrix
     * @param conditionNumber the condition number of JᵀJ
     * @param objective −2 log-likelihood at the estimates
     * @param observations the number of observations fitted
     * @param residuals the residuals
     * @param iterations optimiser iterations (of the best start)
     * @param evaluations model evaluations (all starts)
     * @param converged whether the optimiser converged
     * @param reason how it ended
     * @param starts the number of starts tried
     * @param errorModel the fitted error model, in words
     * @param unidentified the estimated parameters the data do not inform (the information matrix is
     *                     singular in their direction): they have no standard error
     * @param curves the fitted predictions as smooth curves, per subject and observed name
     * @param comparisons per observed name and unit, what it was compared with, in words; and how
     *                    subjects were dosed
     */
    public record Summary(Model model, List<Estimate> estimates, double[][] correlation, double conditionNumber,
                          double objective, int observations, List<Residual> residuals, int iterations,
                          int evaluations, boolean converged, String reason, int starts, String errorModel,
                          List<String> unidentified, List<Curve> curves, List<String> comparisons) {
        /** Copies the lists and the matrix in. */
        public Summary {
            curves = List.copyOf(curves);
            unidentified = List.copyOf(unidentified);
            comparisons = List.copyOf(comparisons);
            estimates = List.copyOf(estimates);
            residuals = List.copyOf(residuals);
            correlation = Arrays2.copy(correlation);
        }

        /** The correlation matrix of the estimates (a copy). */
        @Override
        public double[][] correlation() {
            return Arrays2.copy(correlation);
        }
    }

    /** An observed name with its unit, as reports group it: {@code "Tumor (%ID)"}, or the name alone. */
    private static String label(String name, String unit) {
        return unit.isEmpty() ? name : name + " (" + unit + ")";
    }

    /** Above this relative standard error (%) an estimate is reported as poorly identified. */
    private static final int POOR_RSE = 100;

    private final Summary s;
    private final List<String> warnings;

    private Fit(Summary s, List<String> warnings) {
        this.s = s;
        this.warnings = warnings;
    }

    /** A fit result (made by {@code org.nanopk.fit.Fitter}); adds warnings for high correlations and ill-conditioning. */
    public static Fit of(Summary s) {
        Checks.notNull("fit summary", s);
        List<String> w = new ArrayList<>();
        List<Estimate> e = s.estimates();
        double[][] r = s.correlation();
        for (int i = 0; i < r.length; i++) {
            for (int j = i + 1; j < r.length; j++) {
                if (Math.abs(r[i][j]) > 0.95) {
                    w.add(String.format(Locale.ROOT, "%s and %s are highly correlated (r = %.3f): the data may not "
                        + "identify both", e.get(i).name(), e.get(j).name(), r[i][j]));
                }
            }
        }
        for (String u : s.unidentified()) {
            w.add(u + " is not identifiable from these data (the information matrix is singular in its direction): "
                + "its standard error is unknown; fix it, or add data that inform it");
        }
        if (s.unidentified().isEmpty() && !(s.conditionNumber() < 1e10)) {
            w.add("J'J is ill-conditioned (condition number " + na(s.conditionNumber())
                + "): some parameters are poorly identified by these data");
        }
        if (!s.converged()) {
            w.add("the optimiser did not converge: " + s.reason());
        }
        Residual worst = null;
        for (Residual res : s.residuals()) {
            if (!res.censored() && (worst == null || Math.abs(res.weighted()) > Math.abs(worst.weighted()))) {
                worst = res;
            }
        }
        if (worst != null && Math.abs(worst.weighted()) > 100) {
            w.add(String.format(Locale.ROOT, "the observation of %s at %s h (subject %s) is %s standard deviations "
                + "from its prediction %s: with a proportional error model a prediction near 0 has almost no error "
                + "allowed; use a combined error model or leave such observations out", worst.name(),
                Checks.g(worst.time()), worst.subject(), Checks.g(Math.abs(worst.weighted())),
                Checks.g(worst.predicted())));
        }
        for (Estimate est : e) {
            if (Double.isInfinite(est.profileLower()) || Double.isInfinite(est.profileUpper())) {
                w.add(est.name() + ": the profile likelihood does not rise by 3.84 within a factor e^20 of the "
                    + "estimate" + (Double.isInfinite(est.profileLower()) && Double.isInfinite(est.profileUpper())
                    ? " on either side" : Double.isInfinite(est.profileLower()) ? " below it" : " above it")
                    + ": the data do not bound it; fix it or add data that inform it");
            }
            boolean finite = Double.isFinite(est.se()) && Double.isFinite(est.lower()) && Double.isFinite(est.upper());
            if (est.atBound()) {
                w.add(est.name() + " is at its " + (est.value() <= est.lowerBound() ? "lower bound " + Checks.g(est.lowerBound())
                    : "upper bound " + Checks.g(est.upperBound())) + ": the data push it beyond, so it has no standard "
                    + "error; widen the bound, or fix it there");
            } else if (!finite && !s.unidentified().contains(est.name())) {
                w.add(est.name() + " is not identifiable from these data (its standard error or interval is not finite"
                    + "): fix it, or add data that inform it");
            } else if (finite && est.rse() > POOR_RSE) {
                w.add(String.format(Locale.ROOT, "%s is poorly identified (RSE %s %% > %d %%): the data hardly inform "
                    + "it; fix it, or add data that inform it", est.name(), Checks.g(est.rse()), POOR_RSE));
            }
        }
        return new Fit(s, List.copyOf(w));
    }

    /** Everything the fit found ({@code Fit.of(fit.summary())} is the same fit). */
    public Summary summary() {
        return s;
    }

    /** The model with the estimates in place. */
    public Model model() {
        return s.model();
    }

    /** The estimates. */
    public List<Estimate> estimates() {
        return s.estimates();
    }

    /** The estimate of one parameter. */
    public Estimate estimate(String name) {
        for (Estimate e : s.estimates()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw Checks.unknown("estimated parameter", name, s.estimates().stream().map(Estimate::name).toList());
    }

    /** The correlation matrix of the estimates (a copy). */
    public double[][] correlation() {
        return s.correlation();
    }

    /** The condition number of JᵀJ. */
    public double conditionNumber() {
        return s.conditionNumber();
    }

    /** −2 log-likelihood at the estimates. */
    public double objective() {
        return s.objective();
    }

    /** AIC = −2LL + 2k. */
    public double aic() {
        return s.objective() + 2 * s.estimates().size();
    }

    /** BIC = −2LL + k·ln n. */
    public double bic() {
        return s.objective() + s.estimates().size() * Math.log(s.observations());
    }

    /**
     * The sum of squared raw residuals of the uncensored observations, when they share one unit.
     *
     * @throws IllegalArgumentException if observations in different units were fitted (their squares do not
     *                                  add up: see {@link #sumOfSquaresByName()})
     */
    public double sumOfSquares() {
        Map<String, Double> byName = sumOfSquaresByName();
        java.util.Set<String> units = new java.util.LinkedHashSet<>();
        s.residuals().forEach(r -> units.add(r.unit()));
        if (units.size() > 1) {
            throw new IllegalArgumentException("the fitted observations are in " + units.size() + " units " + units
                + "; squares of different units do not add up: use sumOfSquaresByName()");
        }
        double ss = 0;
        for (double v : byName.values()) {
            ss += v;
        }
        return ss;
    }

    /** The sum of squared raw residuals of the uncensored observations, per observed name and unit ({@link Residual#label()}). */
    public Map<String, Double> sumOfSquaresByName() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Residual r : s.residuals()) {
            m.merge(r.label(), r.censored() ? 0 : r.raw() * r.raw(), Double::sum);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Per observed name and unit, what it was compared with; and how the subjects were dosed. */
    public List<String> comparisons() {
        return s.comparisons();
    }

    /** The fitted predictions as smooth curves from the dense solution, per subject and observed name. */
    public List<Curve> curves() {
        return s.curves();
    }

    /** The residuals, one per observation. */
    public List<Residual> residuals() {
        return s.residuals();
    }

    /** The number of observations. */
    public int observations() {
        return s.observations();
    }

    /** Optimiser iterations of the best start. */
    public int iterations() {
        return s.iterations();
    }

    /** Model evaluations over all starts. */
    public int evaluations() {
        return s.evaluations();
    }

    /** True if the optimiser converged. */
    public boolean converged() {
        return s.converged();
    }

    /** How the optimisation ended. */
    public String reason() {
        return s.reason();
    }

    /** Warnings: high correlations, ill-conditioning, non-convergence. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The estimated parameters these data do not inform (the information matrix is singular in their
     * direction): their standard errors are unknown; fix them, or add data that inform them.
     */
    public List<String> unidentified() {
        return s.unidentified();
    }

    /** The fitted error model, in words. */
    public String errorModel() {
        return s.errorModel();
    }

    /** A table of estimates, then the objective, criteria, convergence and warnings. */
    @Override
    public String toString() {
        boolean profiles = s.estimates().stream().anyMatch(e -> !Double.isNaN(e.profileLower()));
        List<String> header = new ArrayList<>(List.of("parameter", "unit", "estimate", "SE", "RSE %", "95% CI"));
        if (profiles) {
            header.add("profile 95% CI");
        }
        Table.Builder t = Table.builder(header.toArray(new String[0]));
        for (Estimate e : s.estimates()) {
            boolean known = Double.isFinite(e.se()) && Double.isFinite(e.lower()) && Double.isFinite(e.upper());
            List<String> row = new ArrayList<>(List.of(e.name(), e.unit(), Checks.g(e.value())));
            row.addAll(e.atBound() ? List.of("at bound", "", "") : known ? List.of(na(e.se()), na(e.rse()),
                "[" + na(e.lower()) + ", " + na(e.upper()) + "]") : List.of("not identifiable", "", ""));
            if (profiles) {
                row.add(Double.isNaN(e.profileLower()) ? "" : "[" + bound(e.profileLower()) + ", "
                    + bound(e.profileUpper()) + "]");
            }
            t.row(row.toArray(new String[0]));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Fit of ").append(s.model().name()).append(" to ").append(s.observations())
            .append(" observations (").append(s.errorModel()).append(")\n").append(t).append('\n');
        StringBuilder ss = new StringBuilder();
        Map<String, Double> byName = sumOfSquaresByName();
        byName.forEach((label, v) -> ss.append(ss.length() == 0 ? "" : ", ").append(byName.size() == 1 ? "" : label + " ")
            .append(Checks.g(v)));
        sb.append(String.format(Locale.ROOT, "-2LL %s   AIC %s   BIC %s   SS %s%n", Checks.g(objective()),
            Checks.g(aic()), Checks.g(bic()), ss));
        sb.append(s.converged() ? "converged" : "NOT converged").append(": ").append(s.reason()).append(" (")
            .append(s.iterations()).append(" iterations, ").append(s.evaluations()).append(" model evaluations, ")
            .append(s.starts()).append(s.starts() == 1 ? " start)" : " starts)");
        if (s.estimates().stream().filter(e -> !e.errorParameter()).count() > 1) {
            sb.append("\ncorrelation:\n").append(correlationTable());
        }
        for (String c : s.comparisons()) {
            sb.append("\ncompared: ").append(c);
        }
        for (Estimate e : s.estimates()) {
            if (e.bounded()) {
                sb.append("\nbounds: ").append(e.name()).append(" in [").append(Checks.g(e.lowerBound())).append(", ")
                    .append(Checks.g(e.upperBound())).append(']');
            }
        }
        for (String w : warnings) {
            sb.append("\nwarning: ").append(w);
        }
        return sb.toString();
    }

    /** The correlations of the model's parameters (those of the error model with them are not computed). */
    private String correlationTable() {
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < s.estimates().size(); i++) {
            if (!s.estimates().get(i).errorParameter()) {
                shown.add(i);
            }
        }
        String[] header = new String[shown.size() + 1];
        header[0] = "";
        for (int a = 0; a < shown.size(); a++) {
            header[a + 1] = s.estimates().get(shown.get(a)).name();
        }
        Table.Builder t = Table.builder(header);
        double[][] c = s.correlation();
        for (int a = 0; a < shown.size(); a++) {
            String[] row = new String[header.length];
            row[0] = header[a + 1];
            for (int b = 0; b < shown.size(); b++) {
                double r = c[shown.get(a)][shown.get(b)];
                row[b + 1] = b > a ? "" : Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.3f", r);
            }
            t.row(row);
        }
        return t.toString();
    }

    private static String na(double v) {
        return Double.isNaN(v) ? "n/a" : Checks.g(v);
    }

    private static String bound(double v) {
        return Double.isInfinite(v) ? "unbounded" : na(v);
    }
}
