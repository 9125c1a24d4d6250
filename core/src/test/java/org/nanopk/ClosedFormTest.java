package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nanopk.solve.Solver;

/**
 * The reference problems of the README (NP9 and the analytic ones) against their closed forms, worked out in each
 * test. Tolerance: relative 1e-8 of the largest amount, with the solver at rtol 1e-12.
 */
class ClosedFormTest {
    static final Solver TIGHT = Solver.nonstiff().withTolerances(1e-12, 1e-14);
    static final double TOL = 1e-8;

    static Model oneCompartment(double k) {
        return Model.builder("one-compartment")
            .compartment("blood", 1.7)
            .sink("urine")
            .parameter("k", k)
            .firstOrder("blood", "urine", "k")
            .build();
    }

    static void close(double expected, double actual, double scale, String what) {
        assertEquals(expected, actual, TOL * scale, what);
    }

    @Test
    void oneCompartmentBolus() {
        // A(t) = D e^{-kt}, C = A/V
        double k = 0.1;
        double d = 100;
        Simulation s = oneCompartment(k).simulate(Regimen.of(Dose.bolus("blood", d)), Times.grid(0, 48, 0.5),
            TIGHT);
        for (double t : Times.grid(0, 48, 0.5)) {
            close(d * Math.exp(-k * t) / 1.7, s.concentration("blood").at(t), d / 1.7, "C(" + t + ")");
            close(d * (1 - Math.exp(-k * t)), s.at("urine", t), d, "urine(" + t + ")");
        }
    }

    @Test
    void oneCompartmentInfusion() {
        // rate R = D/T over T: A(t) = R/k (1 - e^{-kt}) for t <= T; A(T) e^{-k(t-T)} after
        double k = 0.3;
        double d = 50;
        double tInf = 2;
        double r = d / tInf;
        double[] times = Times.grid(0, 24, 0.25);
        Simulation s = oneCompartment(k).simulate(Regimen.of(Dose.infusion("blood", d, tInf)), times, TIGHT);
        for (double t : times) {
            double expected = t <= tInf ? r / k * (1 - Math.exp(-k * t))
                : r / k * (1 - Math.exp(-k * tInf)) * Math.exp(-k * (t - tInf));
            close(expected, s.at("blood", t), d, "A(" + t + ")");
            assertEquals(Math.min(t, tInf) * r, s.dosed().at(t), 1e-12 * d, "dosed(" + t + ")");
        }
        // the same infusion given by rate
        Simulation byRate = oneCompartment(k).simulate(Regimen.of(Dose.infusionAtRate("blood", d, r)), times, TIGHT);
        for (double t : times) {
            close(s.at("blood", t), byRate.at("blood", t), d, "by rate, A(" + t + ")");
        }
    }

    @Test
    void repeatedBolusBySuperposition() {
        // doses D at 0, 12, 24, 36: A(t) = sum over t_i <= t of D e^{-k(t - t_i)}
        double k = 0.15;
        double d = 10;
        double[] times = Times.grid(0, 60, 0.5);
        Simulation s = oneCompartment(k).simulate(Regimen.of(Dose.bolus("blood", d).repeated(4, 12)), times, TIGHT);
        for (double t : times) {
            double expected = 0;
            for (int i = 0; i < 4; i++) {
                if (t >= 12 * i) {
                    expected += d * Math.exp(-k * (t - 12 * i));
                }
            }
            close(expected, s.at("blood", t), d, "A(" + t + ")");
        }
        assertEquals(40, s.dosed().at(60), 1e-12);
    }

    @Test
    void twoCompartmentBolus() {
        // central c, peripheral p: c' = -(k10+k12) c + k21 p, p' = k12 c - k21 p.
        // alpha, beta = roots of s^2 - (k10+k12+k21) s + k10 k21 = 0;
        // c(t) = D/(alpha-beta) [(alpha-k21) e^{-alpha t} + (k21-beta) e^{-beta t}]
        // p(t) = D k12/(alpha-beta) [e^{-beta t} - e^{-alpha t}]
        double k10 = 0.2;
        double k12 = 0.5;
        double k21 = 0.1;
        double d = 100;
        Model m = Model.builder("two-compartment")
            .compartment("central", 2).compartment("peripheral", 5).sink("out")
            .parameter("k10", k10).parameter("k12", k12).parameter("k21", k21)
            .firstOrder("central", "out", "k10").firstOrder("central", "peripheral", "k12")
            .firstOrder("peripheral", "central", "k21")
            .build();
        double sum = k10 + k12 + k21;
        double disc = Math.sqrt(sum * sum - 4 * k10 * k21);
        double alpha = (sum + disc) / 2;
        double beta = (sum - disc) / 2;
        double[] times = Times.grid(0, 72, 1);
        Simulation s = m.simulate(Regimen.of(Dose.bolus("central", d)), times, TIGHT);
        for (double t : times) {
            double c = d / (alpha - beta) * ((alpha - k21) * Math.exp(-alpha * t) + (k21 - beta) * Math.exp(-beta * t));
            double p = d * k12 / (alpha - beta) * (Math.exp(-beta * t) - Math.exp(-alpha * t));
            close(c, s.at("central", t), d, "central(" + t + ")");
            close(p, s.at("peripheral", t), d, "peripheral(" + t + ")");
        }
    }

    @Test
    void michaelisMentenThroughLambertW() {
        // A' = -Vm A/(Km + A), A(0) = A0. Separating: Km ln(A/A0) + A - A0 = -Vm t, so
        // A(t) = Km W( (A0/Km) exp((A0 - Vm t)/Km) ), W the principal branch of Lambert's W.
        double vm = 20;
        double km = 5;
        double a0 = 100;
        Model m = Model.builder("mm").compartment("B").sink("L")
            .parameter("Vm", vm).parameter("Km", km)
            .transfer("B", "L", RateLaw.michaelisMenten("Vm", "Km")).build();
        double[] times = Times.grid(0, 12, 0.25);
        Simulation s = m.simulate(Regimen.of(Dose.bolus("B", a0)), times, TIGHT);
        for (double t : times) {
            double expected = km * LambertW.w0(a0 / km * Math.exp((a0 - vm * t) / km));
            close(expected, s.at("B", t), a0, "B(" + t + ")");
        }
    }
}
