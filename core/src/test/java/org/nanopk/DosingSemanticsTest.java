package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.nanopk.mechanism.Presets;
import org.nanopk.solve.Solver;

/**
 * NONMEM's dosing semantics (as the README's Dosing section states them), each scenario against a closed form worked out in its
 * comments. One compartment "central" eliminated at k into a sink; "depot" absorbed at ka.
 * Tolerance: 1e-9 relative to the dose (the linear models are solved exactly).
 */
class DosingSemanticsTest {
    static final double K = 0.2;
    static final double KA = 1.1;
    static final double TOL = 1e-9;

    static Model model(Compartment central, Compartment depot) {
        return Model.builder("pk").compartment(depot).compartment(central).sink("out")
            .parameter("k", K).parameter("ka", KA)
            .firstOrder("depot", "central", "ka").firstOrder("central", "out", "k")
            .build();
    }

    static Model model() {
        return model(Compartment.of("central", 10), Compartment.of("depot"));
    }

    static void check(Simulation s, String c, DoubleUnaryOperator expected, double scale) {
        for (int i = 0; i < s.size(); i++) {
            double t = s.times()[i];
            assertEquals(expected.applyAsDouble(t), s.value(c, i), TOL * scale, c + " at t = " + t);
        }
    }

    /** A(u) of one infusion at rate r for duration T, started at u = 0, eliminated at k. */
    static double infusion(double u, double r, double dur) {
        if (u <= 0) {
            return 0;
        }
        if (u <= dur) {
            return r / K * (1 - Math.exp(-K * u));
        }
        return r / K * (1 - Math.exp(-K * dur)) * Math.exp(-K * (u - dur));
    }

    @Test
    void repeatedOralDosesAreSummedBatemanFunctions() {
        // D into depot every 12 h, 5 doses: central(t) = Σ D ka/(ka-k) (e^{-k u} - e^{-ka u}), u = t - t_i >= 0
        double d = 100;
        Simulation s = model().simulate(Regimen.of(Dose.bolus("depot", d).repeated(5, 12)), Times.grid(0, 72, 0.5));
        check(s, "central", t -> {
            double sum = 0;
            for (int i = 0; i < 5; i++) {
                double u = t - 12 * i;
                if (u >= 0) {
                    sum += d * KA / (KA - K) * (Math.exp(-K * u) - Math.exp(-KA * u));
                }
            }
            return sum;
        }, d);
    }

    @Test
    void steadyStateBolus() {
        // SS=1, II = 12, at TIME = 0: A(s) = D e^{-ks}/(1 - e^{-kτ}) after the record's dose, and with
        // ADDL the train continues periodically
        double d = 50;
        double tau = 12;
        double peak = d / (1 - Math.exp(-K * tau));
        Simulation single = model().simulate(Regimen.of(Dose.bolus("central", d).withSteadyState(1, tau)),
            Times.grid(0, 30, 0.5));
        check(single, "central", t -> peak * Math.exp(-K * t), d);
        Simulation train = model().simulate(Regimen.of(Dose.bolus("central", d).withSteadyState(1, tau)
            .withAdditional(4, tau)), Times.grid(0, 60, 0.5));
        check(train, "central", t -> t < 48 ? peak * Math.exp(-K * (t % tau)) : peak * Math.exp(-K * (t - 48)), d);
        assertEquals(0, train.steadyStateCycles(), "linear: the exact closed form, no cycles integrated");
    }

    @Test
    void steadyStateInfusionShorterThanTheInterval() {
        // T = 2 < τ = 12, R = D/T: trough A_tr = R/k (1 - e^{-kT}) e^{-k(τ-T)} / (1 - e^{-kτ});
        // in a cycle A(s) = A_tr e^{-ks} + R/k (1 - e^{-ks}) for s <= T, then A(T) e^{-k(s-T)}
        double d = 40;
        double dur = 2;
        double tau = 12;
        double r = d / dur;
        double trough = r / K * (1 - Math.exp(-K * dur)) * Math.exp(-K * (tau - dur)) / (1 - Math.exp(-K * tau));
        DoubleUnaryOperator cycle = s -> s <= dur ? trough * Math.exp(-K * s) + r / K * (1 - Math.exp(-K * s))
            : (trough * Math.exp(-K * dur) + r / K * (1 - Math.exp(-K * dur))) * Math.exp(-K * (s - dur));
        Simulation s = model().simulate(Regimen.of(Dose.infusion("central", d, dur).withSteadyState(1, tau)
            .withAdditional(3, tau)), Times.grid(0, 47.5, 0.25));
        check(s, "central", t -> cycle.applyAsDouble(t % tau), d);
    }

    @Test
    void steadyStateInfusionLongerThanTheInterval() {
        // T = 30 > τ = 12: the infinite train of infusions started at m τ (m <= 0), plus ADDL = 2 more,
        // superposed: A(t) = Σ_m infusion(t - m τ). Earlier infusions still running at TIME keep running.
        double d = 60;
        double dur = 30;
        double tau = 12;
        double r = d / dur;
        double time = 5;
        for (int addl : new int[] {0, 2}) {
            Simulation s = model().simulate(Regimen.of(Dose.infusion("central", d, dur).at(time)
                .withSteadyState(1, tau).withAdditional(addl, tau)), Times.grid(time, 100, 0.5));
            check(s, "central", t -> {
                double sum = 0;
                for (int m = -3000; m <= addl; m++) {
                    sum += infusion(t - (time + m * tau), r, dur);
                }
                return sum;
            }, d);
        }
    }

    @Test
    void steadyStateWithLagInsideTheCycle() {
        // lag 2 h, τ = 12: at TIME the state is the train's state 2 h before the next dose, i.e. 10 h after
        // the previous one: A(TIME) = D e^{-10k}/(1 - e^{-kτ}); the record's dose enters at TIME + 2.
        double d = 30;
        double tau = 12;
        Model m = model(Compartment.of("central", 10).withLag("2"), Compartment.of("depot"));
        double peak = d / (1 - Math.exp(-K * tau));
        Simulation s = m.simulate(Regimen.of(Dose.bolus("central", d).at(1).withSteadyState(1, tau)),
            Times.grid(1, 30, 0.5));
        check(s, "central", t -> t < 3 ? peak * Math.exp(-K * (t - 1 + 10)) : peak * Math.exp(-K * (t - 3)), d);
    }

    @Test
    void steadyStateTwoIsAddedToTheCurrentState() {
        // bolus D1 at 0, then at 5 h an SS=2 bolus train D2 every 12 h:
        // A(t) = D1 e^{-kt} + D2 e^{-k(t-5)}/(1 - e^{-kτ}) for t >= 5
        double d1 = 80;
        double d2 = 20;
        double tau = 12;
        Simulation s = model().simulate(Regimen.of(Dose.bolus("central", d1),
            Dose.bolus("central", d2).at(5).withSteadyState(2, tau)), Times.grid(0, 30, 0.5));
        check(s, "central", t -> d1 * Math.exp(-K * t)
            + (t >= 5 ? d2 * Math.exp(-K * (t - 5)) / (1 - Math.exp(-K * tau)) : 0), d1);
    }

    @Test
    void steadyStateOfAConstantInfusion() {
        // AMT 0, RATE R, II 0, SS 1 at 10 h: A(10) = R/k, the infusion stops at 10 h, then A decays
        double r = 3;
        Simulation s = model().simulate(Regimen.of(Dose.steadyInfusion("central", r).at(10)), Times.grid(10, 40, 1));
        check(s, "central", t -> r / K * Math.exp(-K * (t - 10)), r / K);
    }

    @Test
    void bioavailabilityWithAGivenRateOrAModelledDuration() {
        // F = 0.5, AMT = 100: RATE = 10 keeps the rate, so 50 enter over 5 h; RATE = -2 with D = 10 keeps
        // the duration, so 50 enter at 5 per h over 10 h
        Model m = model(Compartment.of("central", 10).withBioavailability("0.5").withDuration("10"),
            Compartment.of("depot"));
        double[] times = Times.grid(0, 30, 0.5);
        Simulation byRate = m.simulate(Regimen.of(Dose.bolus("central", 100).withRate(10)), times);
        check(byRate, "central", t -> infusion(t, 10, 5), 100);
        Simulation byDuration = m.simulate(Regimen.of(Dose.bolus("central", 100).withModelledDuration()), times);
        check(byDuration, "central", t -> infusion(t, 5, 10), 100);
        assertEquals(50, byDuration.dosed().at(30), 1e-12);
    }

    @Test
    void modelledRateAndBioavailabilityAboveOne() {
        // RATE = -1 with R = 4 and F = 1.5: 150 enter at 4 per h over 37.5 h; a bolus with F = 1.5 adds 1.5 D
        Model m = model(Compartment.of("central", 10).withBioavailability("1.5").withRate("4"),
            Compartment.of("depot"));
        double[] times = Times.grid(0, 60, 0.5);
        check(m.simulate(Regimen.of(Dose.bolus("central", 100).withModelledRate()), times), "central",
            t -> infusion(t, 4, 37.5), 100);
        check(m.simulate(Regimen.of(Dose.bolus("central", 100)), times), "central",
            t -> 150 * Math.exp(-K * t), 100);
    }

    @Test
    void lagAppliesToEveryAdditionalDose() {
        // lag 1.5 h, bolus at 0 every 12 h (ADDL 3): doses enter at 1.5, 13.5, 25.5, 37.5
        double d = 10;
        Model m = model(Compartment.of("central", 10).withLag("1.5"), Compartment.of("depot"));
        Simulation s = m.simulate(Regimen.of(Dose.bolus("central", d).withAdditional(3, 12)), Times.grid(0, 50, 0.25));
        check(s, "central", t -> {
            double sum = 0;
            for (int i = 0; i < 4; i++) {
                double u = t - (1.5 + 12 * i);
                if (u >= 0) {
                    sum += d * Math.exp(-K * u);
                }
            }
            return sum;
        }, d);
    }

    @Test
    void resetsCancelAmountsAndPendingDoses() {
        // bolus 10 at 0 with 3 more every 4 h; EVID 3 at 6 h: all 0 and the doses at 8 and 12 cancelled;
        // EVID 4 at 10 h: reset, then 5 into central
        Simulation s = model().simulate(Regimen.of(Dose.bolus("central", 10).withAdditional(3, 4), Dose.reset(6),
            Dose.bolus("central", 5).at(10).withResetBefore()), Times.grid(0, 20, 0.5));
        check(s, "central", t -> t < 4 ? 10 * Math.exp(-K * t) : t < 6 ? 10 * Math.exp(-K * t)
            + 10 * Math.exp(-K * (t - 4)) : t < 10 ? 0 : 5 * Math.exp(-K * (t - 10)), 10);
        check(s, "out", t -> t < 6 ? (t < 4 ? 10 : 20) - s.at("central", t) : t < 10 ? 0 : 5 - s.at("central", t), 10);
    }

    @Test
    void recordsAtTheSameTimeFollowTheirOrder() {
        // an output listed before the dose at 12 h sees the trough; one listed after it sees the peak
        double d = 10;
        Schedule sch = Schedule.builder().dose(Dose.bolus("central", d)).observe(12)
            .dose(Dose.bolus("central", d).at(12)).observe(12).build();
        Simulation s = model().simulate(sch);
        double trough = d * Math.exp(-K * 12);
        assertEquals(d, s.value("central", 0), TOL * d, "row of the first dose record: the state after it");
        assertEquals(trough, s.value("central", 1), TOL * d);
        assertEquals(trough + d, s.value("central", 2), TOL * d);
        assertEquals(trough + d, s.value("central", 3), TOL * d);
        assertEquals(4, s.size());
        assertEquals(1, s.evid()[0]);
        assertEquals(0, s.evid()[1]);
    }

    @Test
    void nonlinearSteadyStateByCyclesMatchesALongTrainOfDoses() {
        // NP9 is nonlinear (saturable uptake): SS=1 every 24 h found by integrating cycles must equal the
        // state after 100 explicit doses (the slowest non-sink process, kTdeg = 0.01/h, has then decayed by
        // e^{-24}) at the same phase, 12 h after a dose; sinks restart from 0 under SS=1
        Model np9 = Presets.np9();
        Solver solver = Solver.auto().withTolerances(1e-10, 1e-12);
        Simulation ss = np9.simulate(Regimen.of(Dose.bolus("B", 100).withSteadyState(1, 24)),
            new double[] {12}, solver);
        Simulation train = np9.simulate(Regimen.of(Dose.bolus("B", 100).repeated(100, 24)), new double[] {99 * 24 + 12},
            solver);
        assertTrue(ss.steadyStateCycles() > 10, "cycles integrated: " + ss.steadyStateCycles());
        for (String c : new String[] {"B", "Ti", "Tm", "E", "C"}) {
            double expected = train.value(c, 0);
            assertEquals(expected, ss.value(c, 0), 1e-6 * expected + 1e-12, c);
        }
    }

    @Test
    void exactSteadyStateMatchesALongTrainOfDoses() {
        // a second method for the exact (linear) steady state of an oral infusion train: 150 explicit
        // doses, after which the transient has decayed by e^{-k·150·8} (the slowest rate is k = 0.2/h)
        Model m = model();
        Regimen ss = Regimen.of(Dose.infusion("depot", 40, 3).withSteadyState(1, 8));
        Regimen train = Regimen.of(Dose.infusion("depot", 40, 3).repeated(150, 8));
        Simulation exact = m.simulate(ss, Times.grid(0, 8, 1), Solver.auto());
        Simulation explicit = m.simulate(train, Times.grid(149 * 8, 150 * 8, 1), Solver.auto());
        for (int i = 0; i < exact.size(); i++) {
            assertEquals(explicit.value("central", i), exact.value("central", i), 1e-9 * 40, "central row " + i);
            assertEquals(explicit.value("depot", i), exact.value("depot", i), 1e-9 * 40, "depot row " + i);
        }
    }

    @Test
    void badSteadyStateRecords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Dose.bolus("central", 10).withSteadyState(1, 0));
        assertTrue(e.getMessage().contains("interval = 0.0 and amount = 10.0"), e.getMessage());
        Model m = model(Compartment.of("central", 10), Compartment.of("depot"));
        IllegalArgumentException noDuration = assertThrows(IllegalArgumentException.class,
            () -> m.simulate(Regimen.of(Dose.bolus("central", 100).withModelledDuration()), 1));
        assertTrue(noDuration.getMessage().contains("RATE = -2"), noDuration.getMessage());
        assertTrue(noDuration.getMessage().contains("no modelled duration"), noDuration.getMessage());
        Model timeDependent = Model.builder("td").compartment("a").sink("b")
            .transfer("a", "b", RateLaw.hillTime("1", "2", "1")).build();
        IllegalArgumentException td = assertThrows(IllegalArgumentException.class, () -> timeDependent.simulate(
            Regimen.of(Dose.bolus("a", 1).withSteadyState(1, 12)), 1));
        assertTrue(td.getMessage().contains("time-dependent"), td.getMessage());
    }

    @Test
    void steadyStateThatDoesNotConvergeIsAPkException() {
        // nothing leaves "a" except by saturable uptake into a capacity-limited pool: amounts pile up
        Model m = Model.builder("pile").compartment("a").compartment("b")
            .transfer("a", "b", RateLaw.michaelisMenten("1", "1")).build();
        PkException e = assertThrows(PkException.class, () -> m.simulate(Regimen.of(Dose.bolus("a", 5)
            .withSteadyState(1, 1)), new double[] {1}, Solver.auto().withMaxSteadyStateCycles(50)));
        assertTrue(e.getMessage().contains("steady state not reached after 50"), e.getMessage());
    }
}
