package org.nanopk.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.special.Erf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nanopk.Dose;
import org.nanopk.Fit;
import org.nanopk.Model;
import org.nanopk.Observations;
import org.nanopk.Observations.Quantity;

/**
 * "Converged" means the optimum: on 24 cases (4 noisy data sets × additive, proportional and combined
 * error, each with and without M3 for values below the limit of quantification) the fitter's −2LL is
 * compared with an independent minimum (where an error term runs to 0 for both, the fitter must say it ran
 * off instead of "converged"): the same likelihood written out here for the closed form
 * C = D/V·e^{−kt} (no simulation), minimised by Hipparchus's BOBYQA from 6 starts. The fitter (3 starts,
 * as a user told that a parameter ran off would try) must say
 * converged, reach that minimum within 1e-4 in −2LL (it may not be worse; it can be slightly better, BOBYQA
 * stopping at its own tolerance), and its estimates must agree to 1e-3 relative.
 */
class FitterOptimumTest {
    static final double DOSE = 10;
    static final double[] TIMES = {0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24};
    static final double LLOQ = 0.15;

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (int seed = 1; seed <= 4; seed++) {
            for (ErrorModel.Kind kind : ErrorModel.Kind.values()) {
                a.add(Arguments.of(seed, kind, false));
                a.add(Arguments.of(seed, kind, true));
            }
        }
        return a.stream();
    }

    /** Data from k = 0.25, V = 2 with combined noise (a = 0.05, b = 0.15); values below LLOQ censored. */
    static List<Observations.Point> data(int seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        List<Observations.Point> pts = new ArrayList<>();
        for (double t : TIMES) {
            double f = DOSE / 2 * Math.exp(-0.25 * t);
            double y = Math.max(1e-4, f + Math.sqrt(0.05 * 0.05 + 0.15 * 0.15 * f * f) * z.sample());
            pts.add(new Observations.Point("1", t, "C", Quantity.VALUE, y < LLOQ ? 0 : y, Double.NaN, LLOQ, 0));
        }
        return pts;
    }

    static double sd(ErrorModel.Kind kind, double a, double b, double f) {
        return switch (kind) {
            case ADDITIVE -> a;
            case PROPORTIONAL -> b * f;
            case COMBINED -> Math.sqrt(a * a + b * b * f * f);
        };
    }

    /** −2LL of x = (ln k, ln V, ln σ...) written out independently of the fitter. */
    static double minus2LL(double[] x, ErrorModel.Kind kind, boolean m3, List<Observations.Point> pts) {
        double k = Math.exp(x[0]);
        double v = Math.exp(x[1]);
        double a = kind == ErrorModel.Kind.PROPORTIONAL ? 0 : Math.exp(x[2]);
        double b = kind == ErrorModel.Kind.ADDITIVE ? 0 : Math.exp(x[kind == ErrorModel.Kind.COMBINED ? 3 : 2]);
        double s = 0;
        for (Observations.Point p : pts) {
            double f = DOSE / v * Math.exp(-k * p.time());
            double sd = sd(kind, a, b, f);
            if (p.censored()) {
                if (m3) {
                    s -= 2 * Math.log(0.5 * Erf.erfc(-(p.lloq() - f) / sd / Math.sqrt(2)));
                }
            } else {
                double r = (p.value() - f) / sd;
                s += r * r + Math.log(2 * Math.PI * sd * sd);
            }
        }
        return s;
    }

    @ParameterizedTest(name = "seed {0}, {1}, M3 {2}")
    @MethodSource("cases")
    void theReportedOptimumIsTheOptimum(int seed, ErrorModel.Kind kind, boolean m3) {
        List<Observations.Point> pts = data(seed);
        ErrorModel start = switch (kind) {
            case ADDITIVE -> ErrorModel.additive(0.3);
            case PROPORTIONAL -> ErrorModel.proportional(0.3);
            case COMBINED -> ErrorModel.combined(0.1, 0.1);
        };
        Model model = Model.builder("one").compartment("blood").sink("out").parameter("k", 0.1).parameter("V", 5)
            .firstOrder("blood", "out", "k").output("C", "blood/V").dose(Dose.bolus("blood", DOSE)).build();
        Fitter f = Fitter.of(model, Observations.of(pts)).estimate("k", "V").withErrorModel(start).withStarts(3, seed);
        Fit fit = (m3 ? f.withM3() : f).fit();

        int n = kind == ErrorModel.Kind.COMBINED ? 4 : 3;
        double[] lo = new double[n];
        double[] hi = new double[n];
        java.util.Arrays.fill(lo, -12);
        java.util.Arrays.fill(hi, 5);
        PointValuePair best = null;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(99);
        for (int s = 0; s < 6; s++) {
            double[] x0 = new double[n];
            x0[0] = Math.log(0.1) + 2 * (rng.nextDouble() - 0.5);
            x0[1] = Math.log(5) + 2 * (rng.nextDouble() - 0.5);
            for (int j = 2; j < n; j++) {
                x0[j] = Math.log(0.2) + 2 * (rng.nextDouble() - 0.5);
            }
            PointValuePair p;
            try {
                p = new BOBYQAOptimizer(2 * n + 1, 0.5, 1e-10).optimize(new MaxEval(20000),
                    new ObjectiveFunction(x -> minus2LL(x, kind, m3, pts)), GoalType.MINIMIZE, new InitialGuess(x0),
                    new SimpleBounds(lo, hi));
            } catch (org.hipparchus.exception.MathIllegalStateException trustRegionFailed) {
                continue; // this start fails for BOBYQA itself; the others decide
            }
            if (best == null || p.getValue() < best.getValue()) {
                best = p;
            }
        }
        assertTrue(best != null, "BOBYQA failed from every start");
        String where = "seed " + seed + ", " + kind + (m3 ? ", M3" : "") + ": independent optimum at "
            + java.util.Arrays.toString(java.util.Arrays.stream(best.getPoint()).map(Math::exp).toArray()) + "; " + fit;
        // an error term the data do not support runs to 0 for both optimisers (BOBYQA to its bound e^-12):
        // -2LL levels off there without a minimum, and the fitter must say so rather than "converged"
        boolean atBound = false;
        for (int j = 2; j < n; j++) {
            atBound |= best.getPoint()[j] < -11;
        }
        if (atBound) {
            assertTrue(!fit.converged() && fit.reason().contains("ran off"), where);
        } else {
            assertTrue(fit.converged(), where);
        }
        assertTrue(fit.objective() <= best.getValue() + 1e-4, "fitter -2LL " + fit.objective() + " vs independent "
            + best.getValue() + "; " + where);
        assertEquals(Math.exp(best.getPoint()[0]), fit.estimate("k").value(), 1e-3 * fit.estimate("k").value(), where);
        assertEquals(Math.exp(best.getPoint()[1]), fit.estimate("V").value(), 1e-3 * fit.estimate("V").value(), where);
    }

    /**
     * The case users met: 50 and 10 %ID at 1 and 4 h, two rows below an LLOQ of 0.5 at 12 and 24 h,
     * proportional error, M3. The fit once stopped at −2LL 18.48 and said "converged"; k = 0.583,
     * b = 0.0767 gives about 8.00. The fitter must reach the independent BOBYQA minimum of the closed form
     * 100·e^{−kt} and say converged.
     */
    @org.junit.jupiter.api.Test
    void theM3CaseUsersMetEndsAtItsOptimum() {
        List<Observations.Point> pts = List.of(
            new Observations.Point("1", 1, "blood", Quantity.VALUE, 50, Double.NaN, 0.5, 0),
            new Observations.Point("1", 4, "blood", Quantity.VALUE, 10, Double.NaN, 0.5, 0),
            new Observations.Point("1", 12, "blood", Quantity.VALUE, 0, Double.NaN, 0.5, 0),
            new Observations.Point("1", 24, "blood", Quantity.VALUE, 0, Double.NaN, 0.5, 0));
        java.util.function.ToDoubleFunction<double[]> m2ll = x -> {
            double k = Math.exp(x[0]);
            double b = Math.exp(x[1]);
            double sum = 0;
            for (Observations.Point p : pts) {
                double f = 100 * Math.exp(-k * p.time());
                double sd = b * f;
                sum += p.censored() ? -2 * Math.log(0.5 * Erf.erfc(-(p.lloq() - f) / sd / Math.sqrt(2)))
                    : Math.pow((p.value() - f) / sd, 2) + Math.log(2 * Math.PI * sd * sd);
            }
            return sum;
        };
        double issuePoint = m2ll.applyAsDouble(new double[] {Math.log(0.583), Math.log(0.0767)});
        assertEquals(8.00, issuePoint, 0.005, "the issue's point, evaluated independently");
        PointValuePair best = new BOBYQAOptimizer(5, 0.5, 1e-10).optimize(new MaxEval(20000),
            new ObjectiveFunction(m2ll::applyAsDouble), GoalType.MINIMIZE,
            new InitialGuess(new double[] {Math.log(0.5), Math.log(0.1)}),
            new SimpleBounds(new double[] {-5, -8}, new double[] {3, 2}));
        Model model = Model.builder("one").compartment("blood").sink("out").parameter("k", 0.2)
            .firstOrder("blood", "out", "k").dose(Dose.bolus("blood", 100)).build();
        Fit fit = Fitter.of(model, Observations.of(pts)).estimate("k").withErrorModel(ErrorModel.proportional(0.3))
            .withM3().fit();
        assertTrue(fit.converged(), fit.toString());
        assertTrue(fit.objective() <= best.getValue() + 1e-4, fit.objective() + " vs " + best.getValue());
        assertTrue(fit.objective() <= issuePoint, fit.toString());
        assertEquals(Math.exp(best.getPoint()[0]), fit.estimate("k").value(), 1e-3 * fit.estimate("k").value());
    }
}
