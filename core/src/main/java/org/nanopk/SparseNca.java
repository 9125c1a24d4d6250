package org.nanopk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nanopk.internal.Checks;

/**
 * The AUC of a sparse design, the usual mouse biodistribution study: each animal sampled once, several
 * animals per time. The AUC of the mean profile by linear trapezoids, AUC = Σ w_j·m_j with
 * w_1 = (t_2 − t_1)/2, w_j = (t_{j+1} − t_{j−1})/2, w_J = (t_J − t_{J−1})/2, from the first time to the
 * last with a positive mean; its standard error by Bailer's method, SE² = Σ w_j²·s_j²/n_j (s_j the
 * sample standard deviation of the n_j animals at t_j); and Satterthwaite's degrees of freedom
 * (Σ a_j)²/Σ a_j²/(n_j − 1) with a_j = w_j²·s_j²/n_j. Reported as SPAUCLST, SPAUCSE and SPAUCDF.
 * Immutable.
 *
 * <p>References: Bailer AJ (1988) J Pharmacokinet Biopharm 16:303; Nedelman JR, Gibiansky E, Lau DTW
 * (1995) Pharm Res 12:124.
 */
public final class SparseNca implements NcaResult {
    private final double[] times;
    private final double[] means;
    private final double[] sds;
    private final int[] counts;
    private final String unit;
    private final Map<String, Double> parameters;
    private final Map<String, String> missing;
    private final List<String> notes;

    private SparseNca(double[] times, double[] means, double[] sds, int[] counts, String unit, boolean individual) {
        this.times = times;
        this.means = means;
        this.sds = sds;
        this.counts = counts;
        this.unit = unit;
        Map<String, Double> p = new LinkedHashMap<>();
        Map<String, String> m = new LinkedHashMap<>();
        List<String> n = new ArrayList<>();
        int last = -1;
        for (int j = 0; j < times.length; j++) {
            if (means[j] > 0) {
                last = j;
            }
        }
        if (times.length < 2) {
            String why = "the mean profile has " + times.length + " time; an AUC needs 2 or more";
            m.put(NcaParameter.SPAUCLST.name(), why);
            m.put(NcaParameter.SPAUCSE.name(), why);
            m.put(NcaParameter.SPAUCDF.name(), why);
        } else if (last < 0) {
            p.put(NcaParameter.SPAUCLST.name(), 0.0);
            m.put(NcaParameter.SPAUCSE.name(), "no mean is positive");
            m.put(NcaParameter.SPAUCDF.name(), "no mean is positive");
        } else {
            if (last < times.length - 1) {
                n.add("the AUC stops at the last positive mean, at " + Checks.g(times[last]) + " h");
            }
            if (times[0] > 0) {
                n.add("AUC from the first time, " + Checks.g(times[0]) + " h: no value at 0 h is assumed");
            }
            int end = Math.max(last, 1);
            double auc = 0;
            double var = 0;
            double dfDenominator = 0;
            String noVariance = null;
            for (int j = 0; j <= end; j++) {
                double w = ((j < end ? times[j + 1] : times[j]) - (j > 0 ? times[j - 1] : times[j])) / 2;
                auc += w * means[j];
                if (Double.isNaN(sds[j])) {
                    if (noVariance == null) { // the first such time is named
                        noVariance = individual ? "only 1 animal at " + Checks.g(times[j])
                            + " h; the variance at each time needs 2 or more" : "no sd at " + Checks.g(times[j]) + " h";
                    }
                    continue;
                }
                double a = w * w * sds[j] * sds[j] / counts[j];
                var += a;
                dfDenominator += a * a / (counts[j] - 1);
            }
            p.put(NcaParameter.SPAUCLST.name(), auc);
            if (noVariance != null) {
                m.put(NcaParameter.SPAUCSE.name(), noVariance);
                m.put(NcaParameter.SPAUCDF.name(), noVariance);
            } else {
                p.put(NcaParameter.SPAUCSE.name(), Math.sqrt(var));
                if (dfDenominator > 0) {
                    p.put(NcaParameter.SPAUCDF.name(), var * var / dfDenominator);
                } else {
                    m.put(NcaParameter.SPAUCDF.name(), "every time's sd is 0");
                }
            }
        }
        this.parameters = Collections.unmodifiableMap(p);
        this.missing = Collections.unmodifiableMap(m);
        this.notes = List.copyOf(n);
    }

    /**
     * The sparse AUC of individual samples, one per animal: {@code values[i]} measured at {@code times[i]}
     * (h; times repeat, one per animal, in any order).
     */
    public static SparseNca of(double[] times, double[] values, String unit) {
        Checks.notNull("times", times);
        Checks.notNull("values", values);
        Checks.notNull("unit", unit);
        if (times.length != values.length) {
            throw new IllegalArgumentException("sparse NCA: " + times.length + " times but " + values.length
                + " values; expected one value per sample");
        }
        double[] at = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            check(times[i], values[i], "sample " + i);
            at[i] = times[i] + 0.0; // -0.0 is 0 h
        }
        double[] distinct = Arrays.stream(at).distinct().sorted().toArray();
        int k = distinct.length;
        double[] mean = new double[k];
        double[] sd = new double[k];
        int[] n = new int[k];
        // two passes per time (mean, then squared deviations): exact for small groups, no cancellation
        for (int i = 0; i < at.length; i++) {
            int j = Arrays.binarySearch(distinct, at[i]);
            mean[j] += values[i];
            n[j]++;
        }
        for (int j = 0; j < k; j++) {
            mean[j] /= n[j];
        }
        for (int i = 0; i < at.length; i++) {
            int j = Arrays.binarySearch(distinct, at[i]);
            double d = values[i] - mean[j];
            sd[j] += d * d;
        }
        for (int j = 0; j < k; j++) {
            sd[j] = n[j] > 1 ? Math.sqrt(sd[j] / (n[j] - 1)) : Double.NaN;
        }
        return new SparseNca(distinct, mean, sd, n, unit, true);
    }

    /**
     * The sparse AUC of summary data: at each time (h, increasing) the mean, the sample standard deviation
     * (NaN if not known: then no standard error) and the number of animals.
     */
    public static SparseNca ofSummary(double[] times, double[] means, double[] sds, int[] counts, String unit) {
        Checks.notNull("times", times);
        Checks.notNull("means", means);
        Checks.notNull("sds", sds);
        Checks.notNull("counts", counts);
        Checks.notNull("unit", unit);
        if (means.length != times.length || sds.length != times.length || counts.length != times.length) {
            throw new IllegalArgumentException("sparse NCA of summaries: " + times.length + " times, " + means.length
                + " means, " + sds.length + " sds and " + counts.length + " counts; expected one of each per time");
        }
        for (int j = 0; j < times.length; j++) {
            String where = "time " + Checks.g(times[j]) + " h";
            check(times[j], means[j], where);
            if (j > 0 && !(times[j] > times[j - 1])) {
                throw new IllegalArgumentException("sparse NCA of summaries: " + where + " comes after "
                    + Checks.g(times[j - 1]) + " h; expected increasing times, each once");
            }
            if (counts[j] < 1) {
                throw new IllegalArgumentException("sparse NCA of summaries: " + where + ": n = " + counts[j]
                    + "; expected at least 1 animal");
            }
            if (!Double.isNaN(sds[j]) && !(sds[j] >= 0 && Double.isFinite(sds[j]))) {
                throw new IllegalArgumentException("sparse NCA of summaries: " + where + ": sd = " + sds[j]
                    + "; expected a finite sd >= 0, or none (NaN)");
            }
            if (!Double.isNaN(sds[j]) && counts[j] < 2) {
                throw new IllegalArgumentException("sparse NCA of summaries: " + where + ": an sd of " + counts[j]
                    + " animal; expected n >= 2 where an sd is given");
            }
        }
        return new SparseNca(times.clone(), means.clone(), sds.clone(), counts.clone(), unit, false);
    }

    private static void check(double t, double v, String where) {
        if (!(t >= 0 && Double.isFinite(t))) {
            throw new IllegalArgumentException("sparse NCA: " + where + ": time = " + t + "; expected a finite time >= 0 h");
        }
        if (!(v >= 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException("sparse NCA: " + where + " at " + Checks.g(t) + " h: value = " + v
                + "; expected a finite value >= 0 (0 if below the limit of quantification)");
        }
    }

    /** SPAUCLST, the AUC of the mean profile (value·h). */
    public double auc() {
        return value(NcaParameter.SPAUCLST);
    }

    /** SPAUCSE, its standard error by Bailer's method (value·h). */
    public double standardError() {
        return value(NcaParameter.SPAUCSE);
    }

    /** SPAUCDF, Satterthwaite's degrees of freedom of the standard error. */
    public double degreesOfFreedom() {
        return value(NcaParameter.SPAUCDF);
    }

    /** The value of SPAUCLST, SPAUCSE or SPAUCDF; throws the reason if it is missing. */
    public double value(NcaParameter p) {
        Checks.notNull("NCA parameter", p);
        Double v = parameters.get(p.name());
        if (v != null) {
            return v;
        }
        String why = missing.get(p.name());
        throw new IllegalArgumentException(p + (why != null ? " is missing: " + why
            : " is not a parameter of a sparse NCA; expected SPAUCLST, SPAUCSE or SPAUCDF"));
    }

    /** The mean profile: the distinct times (h), a copy. */
    public double[] times() {
        return times.clone();
    }

    /** The mean at each time, a copy. */
    public double[] means() {
        return means.clone();
    }

    /** The sample standard deviation at each time (NaN where unknown), a copy. */
    public double[] sds() {
        return sds.clone();
    }

    /** The number of animals at each time, a copy. */
    public int[] counts() {
        return counts.clone();
    }

    @Override
    public Map<String, Double> parameters() {
        return parameters;
    }

    @Override
    public Map<String, String> missing() {
        return missing;
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public String unit() {
        return unit;
    }

    /** The mean profile and the three parameters, with reasons for missing ones and the notes. */
    @Override
    public String toString() {
        Table.Builder t = Table.builder("time (h)", "mean" + (unit.isEmpty() ? "" : " (" + unit + ")"), "sd", "n");
        for (int j = 0; j < times.length; j++) {
            t.row(Checks.g(times[j]), Checks.g(means[j]), Double.isNaN(sds[j]) ? "" : Checks.g(sds[j]),
                Integer.toString(counts[j]));
        }
        Table.Builder p = Table.builder("PPTESTCD", "parameter", "value", "unit");
        for (NcaParameter q : new NcaParameter[] {NcaParameter.SPAUCLST, NcaParameter.SPAUCSE, NcaParameter.SPAUCDF}) {
            Double v = parameters.get(q.name());
            p.row(q.name(), q.description(), v == null ? "missing" : Checks.g(v), q.unit(unit, ""));
        }
        StringBuilder sb = new StringBuilder("sparse NCA (Bailer)\n").append(t).append('\n').append(p);
        missing.forEach((code, why) -> sb.append('\n').append(code).append(" missing: ").append(why));
        notes.forEach(x -> sb.append("\nnote: ").append(x));
        return sb.toString();
    }
}
