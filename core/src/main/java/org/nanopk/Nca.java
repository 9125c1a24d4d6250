package org.nanopk;

import org.nanopk.internal.Checks;

/**
 * Non-compartmental analysis of one curve (usually a concentration after an IV bolus).
 *
 * <p>AUC uses linear trapezoids where the curve rises or is flat and log trapezoids where it falls
 * ("linear-up/log-down"), from the first to the last time. The terminal rate constant λz is the
 * negative slope of ln(value) against time over the last m ≥ 3 positive points after Cmax; m is the
 * one with the best adjusted R² (ties within 1e-4 go to the larger m, as in Phoenix WinNonlin).
 * AUC0–∞ = AUC0–tlast + Clast/λz with Clast the last positive value; AUMC likewise; MRT = AUMC0–∞/AUC0–∞; for a bolus dose D,
 * CL = D/AUC0–∞ and Vss = CL·MRT. Quantities that cannot be estimated (no terminal phase, no dose)
 * are NaN and printed as "n/a"; {@link #hasTerminalPhase()} tells which case applies.
 *
 * @param auc0t AUC from the first to the last time (value·h)
 * @param auc0inf AUC extrapolated to infinity (value·h)
 * @param percentExtrapolated share of AUC0–∞ that is extrapolated (%)
 * @param cmax the largest value
 * @param tmax its time (h)
 * @param clast the last value
 * @param tlast the last time (h)
 * @param lambdaZ terminal rate constant (1/h)
 * @param halfLife terminal half-life ln 2/λz (h)
 * @param lambdaZPoints number of points used for λz (0 if none)
 * @param lambdaZStart time of the first point used for λz (h)
 * @param rSquaredAdjusted adjusted R² of the λz regression
 * @param aumc0inf area under the first-moment curve, extrapolated (value·h²)
 * @param mrt mean residence time (h)
 * @param dose the bolus dose (amount), NaN if not given
 * @param cl clearance dose/AUC0–∞ (volume/h in the units of the curve)
 * @param vss volume at steady state CL·MRT
 * @param unit the unit of the curve's values
 */
public record Nca(double auc0t, double auc0inf, double percentExtrapolated, double cmax, double tmax, double clast,
                  double tlast, double lambdaZ, double halfLife, int lambdaZPoints, double lambdaZStart,
                  double rSquaredAdjusted, double aumc0inf, double mrt, double dose, double cl, double vss,
                  String unit) {

    /** NCA of a curve, without a dose. */
    public static Nca of(Series s) {
        return compute(s, Double.NaN);
    }

    /** NCA of a curve after a bolus {@code dose} (&gt; 0, in the curve's amount unit). */
    public static Nca of(Series s, double dose) {
        Checks.positive("dose", dose);
        return compute(s, dose);
    }

    /** True if a terminal phase was found (λz, AUC0–∞, MRT and CL are then estimated). */
    public boolean hasTerminalPhase() {
        return lambdaZPoints > 0;
    }

    private static Nca compute(Series s, double dose) {
        Checks.notNull("series", s);
        int n = s.size();
        if (n < 2) {
            throw new IllegalArgumentException("NCA of '" + s.name() + "' needs at least 2 points; it has " + n);
        }
        double[] t = s.times();
        double[] c = s.values();
        int imax = 0;
        for (int i = 1; i < n; i++) {
            if (c[i] > c[imax]) {
                imax = i;
            }
        }
        double auc = auc(t, c);
        // AUC0-t runs to the last time; with a terminal phase, the extrapolated areas start at the last
        // positive value
        double clast = c[n - 1];
        double tlast = t[n - 1];

        // λz: best adjusted R² over the last m positive points after Cmax (values <= 0 are below any
        // limit of quantification and are skipped, as are the points from Cmax back)
        int[] pos = new int[n];
        int available = 0;
        for (int i = imax + 1; i < n; i++) {
            if (c[i] > 0) {
                pos[available++] = i;
            }
        }
        int lastPositive = available > 0 ? pos[available - 1] : -1;
        if (lastPositive >= 0) {
            clast = c[lastPositive];
            tlast = t[lastPositive];
        }
        double bestAdj = Double.NEGATIVE_INFINITY;
        int bestM = 0;
        double bestSlope = Double.NaN;
        double[] adj = new double[available + 1];
        double[] slope = new double[available + 1];
        for (int m = 3; m <= available; m++) {
            double[] fit = regress(t, c, pos, available - m, available);
            slope[m] = fit[0];
            adj[m] = fit[1];
            if (fit[1] > bestAdj) {
                bestAdj = fit[1];
            }
        }
        for (int m = available; m >= 3; m--) {
            if (adj[m] >= bestAdj - 1e-4 && slope[m] < 0) {
                bestM = m;
                bestSlope = slope[m];
                bestAdj = adj[m];
                break;
            }
        }
        double nan = Double.NaN;
        if (bestM == 0 || clast <= 0) {
            return new Nca(auc, nan, nan, c[imax], t[imax], clast, tlast, nan, nan, 0, nan, nan, nan, nan, dose,
                nan, nan, s.unit());
        }
        double lz = -bestSlope;
        int used0 = pos[available - bestM];
        // AUC and AUMC to the last positive value, then extrapolated from it
        double[] tt = java.util.Arrays.copyOf(t, lastPositive + 1);
        double[] cc = java.util.Arrays.copyOf(c, lastPositive + 1);
        double aucInf = auc(tt, cc) + clast / lz;
        double aumcInf = aumc(tt, cc) + tlast * clast / lz + clast / (lz * lz);
        double mrt = aumcInf / aucInf;
        double cl = dose / aucInf;
        return new Nca(auc, aucInf, 100 * (clast / lz) / aucInf, c[imax], t[imax], clast, tlast, lz,
            Math.log(2) / lz, bestM, t[used0], bestAdj, aumcInf, mrt, dose, cl, cl * mrt, s.unit());
    }

    /** {slope, adjusted R²} of ln c on t over the points idx[from..to). */
    private static double[] regress(double[] t, double[] c, int[] idx, int from, int to) {
        int m = to - from;
        double st = 0;
        double sy = 0;
        for (int k = from; k < to; k++) {
            int i = idx[k];
            st += t[i];
            sy += Math.log(c[i]);
        }
        double mt = st / m;
        double my = sy / m;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int k = from; k < to; k++) {
            int i = idx[k];
            double dx = t[i] - mt;
            double dy = Math.log(c[i]) - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        double b = sxy / sxx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        double adj = 1 - (1 - r2) * (m - 1) / (m - 2);
        return new double[] {b, adj};
    }

    /** AUC by linear-up/log-down trapezoids. */
    static double auc(double[] t, double[] c) {
        double s = 0;
        for (int i = 1; i < t.length; i++) {
            double dt = t[i] - t[i - 1];
            double c1 = c[i - 1];
            double c2 = c[i];
            if (c2 < c1 && c2 > 0) {
                s += (c1 - c2) / Math.log(c1 / c2) * dt;
            } else {
                s += (c1 + c2) / 2 * dt;
            }
        }
        return s;
    }

    /** AUMC (area under t·c) by linear-up/log-down trapezoids. */
    static double aumc(double[] t, double[] c) {
        double s = 0;
        for (int i = 1; i < t.length; i++) {
            double t1 = t[i - 1];
            double t2 = t[i];
            double c1 = c[i - 1];
            double c2 = c[i];
            if (c2 < c1 && c2 > 0) {
                double k = Math.log(c1 / c2) / (t2 - t1);
                s += (t1 * c1 - t2 * c2) / k + (c1 - c2) / (k * k);
            } else {
                s += (t1 * c1 + t2 * c2) / 2 * (t2 - t1);
            }
        }
        return s;
    }

    private static String v(double x) {
        return Double.isNaN(x) ? "n/a" : Checks.g(x);
    }

    /** A table of the results. */
    @Override
    public String toString() {
        Table.Builder tb = Table.builder("NCA", "value", "unit");
        tb.row("AUC0-t", v(auc0t), unit + "*h");
        tb.row("AUC0-inf", v(auc0inf), unit + "*h");
        tb.row("AUC extrapolated", v(percentExtrapolated), "%");
        tb.row("Cmax", v(cmax), unit);
        tb.row("Tmax", v(tmax), "h");
        tb.row("lambda_z", v(lambdaZ), "1/h");
        tb.row("t1/2", v(halfLife), "h");
        tb.row("lambda_z points", lambdaZPoints == 0 ? "none" : lambdaZPoints + " from " + Checks.g(lambdaZStart)
            + " h", "");
        tb.row("adjusted R2", v(rSquaredAdjusted), "");
        tb.row("MRT", v(mrt), "h");
        tb.row("CL", v(cl), "dose/(" + unit + "*h)");
        tb.row("Vss", v(vss), "dose/(" + unit + ")");
        String s = tb.toString();
        if (!hasTerminalPhase()) {
            s += "\n(no terminal phase: fewer than 3 positive, declining points after Cmax)";
        }
        return s;
    }
}
