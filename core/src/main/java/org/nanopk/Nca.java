package org.nanopk;

import static org.nanopk.NcaParameter.AUCALL;
import static org.nanopk.NcaParameter.AUCIFO;
import static org.nanopk.NcaParameter.AUCIFP;
import static org.nanopk.NcaParameter.AUCLST;
import static org.nanopk.NcaParameter.AUCPBEO;
import static org.nanopk.NcaParameter.AUCPBEP;
import static org.nanopk.NcaParameter.AUCPEO;
import static org.nanopk.NcaParameter.AUCPEP;
import static org.nanopk.NcaParameter.AUMCIFO;
import static org.nanopk.NcaParameter.AUMCIFP;
import static org.nanopk.NcaParameter.AUMCLST;
import static org.nanopk.NcaParameter.C0;
import static org.nanopk.NcaParameter.CLST;
import static org.nanopk.NcaParameter.CMAX;
import static org.nanopk.NcaParameter.LAMZ;
import static org.nanopk.NcaParameter.LAMZHL;
import static org.nanopk.NcaParameter.LAMZLL;
import static org.nanopk.NcaParameter.LAMZNPT;
import static org.nanopk.NcaParameter.LAMZUL;
import static org.nanopk.NcaParameter.R2;
import static org.nanopk.NcaParameter.R2ADJ;
import static org.nanopk.NcaParameter.TLST;
import static org.nanopk.NcaParameter.TMAX;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nanopk.internal.Checks;

/**
 * Non-compartmental analysis of one profile after a single dose at time 0, with the parameters named by
 * their CDISC PP test codes ({@link NcaParameter}). Immutable.
 *
 * <p><b>Measured values</b> ({@link #of(double[], double[], NcaOptions)}, or a measured {@link Series})
 * follow Phoenix WinNonlin's rules, which PKNCA shares. Samples are used as given: a value at t = 0 is
 * kept, and none is invented after an extravascular dose (the AUC then starts at the first sample). After
 * an infusion C(0) = 0 is added when there is no sample at 0; after an IV bolus without one, C0 is
 * back-extrapolated log-linearly from the first two samples (the first value if they do not fall) and
 * starts the AUC. AUC and AUMC are linear trapezoids, or linear up/log down
 * ({@link NcaOptions.Auc}). λz is the negative slope of ln C on t over the last n ≥ 3 positive values,
 * from after Cmax (extravascular, infusion) or from Cmax (bolus); among the fits with a negative slope
 * the largest adjusted R² wins, and of the fits within 1e-4 of it the one with the most points.
 * Extrapolations use the last positive value (…O) or the regression's prediction at its time (…P).
 * MRT after an infusion subtracts half its duration.
 *
 * <p><b>A simulated series</b> is read from its solution, not its points: Cmax and Tmax from the
 * continuous solution, AUC and AUMC over the simulated span integrated exactly over the solver's
 * steps (by quadrature states where the solution is a matrix exponential), and λz = −C′/C at the last time (the solution's own terminal rate there). Its regression
 * parameters and …P extrapolations are reported missing, with that reason.
 *
 * <p>A parameter that cannot be computed is missing, with the reason ({@link #missing()}); reading it
 * with {@link #value(NcaParameter)} throws that reason.
 */
public final class Nca implements NcaResult {
    /** Fits within this of the best adjusted R² count as equally good (then more points win). */
    public static final double R2ADJ_TOLERANCE = 1e-4;

    private final NcaOptions options;
    private final String unit;
    private final boolean fromSolution;
    private final List<NcaParameter> reportable;
    private final double[] values;
    private final String[] reasons;
    private final List<String> notes;

    private Nca(NcaOptions options, String unit, boolean fromSolution, double[] values, String[] reasons,
                List<String> notes) {
        this.options = options;
        this.unit = unit;
        this.fromSolution = fromSolution;
        this.reportable = NcaParameter.reportedFor(options.route());
        this.values = values;
        this.reasons = reasons;
        this.notes = List.copyOf(notes);
    }

    /**
     * NCA of measured values.
     *
     * @param times sample times after the dose (h), increasing, each once
     * @param values the values at those times, finite and &gt;= 0 (0 for below the limit of quantification)
     * @param options the route, dose and AUC rule
     */
    public static Nca of(double[] times, double[] values, NcaOptions options) {
        Checks.notNull("times", times);
        Checks.notNull("values", values);
        Checks.notNull("NCA options", options);
        return measured("profile", times.clone(), values.clone(), "", options);
    }

    /**
     * NCA of measured values, named for messages.
     *
     * @param name what the profile is (a subject, a tissue), named in error messages
     * @param unit the values' unit (a label; {@code ""} if not known)
     */
    public static Nca of(String name, String unit, double[] times, double[] values, NcaOptions options) {
        Checks.notNull("profile name", name);
        Checks.notNull("unit", unit);
        Checks.notNull("times", times);
        Checks.notNull("values", values);
        Checks.notNull("NCA options", options);
        return measured(name, times.clone(), values.clone(), unit, options);
    }

    /** NCA of a series: of its solution for a simulated series, of its points for measured values. */
    public static Nca of(Series s, NcaOptions options) {
        Checks.notNull("series", s);
        Checks.notNull("NCA options", options);
        return s.isContinuous() ? fromSolution(s, options) : measured(s.name(), s.times(), s.values(), s.unit(), options);
    }

    // ---- the result --------------------------------------------------------------------------

    /** The options the analysis used. */
    public NcaOptions options() {
        return options;
    }

    /** The unit of the profile's values ({@code ""} if not given). */
    @Override
    public String unit() {
        return unit;
    }

    /** True if read from a simulation's continuous solution, false for measured points. */
    public boolean isFromSolution() {
        return fromSolution;
    }

    /** True if the parameter was computed. */
    public boolean has(NcaParameter p) {
        Checks.notNull("NCA parameter", p);
        return reportable.contains(p) && reasons[p.ordinal()] == null;
    }

    /**
     * The value of a parameter (in the unit {@link NcaParameter#unit} gives).
     *
     * @throws IllegalArgumentException if it is missing (the message says why) or not reported for this route
     */
    public double value(NcaParameter p) {
        Checks.notNull("NCA parameter", p);
        if (!reportable.contains(p)) {
            throw new IllegalArgumentException(p + " is not an NCA parameter of a " + options.route() + " dose; "
                + "expected one of " + reportable);
        }
        if (reasons[p.ordinal()] != null) {
            throw new IllegalArgumentException(p + " (" + p.description() + ") is missing: " + reasons[p.ordinal()]);
        }
        return values[p.ordinal()];
    }

    /** The value of the parameter with PP test code {@code code} (for example {@code "AUCIFO"}). */
    public double value(String code) {
        return value(NcaParameter.of(code));
    }

    /** The computed parameters and their values, by PP test code, in {@link NcaParameter}'s order. */
    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (NcaParameter p : reportable) {
            if (reasons[p.ordinal()] == null) {
                m.put(p.name(), values[p.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** The parameters that could not be computed, by PP test code, each with the reason. */
    @Override
    public Map<String, String> missing() {
        Map<String, String> m = new LinkedHashMap<>();
        for (NcaParameter p : reportable) {
            if (reasons[p.ordinal()] != null) {
                m.put(p.name(), reasons[p.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** What the analysis assumed or how it read the profile (for example an added C(0) = 0), in words. */
    @Override
    public List<String> notes() {
        return notes;
    }

    /** True if λz was estimated (the extrapolations to infinity are then known). */
    public boolean hasTerminalPhase() {
        return has(LAMZ);
    }

    /** CMAX, the largest value. */
    public double cmax() {
        return value(CMAX);
    }

    /** TMAX, its time (h). */
    public double tmax() {
        return value(TMAX);
    }

    /** AUCLST, the AUC to the last positive value (value·h). */
    public double aucLast() {
        return value(AUCLST);
    }

    /** AUCIFO, the AUC extrapolated to infinity from the last positive value (value·h). */
    public double aucInf() {
        return value(AUCIFO);
    }

    /** AUMCLST, the area under t·C to the last positive value (value·h²). */
    public double aumcLast() {
        return value(AUMCLST);
    }

    /** LAMZ, the terminal rate constant λz (1/h). */
    public double lambdaZ() {
        return value(LAMZ);
    }

    /** LAMZHL, the terminal half-life ln 2/λz (h). */
    public double halfLife() {
        return value(LAMZHL);
    }

    /** MRTEVIFO or MRTIVIFO, the mean residence time extrapolated to infinity (h). */
    public double mrt() {
        return value(extravascular() ? NcaParameter.MRTEVIFO : NcaParameter.MRTIVIFO);
    }

    /** CLFO (extravascular) or CLO (IV), dose/AUCIFO. */
    public double cl() {
        return value(extravascular() ? NcaParameter.CLFO : NcaParameter.CLO);
    }

    /** VSSO, the volume at steady state MRTIVIFO·CLO (IV doses only). */
    public double vss() {
        return value(NcaParameter.VSSO);
    }

    private boolean extravascular() {
        return options.route() == NcaOptions.Route.EXTRAVASCULAR;
    }

    /**
     * A table of the computed parameters (code, what it is, value, unit), then the missing ones grouped
     * by reason, then the notes.
     */
    @Override
    public String toString() {
        String doseUnit = options.hasDose() ? "" : "dose";
        Table.Builder t = Table.builder("PPTESTCD", "parameter", "value", "unit");
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (NcaParameter p : reportable) {
            if (reasons[p.ordinal()] == null) {
                t.row(p.name(), p.description(), Checks.g(values[p.ordinal()]), p.unit(unit, doseUnit));
            } else {
                byReason.computeIfAbsent(reasons[p.ordinal()], k -> new java.util.ArrayList<>()).add(p.name());
            }
        }
        StringBuilder sb = new StringBuilder("NCA (" + options + (fromSolution ? ", from the solution" : "") + ")\n");
        sb.append(t);
        byReason.forEach((why, codes) -> sb.append("\nmissing ").append(String.join(", ", codes)).append(": ")
            .append(why));
        for (String n : notes) {
            sb.append("\nnote: ").append(n);
        }
        return sb.toString();
    }

    // ---- measured values ------------------------------------------------------------------------

    /** Accumulates values and reasons by parameter. */
    private static final class Sheet {
        final double[] v = new double[NcaParameter.values().length];
        final String[] why = new String[NcaParameter.values().length];
        /** The regression's value at the last positive time, for the …P extrapolations. */
        double clastPredicted = Double.NaN;
        /** Why the …P extrapolations are missing when λz is known, or null. */
        String noPrediction;
        /** Why the back-extrapolated share is missing, or null. */
        String noBackExtrapolation;

        Sheet() {
            java.util.Arrays.fill(why, "not computed");
        }

        void set(NcaParameter p, double x) {
            if (Double.isFinite(x)) {
                v[p.ordinal()] = x;
                why[p.ordinal()] = null;
            } else {
                why[p.ordinal()] = "it is " + x;
            }
        }

        void missing(String reason, NcaParameter... ps) {
            for (NcaParameter p : ps) {
                why[p.ordinal()] = reason;
            }
        }

        boolean has(NcaParameter p) {
            return why[p.ordinal()] == null;
        }

        double get(NcaParameter p) {
            return v[p.ordinal()];
        }

        /** The reason p is missing, as a dependency of another parameter. */
        String because(NcaParameter p) {
            return "needs " + p + ", which is missing: " + why[p.ordinal()];
        }
    }

    static void validate(String name, double[] t, double[] c) {
        if (t.length != c.length) {
            throw new IllegalArgumentException("NCA of '" + name + "': " + t.length + " times but " + c.length
                + " values; expected one value per time");
        }
        if (t.length == 0) {
            throw new IllegalArgumentException("NCA of '" + name + "': no samples; expected at least one");
        }
        for (int i = 0; i < t.length; i++) {
            if (!Double.isFinite(t[i]) || t[i] < 0) {
                throw new IllegalArgumentException("NCA of '" + name + "': time[" + i + "] = " + t[i]
                    + "; expected a finite time >= 0 h after the dose");
            }
            if (!Double.isFinite(c[i]) || c[i] < 0) {
                throw new IllegalArgumentException("NCA of '" + name + "': value at " + Checks.g(t[i]) + " h = " + c[i]
                    + (c[i] < 0 ? " is negative" : " is not finite") + "; expected a value >= 0 (0 if below the limit "
                    + "of quantification)");
            }
            if (i > 0 && t[i] == t[i - 1]) {
                throw new IllegalArgumentException("NCA of '" + name + "': time " + Checks.g(t[i]) + " h appears twice; "
                    + "expected each time once (for one animal per time use the sparse analysis)");
            }
            if (i > 0 && t[i] < t[i - 1]) {
                throw new IllegalArgumentException("NCA of '" + name + "': time " + Checks.g(t[i]) + " h comes after "
                    + Checks.g(t[i - 1]) + " h; expected increasing times");
            }
        }
    }

    private static Nca measured(String name, double[] t, double[] c, String unit, NcaOptions o) {
        validate(name, t, c);
        int n = t.length;
        Sheet s = new Sheet();
        List<String> notes = new java.util.ArrayList<>();
        int imax = 0;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (c[i] > c[imax]) {
                imax = i;
            }
            if (c[i] > 0) {
                last = i;
            }
        }
        s.set(CMAX, c[imax]);
        s.set(TMAX, t[imax]);

        // the profile the areas run over: the samples, after an IV dose with its value at time 0 first
        double[] tt = t;
        double[] cc = c;
        boolean log = o.auc() == NcaOptions.Auc.LINEAR_UP_LOG_DOWN;
        NcaOptions.Route route = o.route();
        if (route == NcaOptions.Route.BOLUS) {
            double c0 = c[0];
            if (t[0] > 0) {
                if (n > 1 && c[1] < c[0] && c[1] > 0) {
                    c0 = c[0] * Math.exp(Math.log(c[0] / c[1]) * t[0] / (t[1] - t[0]));
                    notes.add("C0 back-extrapolated to 0 h from the samples at " + Checks.g(t[0]) + " and "
                        + Checks.g(t[1]) + " h");
                } else {
                    notes.add("C0 is the first value (at " + Checks.g(t[0]) + " h): the first two samples do not fall");
                }
                tt = prepend(0, t);
                cc = prepend(c0, c);
            }
            s.set(C0, c0);
        } else if (route == NcaOptions.Route.INFUSION && t[0] > 0) {
            tt = prepend(0, t);
            cc = prepend(0, c);
            notes.add("C(0) = 0 at the start of the infusion (no sample at 0 h)");
        } else if (route == NcaOptions.Route.EXTRAVASCULAR && t[0] > 0) {
            notes.add("AUC from the first sample, at " + Checks.g(t[0]) + " h: no value at 0 h is assumed");
        }
        int shift = tt.length - n;

        if (last < 0) {
            s.missing("no value is positive", TLST, CLST, AUCLST, AUMCLST);
            s.set(AUCALL, area(tt, cc, tt.length - 1, false));
        } else {
            int l = last + shift;
            s.set(TLST, t[last]);
            s.set(CLST, c[last]);
            double auc = area(tt, cc, l, log);
            s.set(AUCLST, auc);
            // after the last positive value every value is 0: one linear trapezoid down to the next
            s.set(AUCALL, auc + (l + 1 < tt.length ? (cc[l] + cc[l + 1]) / 2 * (tt[l + 1] - tt[l]) : 0));
            s.set(AUMCLST, moment(tt, cc, l, log));
        }
        boolean bolus = route == NcaOptions.Route.BOLUS;
        lambdaZ(s, t, c, bolus ? imax : imax + 1, bolus);
        double backArea = shift == 1 && bolus ? segment(tt[0], tt[1], cc[0], cc[1], log) : 0;
        derived(s, o, backArea);
        return new Nca(o, unit, false, s.v, s.why, notes);
    }

    private static double[] prepend(double x, double[] a) {
        double[] b = new double[a.length + 1];
        b[0] = x;
        System.arraycopy(a, 0, b, 1, a.length);
        return b;
    }

    /** λz by the best-fit rule over the positive values from index {@code from} on. */
    private static void lambdaZ(Sheet s, double[] t, double[] c, int from, boolean fromCmax) {
        NcaParameter[] all = {LAMZ, LAMZHL, LAMZLL, LAMZUL, LAMZNPT, R2, R2ADJ};
        int[] pos = new int[t.length];
        int k = 0;
        for (int i = from; i < t.length; i++) {
            if (c[i] > 0) {
                pos[k++] = i;
            }
        }
        if (k < 3) {
            s.missing("λz needs at least 3 positive values " + (fromCmax ? "from Cmax on" : "after Cmax") + "; there "
                + (k == 1 ? "is " : "are ") + k, all);
            s.noPrediction = s.because(LAMZ);
            return;
        }
        double bestAdj = Double.NEGATIVE_INFINITY;
        double[][] fits = new double[k + 1][];
        for (int m = 3; m <= k; m++) {
            double[] f = regress(t, c, pos, k - m, k);
            if (f[0] < 0) {
                fits[m] = f;
                bestAdj = Math.max(bestAdj, f[3]);
            }
        }
        int bestN = 0;
        for (int m = k; m >= 3 && bestN == 0; m--) {
            if (fits[m] != null && fits[m][3] >= bestAdj - R2ADJ_TOLERANCE) {
                bestN = m;
            }
        }
        if (bestN == 0) {
            s.missing("no log-linear regression on the last 3 or more positive values falls (every slope is >= 0)",
                all);
            s.noPrediction = s.because(LAMZ);
            return;
        }
        double[] f = fits[bestN];
        double lz = -f[0];
        s.set(LAMZ, lz);
        s.set(LAMZHL, Math.log(2) / lz);
        s.set(LAMZLL, t[pos[k - bestN]]);
        s.set(LAMZUL, t[pos[k - 1]]);
        s.set(LAMZNPT, bestN);
        s.set(R2, f[2]);
        s.set(R2ADJ, f[3]);
        s.clastPredicted = Math.exp(f[1] - lz * t[pos[k - 1]]);
    }

    /**
     * The parameters computed from the others: MRT, the extrapolations to infinity (…O from the last
     * positive value, …P from the regression's prediction there), CL and the volumes.
     */
    private static void derived(Sheet s, NcaOptions o, double backArea) {
        boolean ev = o.route() == NcaOptions.Route.EXTRAVASCULAR;
        double half = o.route() == NcaOptions.Route.INFUSION ? o.duration() / 2 : 0;
        NcaParameter mrtLast = ev ? NcaParameter.MRTEVLST : NcaParameter.MRTIVLST;
        if (!s.has(AUCLST)) {
            s.missing(s.because(AUCLST), mrtLast);
        } else if (s.get(AUCLST) > 0) {
            s.set(mrtLast, s.get(AUMCLST) / s.get(AUCLST) - half);
        } else {
            s.missing("AUCLST is 0", mrtLast);
        }
        for (boolean observed : new boolean[] {true, false}) {
            NcaParameter inf = observed ? AUCIFO : AUCIFP;
            NcaParameter aumc = observed ? AUMCIFO : AUMCIFP;
            NcaParameter pe = observed ? AUCPEO : AUCPEP;
            NcaParameter pbe = observed ? AUCPBEO : AUCPBEP;
            NcaParameter mrt = observed ? (ev ? NcaParameter.MRTEVIFO : NcaParameter.MRTIVIFO)
                : (ev ? NcaParameter.MRTEVIFP : NcaParameter.MRTIVIFP);
            NcaParameter cl = observed ? (ev ? NcaParameter.CLFO : NcaParameter.CLO)
                : (ev ? NcaParameter.CLFP : NcaParameter.CLP);
            NcaParameter vz = observed ? (ev ? NcaParameter.VZFO : NcaParameter.VZO)
                : (ev ? NcaParameter.VZFP : NcaParameter.VZP);
            NcaParameter vss = observed ? NcaParameter.VSSO : NcaParameter.VSSP;
            NcaParameter[] all = {inf, aumc, pe, pbe, mrt, cl, vz, vss};
            String why = !s.has(LAMZ) ? s.because(LAMZ) : !observed ? s.noPrediction : null;
            if (why != null) {
                s.missing(why, all);
                continue;
            }
            double lz = s.get(LAMZ);
            double clast = observed ? s.get(CLST) : s.clastPredicted;
            double tlast = s.get(TLST);
            double aucInf = s.get(AUCLST) + clast / lz;
            s.set(inf, aucInf);
            s.set(aumc, s.get(AUMCLST) + clast * tlast / lz + clast / (lz * lz));
            s.set(pe, 100 * (aucInf - s.get(AUCLST)) / aucInf);
            if (Double.isNaN(backArea)) {
                s.missing(s.noBackExtrapolation, pbe);
            } else {
                s.set(pbe, 100 * backArea / aucInf);
            }
            double m = s.get(aumc) / aucInf - half;
            s.set(mrt, m);
            if (!o.hasDose()) {
                s.missing("no dose was given", cl, vz, vss);
                continue;
            }
            s.set(cl, o.dose() / aucInf);
            s.set(vz, o.dose() / (lz * aucInf));
            s.set(vss, m * o.dose() / aucInf);
        }
    }

    /** AUC over the points 0..last by the rule ({@code log}: linear up, log down). */
    static double area(double[] t, double[] c, int last, boolean log) {
        double a = 0;
        for (int i = 1; i <= last; i++) {
            a += segment(t[i - 1], t[i], c[i - 1], c[i], log);
        }
        return a;
    }

    private static double segment(double t1, double t2, double c1, double c2, boolean log) {
        if (log && c2 < c1 && c2 > 0) {
            return (c1 - c2) / Math.log(c1 / c2) * (t2 - t1);
        }
        return (c1 + c2) / 2 * (t2 - t1);
    }

    /** AUMC, the area under t·c, over the points 0..last by the rule. */
    static double moment(double[] t, double[] c, int last, boolean log) {
        double a = 0;
        for (int i = 1; i <= last; i++) {
            double t1 = t[i - 1];
            double t2 = t[i];
            double c1 = c[i - 1];
            double c2 = c[i];
            if (log && c2 < c1 && c2 > 0) {
                double k = Math.log(c1 / c2) / (t2 - t1);
                a += (t1 * c1 - t2 * c2) / k + (c1 - c2) / (k * k);
            } else {
                a += (t1 * c1 + t2 * c2) / 2 * (t2 - t1);
            }
        }
        return a;
    }

    // ---- a simulated series -------------------------------------------------------------------

    private static Nca fromSolution(Series series, NcaOptions o) {
        Series.Curve curve = series.curve();
        Sheet s = new Sheet();
        List<String> notes = new java.util.ArrayList<>();
        int n = series.size();
        double first = series.time(0);
        double last = series.time(n - 1);
        s.set(CMAX, series.max());
        s.set(TMAX, series.timeOfMax());
        double clast = series.value(n - 1);
        if (o.route() == NcaOptions.Route.BOLUS) {
            s.set(C0, series.value(0));
        }
        String noRegression = "read from the solution: λz is its −C′/C at the last time, not a regression";
        s.missing(noRegression, LAMZLL, LAMZUL, LAMZNPT, R2, R2ADJ);
        s.noPrediction = "read from the solution: no regression predicts CLST; the …O values use the solution's own";
        s.noBackExtrapolation = "read from the solution: nothing is back-extrapolated";
        double area = curve.area(first, last);
        s.set(AUCLST, area);
        s.set(AUCALL, area);
        s.set(AUMCLST, curve.moment(first, last));
        if (!(clast > 0)) {
            s.missing("the solution is not positive at the last time, " + Checks.g(last) + " h", TLST, CLST, LAMZ,
                LAMZHL);
        } else {
            s.set(TLST, last);
            s.set(CLST, clast);
            double lz = -curve.slope(last) / clast;
            if (lz > 0) {
                s.set(LAMZ, lz);
                s.set(LAMZHL, Math.log(2) / lz);
            } else {
                s.missing("the solution does not fall at the last time, " + Checks.g(last) + " h (C′/C = "
                    + Checks.g(-lz) + " /h)", LAMZ, LAMZHL);
            }
        }
        if (first > 0) {
            notes.add("areas from the first output time, " + Checks.g(first) + " h");
        }
        derived(s, o, Double.NaN);
        return new Nca(o, series.unit(), true, s.v, s.why, notes);
    }

    /** {slope, intercept, R², adjusted R²} of ln c on t over the points idx[from..to). */
    private static double[] regress(double[] t, double[] c, int[] idx, int from, int to) {
        int m = to - from;
        double st = 0;
        double sy = 0;
        for (int k = from; k < to; k++) {
            st += t[idx[k]];
            sy += Math.log(c[idx[k]]);
        }
        double mt = st / m;
        double my = sy / m;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int k = from; k < to; k++) {
            double dx = t[idx[k]] - mt;
            double dy = Math.log(c[idx[k]]) - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        double b = sxy / sxx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new double[] {b, my - b * mt, r2, 1 - (1 - r2) * (m - 1) / (m - 2)};
    }
}
