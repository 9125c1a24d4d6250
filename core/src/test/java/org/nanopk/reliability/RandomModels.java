package org.nanopk.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.RateLaw;
import org.nanopk.Regimen;
import org.nanopk.Times;

/**
 * Random models for the property tests: a random graph of 1–30 compartments (plus up to two sinks),
 * random transfers with every rate law, parameters spread over six orders of magnitude, and a random
 * regimen of boluses and infusions over the first 24 h, observed hourly to 48 h. A case is a pure
 * function of its seed, so a failing seed reproduces the failure.
 */
public final class RandomModels {
    /** Which laws a case may use. */
    public enum Laws {
        /** First order, flow and permeability only: the exact solver applies. */
        LINEAR,
        /**
         * The built-in laws that stop when their source is empty (all but zero order): amounts stay ≥ 0.
         * Expressions and custom functions may move amounts anywhere, so they are not included.
         */
        POSITIVE,
        /** Every law, zero order and custom Java functions included. */
        ALL
    }

    /** A random model, its regimen and output times. */
    public record Case(long seed, Model model, Regimen regimen, double[] times) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + model.compartments().size() + " compartments, "
                + model.transfers().size() + " transfers, " + regimen.doses().size() + " doses\n" + model;
        }
    }

    private RandomModels() {
    }

    public static Case of(long seed, int compartments, Laws laws) {
        SplittableRandom r = new SplittableRandom(seed);
        Model.Builder b = Model.builder("random " + seed);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < compartments; i++) {
            String name = "C" + i;
            names.add(name);
            b.compartment(name, logUniform(r, 0.1, 10));
        }
        int sinks = r.nextInt(3);
        List<String> sinkNames = new ArrayList<>();
        for (int i = 0; i < sinks; i++) {
            sinkNames.add("S" + i);
            b.sink("S" + i);
        }
        int transfers = compartments + sinks == 1 ? 0 : r.nextInt(2 * compartments + 1);
        for (int j = 0; j < transfers; j++) {
            String from = names.get(r.nextInt(compartments));
            String to;
            if (!sinkNames.isEmpty() && r.nextInt(4) == 0) {
                to = sinkNames.get(r.nextInt(sinkNames.size()));
            } else if (compartments > 1) {
                do {
                    to = names.get(r.nextInt(compartments));
                } while (to.equals(from));
            } else {
                continue;
            }
            b.transfer(from, to, law(r, b, "p" + j, laws, from, to, names.indexOf(from), sinkNames.contains(to)));
        }
        List<Dose> doses = new ArrayList<>();
        int count = 1 + r.nextInt(4);
        for (int d = 0; d < count; d++) {
            String into = names.get(r.nextInt(compartments));
            double amount = logUniform(r, 1e-2, 1e4);
            double at = r.nextInt(3) == 0 ? 0 : Math.floor(r.nextDouble(24) * 4) / 4;
            Dose dose = r.nextBoolean() ? Dose.bolus(into, amount)
                : Dose.infusion(into, amount, Math.floor(r.nextDouble(0.25, 12) * 4) / 4);
            doses.add(dose.at(at));
        }
        Regimen regimen = Regimen.of(doses);
        return new Case(seed, b.regimen(regimen).build(), regimen, Times.grid(0, 48, 1));
    }

    /** A random law of the allowed kind, its parameters added to the builder under the prefix. */
    private static RateLaw law(SplittableRandom r, Model.Builder b, String p, Laws laws, String from, String to,
            int fromIndex, boolean intoSink) {
        int kinds = switch (laws) {
            case LINEAR -> 3;
            case POSITIVE -> 8;
            case ALL -> 11;
        };
        int kind = r.nextInt(kinds);
        if (kind == 2 && intoSink) {
            kind = 0; // permeability needs the destination's volume: a sink has none
        }
        switch (kind) {
            case 0:
                b.parameter(p + "k", logUniform(r, 1e-3, 1e2));
                // sometimes a parameter defined by an expression of another
                if (r.nextInt(4) == 0) {
                    b.parameter(p + "k2", p + "k*2");
                    return RateLaw.firstOrder(p + "k2");
                }
                return RateLaw.firstOrder(p + "k");
            case 1:
                b.parameter(p + "q", logUniform(r, 1e-2, 1e2));
                return RateLaw.flow(p + "q");
            case 2:
                b.parameter(p + "pa", logUniform(r, 1e-2, 1e2)).parameter(p + "kp", logUniform(r, 0.1, 10));
                return RateLaw.permeability(p + "pa", p + "kp");
            case 3:
                b.parameter(p + "vm", logUniform(r, 1e-2, 1e3)).parameter(p + "km", logUniform(r, 0.1, 1e3));
                return RateLaw.michaelisMenten(p + "vm", p + "km");
            case 4:
                // n >= 1: for n < 1 the rate is not Lipschitz at A = 0 (infinite slope), see RELIABILITY.md
                b.parameter(p + "vm", logUniform(r, 1e-2, 1e3)).parameter(p + "k50", logUniform(r, 0.1, 1e3))
                    .parameter(p + "n", r.nextDouble(1, 4));
                return RateLaw.hill(p + "vm", p + "k50", p + "n");
            case 5:
                b.parameter(p + "kmax", logUniform(r, 1e-3, 1e2)).parameter(p + "cap", logUniform(r, 1, 1e3));
                return RateLaw.capacity(p + "kmax", p + "cap");
            case 6:
                b.parameter(p + "kb", logUniform(r, 1e-6, 1e-1)).parameter(p + "cap", logUniform(r, 1, 1e3));
                return RateLaw.bimolecularCapacity(p + "kb", p + "cap");
            case 7:
                b.parameter(p + "kmax", logUniform(r, 1e-3, 1e2)).parameter(p + "t50", logUniform(r, 0.1, 24))
                    .parameter(p + "n", r.nextDouble(0.5, 4));
                return RateLaw.hillTime(p + "kmax", p + "t50", p + "n");
            case 8:
                b.parameter(p + "ke", logUniform(r, 1e-3, 1e2)).parameter(p + "c", logUniform(r, 1, 1e3));
                // a rate slowed by the destination's fill; squared so that a destination driven below zero
                // by a zero-order law does not make the denominator vanish
                return RateLaw.expression(p + "ke*" + from + "/(1+(" + to + "/" + p + "c)^2)");
            case 9:
                b.parameter(p + "z", logUniform(r, 1e-3, 1));
                return RateLaw.zeroOrder(p + "z");
            default:
                double k = logUniform(r, 1e-3, 1e2);
                return RateLaw.custom(k + "·A", (t, y, q) -> k * y[fromIndex]);
        }
    }

    private static double logUniform(SplittableRandom r, double lo, double hi) {
        return Math.exp(r.nextDouble(Math.log(lo), Math.log(hi)));
    }
}
