package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nanopk.io.ModelJson;

/**
 * Each built-in rate law against the same rate written as an expression law (a second, symbolic
 * implementation), and each analytic Jacobian and ∂f/∂t against central finite differences.
 */
class RateLawTest {
    static final List<RateLaw> LAWS = List.of(
        RateLaw.firstOrder("k"),
        RateLaw.flow("q"),
        RateLaw.permeability("pa", "P"),
        RateLaw.michaelisMenten("vmax", "km"),
        RateLaw.hill("vmax", "k50", "n"),
        RateLaw.capacity("kmax", "cap"),
        RateLaw.bimolecularCapacity("k", "cap"),
        RateLaw.hillTime("kmax", "t50", "n"),
        RateLaw.zeroOrder("r"));

    /** The same rates as expressions of the amounts a (source) and b (destination). */
    static final List<String> EXPRESSIONS = List.of(
        "k*a",
        "q*a/2",
        "pa*(a/2-b/(3*P))",
        "vmax*a/(km+a)",
        "vmax*a^n/(k50^n+a^n)",
        "kmax*(1-b/cap)*a",
        "k*a*(cap-b)",
        "kmax*t^n/(t50^n+t^n)*a",
        "r");

    static Model model(RateLaw law) {
        return Model.builder("law").compartment("a", 2).compartment("b", 3).compartment("c", 1)
            .parameter("k", 0.7).parameter("q", 1.3).parameter("pa", 0.4).parameter("P", 0.6)
            .parameter("vmax", 2.5).parameter("km", 1.5).parameter("k50", 0.8).parameter("n", 2.4)
            .parameter("kmax", 0.9).parameter("cap", 50).parameter("t50", 3).parameter("r", 0.25)
            .transfer("a", "b", law)
            .firstOrder("b", "c", "k")
            .build();
    }

    /** The rate of transfer a -> b at (t, a, b), written out by hand: an implementation independent of the templates. */
    interface Rate {
        double at(double t, double a, double b);
    }

    /** The same rates in plain Java with the parameter values of {@link #model} (V_a = 2, V_b = 3). */
    static final List<Rate> CLOSED_FORMS = List.of(
        (t, a, b) -> 0.7 * a,
        (t, a, b) -> 1.3 * a / 2,
        (t, a, b) -> 0.4 * (a / 2 - b / (3 * 0.6)),
        (t, a, b) -> 2.5 * a / (1.5 + a),
        (t, a, b) -> 2.5 * Math.pow(a, 2.4) / (Math.pow(0.8, 2.4) + Math.pow(a, 2.4)),
        (t, a, b) -> 0.9 * (1 - b / 50) * a,
        (t, a, b) -> 0.7 * a * (50 - b),
        (t, a, b) -> 0.9 * Math.pow(t, 2.4) / (Math.pow(3, 2.4) + Math.pow(t, 2.4)) * a,
        (t, a, b) -> 0.25);

    @Test
    void builtInLawsAndTheirExpressionsEqualTheClosedForms() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < LAWS.size(); i++) {
            ModelSystem builtIn = model(LAWS.get(i)).kinetics().newSystem();
            ModelSystem expr = model(RateLaw.expression(EXPRESSIONS.get(i))).kinetics().newSystem();
            for (int rep = 0; rep < 50; rep++) {
                double t = rnd.nextDouble(0, 20);
                double[] y = {rnd.nextDouble(0, 10), rnd.nextDouble(0, 10), rnd.nextDouble(0, 10)};
                double r = CLOSED_FORMS.get(i).at(t, y[0], y[1]);
                double[] expected = {-r, r - 0.7 * y[1], 0.7 * y[1]};
                for (ModelSystem sys : List.of(builtIn, expr)) {
                    double[] f = new double[3];
                    sys.derivatives(t, y, f);
                    for (int s = 0; s < 3; s++) {
                        // a few roundings of numbers below 1e3 apart: 1e-13 relative
                        assertEquals(expected[s], f[s], 1e-13 * (1 + Math.abs(expected[s])),
                            LAWS.get(i).type() + " rate, state " + s);
                    }
                }
            }
        }
    }

    @Test
    void analyticJacobiansMatchFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (RateLaw law : LAWS) {
            ModelSystem sys = model(law).kinetics().newSystem();
            for (int rep = 0; rep < 20; rep++) {
                double t = rnd.nextDouble(0.5, 20);
                double[] y = {rnd.nextDouble(0.5, 10), rnd.nextDouble(0.5, 10), rnd.nextDouble(0.5, 10)};
                double[] jac = new double[9];
                sys.jacobian(t, y, jac);
                for (int j = 0; j < 3; j++) {
                    double h = 1e-6 * Math.max(1, Math.abs(y[j]));
                    double[] yp = y.clone();
                    double[] ym = y.clone();
                    yp[j] += h;
                    ym[j] -= h;
                    double[] fp = new double[3];
                    double[] fm = new double[3];
                    sys.derivatives(t, yp, fp);
                    sys.derivatives(t, ym, fm);
                    for (int i = 0; i < 3; i++) {
                        double fd = (fp[i] - fm[i]) / (2 * h);
                        assertEquals(fd, jac[i * 3 + j], 1e-6 * (1 + Math.abs(fd)), law.type() + " dF" + i + "/dy" + j);
                    }
                }
                if (!sys.isAutonomous()) {
                    double[] ft = new double[3];
                    sys.timeDerivative(t, y, ft);
                    double h = 1e-6 * t;
                    double[] fp = new double[3];
                    double[] fm = new double[3];
                    sys.derivatives(t + h, y, fp);
                    sys.derivatives(t - h, y, fm);
                    for (int i = 0; i < 3; i++) {
                        double fd = (fp[i] - fm[i]) / (2 * h);
                        assertEquals(fd, ft[i], 1e-6 * (1 + Math.abs(fd)), law.type() + " dF" + i + "/dt");
                    }
                }
            }
        }
    }

    @Test
    void customLawsUseFiniteDifferences() {
        // the custom lambda k*a*b agrees with the expression law k*a*b, Jacobian within FD accuracy
        Model custom = model(RateLaw.custom("k*a*b", (t, a, p) -> p.get("k") * a[0] * a[1]));
        Model expr = model(RateLaw.expression("k*a*b"));
        double[] y = {2, 3, 1};
        double[] j1 = new double[9];
        double[] j2 = new double[9];
        custom.kinetics().newSystem().jacobian(1, y, j1);
        expr.kinetics().newSystem().jacobian(1, y, j2);
        for (int e = 0; e < 9; e++) {
            assertEquals(j2[e], j1[e], 1e-6, "Jacobian entry " + e);
        }
        Simulation a = custom.simulate(Regimen.of(Dose.bolus("a", 5), Dose.bolus("b", 1)), 0, 1, 2);
        Simulation b = expr.simulate(Regimen.of(Dose.bolus("a", 5), Dose.bolus("b", 1)), 0, 1, 2);
        assertEquals(b.at("a", 2), a.at("a", 2), 1e-7);
    }

    @Test
    void linearLawsGiveALinearModel() {
        for (int i = 0; i < LAWS.size(); i++) {
            boolean linear = i <= 2 || i == 8; // first order, flow, permeability, zero order
            assertEquals(linear, model(LAWS.get(i)).isLinear(), LAWS.get(i).type());
            assertEquals(linear, model(RateLaw.expression(EXPRESSIONS.get(i))).isLinear(),
                "expression " + EXPRESSIONS.get(i));
        }
    }

    /**
     * Each law type says everything the rest needs in one place: its fields by name (in model files
     * and in the record), a template that names only its roles and fields, positive fields among its
     * fields; the solvers' linearity, sparsity and Jacobian follow from the template.
     */
    @Test
    void everyLawTypeIsDefinedInOnePlace() {
        java.util.Set<String> roles = java.util.Set.of("A", "A_to", "V_from", "V_to", "t");
        assertEquals(RateLaw.types().size(), new java.util.HashSet<>(RateLaw.types()).size());
        for (String type : RateLaw.types()) {
            List<String> fields = RateLaw.fieldsOf(type);
            RateLaw law = RateLaw.of(type, f -> "2");
            assertEquals(type, law.type());
            assertEquals(fields, law.fieldNames(), type);
            assertTrue(fields.containsAll(law.positiveFields()), type + " positive fields " + law.positiveFields());
            if (!law.readsModelNames()) {
                for (String name : org.nanopk.internal.Expr.parse(law.template()).names()) {
                    assertTrue(roles.contains(name) || fields.contains(name), type + " template names " + name);
                }
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RateLaw.of("mm", f -> "1"));
        assertTrue(e.getMessage().contains("known: firstOrder, flow"), e.getMessage());
    }

    @Test
    void everyFeatureSurvivesTheJsonRoundTrip() {
        Model.Builder b = Model.builder("all features").compartment("a", 2).compartment("b", 3).compartment("c", 1)
            .compartment(Compartment.of("depot").withVolume("2*q").withMass(4).withBioavailability("0.8")
                .withLag("0.25").withDuration("2").withRate("r*10"))
            .sink("out")
            .parameter("k", 0.7).parameter("q", 1.3).parameter("pa", 0.4).parameter("P", 0.6)
            .parameter("vmax", 2.5).parameter("km", 1.5).parameter("k50", 0.8).parameter("n", 2.4)
            .parameter("kmax", 0.9).parameter("cap", 50).parameter("t50", 3).parameter("r", 0.25)
            .parameter("derived", "exp(log(k))*max(q,pa)^2/sqrt(4)");
        for (RateLaw law : LAWS) {
            b.transfer("a", "b", law);
        }
        b.transfer("b", "out", RateLaw.expression("k*b*(1-c/cap)"));
        b.output("total", "a+b+c").output("Cb", "b/3", "3").integral("AUCb", "b/3")
            .dose(Dose.bolus("a", 100)).dose(Dose.infusion("depot", 10, 2).at(1).repeated(3, 12))
            .dose(Dose.infusionAtRate("b", 5, 2.5).at(3)).dose(Dose.bolus("depot", 1).withModelledDuration().at(5))
            .dose(Dose.reset(30)).dose(Dose.bolus("c", 2).at(31).withResetBefore());
        Model m = b.build();
        String json = ModelJson.toJson(m);
        Model back = ModelJson.parse(json);
        assertEquals(m, back);
        assertEquals(json, ModelJson.toJson(back));
    }
}
