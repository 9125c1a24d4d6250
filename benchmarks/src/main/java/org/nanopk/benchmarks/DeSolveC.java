package org.nanopk.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nanopk.Compartment;
import org.nanopk.Dose;
import org.nanopk.Integral;
import org.nanopk.Model;
import org.nanopk.Transfer;

/**
 * A model's equations written as C for R's deSolve ({@code R CMD SHLIB}; {@code ode(..., dllname, initfunc =
 * "initmod", func = "derivs")}): the same transfers and integrals, read from the model's definition
 * (rate-law formulas, volume expressions), not from NanoPK's compiled code. Every parameter value, derived
 * ones included, is passed in {@code parms}, in the order of {@link #parameters}. Boluses at time 0 belong
 * in the initial state; single infusions are written as zero-order inputs while they run.
 */
final class DeSolveC {
    private final Model model;
    private final List<String> parameters;
    private final Map<String, String> names = new HashMap<>();

    DeSolveC(Model model) {
        this.model = model;
        this.parameters = new ArrayList<>(model.parameterDefinitions().keySet());
        for (int i = 0; i < parameters.size(); i++) {
            names.put(parameters.get(i), "parms[" + i + "]");
        }
        List<String> states = states();
        for (int i = 0; i < states.size(); i++) {
            names.put(states.get(i), "y[" + i + "]");
        }
        for (Compartment c : model.compartments()) {
            if (c.volume() != null) {
                names.put("V_" + c.name(), "(" + c(c.volume()) + ")");
            }
        }
        names.put("t", "t");
    }

    /** The parameter names in the order deSolve's {@code parms} holds them. */
    List<String> parameters() {
        return parameters;
    }

    /** The states: the compartments (sinks included), then the integrals, as in NanoPK's state vector. */
    List<String> states() {
        List<String> s = new ArrayList<>(model.compartmentNames());
        model.integrals().forEach(i -> s.add(i.name()));
        return s;
    }

    /** The C source of the model. */
    String source() {
        List<String> states = states();
        StringBuilder b = new StringBuilder();
        b.append("/* ").append(model.name()).append(": written by NanoPK's benchmarks from the model's definition */\n")
            .append("#include <R.h>\n#include <math.h>\n\n")
            .append("static double parms[").append(Math.max(1, parameters.size())).append("];\n\n")
            .append("void initmod(void (*odeparms)(int *, double *)) {\n    int n = ").append(parameters.size())
            .append(";\n    odeparms(&n, parms);\n}\n\n")
            .append("void derivs(int *neq, double *time, double *y, double *ydot, double *yout, int *ip) {\n")
            .append("    double t = *time;\n    double r;\n");
        for (int i = 0; i < states.size(); i++) {
            b.append("    ydot[").append(i).append("] = 0;\n");
        }
        for (Transfer tr : model.transfers()) {
            b.append("    r = ").append(c(tr.law().formula(tr.from(), tr.to()))).append(";\n");
            b.append("    ydot[").append(states.indexOf(tr.from())).append("] -= r;\n");
            b.append("    ydot[").append(states.indexOf(tr.to())).append("] += r;\n");
        }
        for (Integral in : model.integrals()) {
            b.append("    ydot[").append(states.indexOf(in.name())).append("] = ").append(c(in.rate())).append(";\n");
        }
        for (Dose d : model.regimen().doses()) {
            if (d.kind() != Dose.Kind.DOSE || d.additional() > 0 || d.steadyState() > 0 || d.isBolus() && d.time() > 0) {
                throw new IllegalArgumentException("dose " + d + ": only boluses at 0 (in the initial state) and single "
                    + "infusions are written as C");
            }
            if (!d.isBolus()) {
                double duration = d.duration() > 0 ? d.duration() : d.amount() / d.rate();
                // a zero-order input while the infusion runs; LSODA steps over its ends by error control
                b.append("    if (t >= ").append(d.time()).append(" && t < ").append(d.time() + duration).append(") ydot[")
                    .append(states.indexOf(d.compartment())).append("] += ").append(d.amount() / duration).append(";\n");
            }
        }
        return b.append("}\n").toString();
    }

    /** An expression in C: names mapped to parms, y or volumes; a^b as pow(a, b). */
    String c(String expression) {
        return new Translator(expression).all();
    }

    /** A recursive-descent reader of + − * / ^, unary minus, parentheses, calls, names and numbers. */
    private final class Translator {
        private final String s;
        private int at;

        Translator(String s) {
            this.s = s.replace(" ", "");
        }

        String all() {
            String e = sum();
            if (at != s.length()) {
                throw new IllegalArgumentException("expression '" + s + "': unexpected '" + s.charAt(at) + "'");
            }
            return e;
        }

        private String sum() {
            StringBuilder b = new StringBuilder(product());
            while (at < s.length() && (s.charAt(at) == '+' || s.charAt(at) == '-')) {
                b.append(s.charAt(at++)).append(product());
            }
            return b.toString();
        }

        private String product() {
            StringBuilder b = new StringBuilder(power());
            while (at < s.length() && (s.charAt(at) == '*' || s.charAt(at) == '/')) {
                b.append(s.charAt(at++)).append(power());
            }
            return b.toString();
        }

        private String power() {
            String base = unary();
            if (at < s.length() && s.charAt(at) == '^') {
                at++;
                return "pow(" + base + ", " + power() + ")";
            }
            return base;
        }

        private String unary() {
            if (s.charAt(at) == '-') {
                at++;
                return "(-" + unary() + ")";
            }
            if (s.charAt(at) == '(') {
                at++;
                String e = sum();
                at++; // ')'
                return "(" + e + ")";
            }
            int from = at;
            if (Character.isDigit(s.charAt(at)) || s.charAt(at) == '.') {
                while (at < s.length() && (Character.isDigit(s.charAt(at)) || s.charAt(at) == '.'
                    || s.charAt(at) == 'e' || s.charAt(at) == 'E'
                    || ((s.charAt(at) == '-' || s.charAt(at) == '+') && (s.charAt(at - 1) == 'e' || s.charAt(at - 1) == 'E')))) {
                    at++;
                }
                return s.substring(from, at);
            }
            while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_')) {
                at++;
            }
            String name = s.substring(from, at);
            if (at < s.length() && s.charAt(at) == '(') {
                at++;
                List<String> args = new ArrayList<>();
                while (s.charAt(at) != ')') {
                    args.add(sum());
                    if (s.charAt(at) == ',') {
                        at++;
                    }
                }
                at++;
                return (name.equals("min") ? "fmin" : name.equals("max") ? "fmax" : name) + "(" + String.join(", ", args) + ")";
            }
            String mapped = names.get(name);
            if (mapped == null) {
                throw new IllegalArgumentException("expression '" + s + "': unknown name '" + name + "'");
            }
            return mapped;
        }
    }
}
