package org.nanopk;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.nanopk.internal.Checks;
import org.nanopk.internal.Expr;

/**
 * How fast a {@link Transfer} moves amount from its source compartment to its destination.
 *
 * <p>In the formulas A is the amount in the source, A_to the amount in the destination, V a volume
 * (mL) and t the time (h). Every field is text: a number, a parameter name or an expression of
 * parameters, evaluated once per parameter set.
 *
 * <p>This type is the one home of every built-in law: each law states its model-file type and fields
 * ({@link #type()}, {@link #fieldNames()}), which fields must be positive, whether it stops at an
 * empty source, and its rate as an expression {@link #template()} of the roles A, A_to, V_from, V_to,
 * t and its fields. Everything else — the Jacobian and its sparsity pattern, whether the law reads its
 * destination, depends on time or is linear — is derived from the template symbolically, so the
 * solvers get an exact Jacobian and a new law is one record here plus its tests.
 *
 * <table class="striped">
 * <caption>Rate laws</caption>
 * <tr><th>law</th><th>rate (amount/h)</th></tr>
 * <tr><td>{@link FirstOrder}</td><td>k·A</td></tr>
 * <tr><td>{@link Flow}</td><td>q·A/V_from</td></tr>
 * <tr><td>{@link Permeability}</td><td>pa·(A/V_from − A_to/(V_to·partition))</td></tr>
 * <tr><td>{@link MichaelisMenten}</td><td>vmax·A/(km + A)</td></tr>
 * <tr><td>{@link Hill}</td><td>vmax·Aⁿ/(k50ⁿ + Aⁿ)</td></tr>
 * <tr><td>{@link Capacity}</td><td>kmax·(1 − A_to/cap)·A</td></tr>
 * <tr><td>{@link BimolecularCapacity}</td><td>k·A·(cap − A_to)</td></tr>
 * <tr><td>{@link HillTime}</td><td>kmax·tⁿ/(t50ⁿ + tⁿ)·A</td></tr>
 * <tr><td>{@link ZeroOrder}</td><td>rate</td></tr>
 * <tr><td>{@link Expression}</td><td>any expression of amounts, parameters and t</td></tr>
 * <tr><td>{@link Custom}</td><td>any Java function of t, amounts and parameters</td></tr>
 * </table>
 */
public sealed interface RateLaw {

    /** The law's name in model files, e.g. {@code "michaelisMenten"}. */
    String type();

    /** The names of the law's fields in model files, e.g. {@code [vmax, km]}. */
    List<String> fieldNames();

    /** The field values (numbers, parameter names or expressions), in the order of {@link #fieldNames()}. */
    List<String> fieldValues();

    /**
     * The rate as a formula with the given names for the source and destination amounts, e.g.
     * {@code "VmL*B/(KmL+B)"}; volumes are written V_name.
     */
    String formula(String from, String to);

    /** The rate as a formula with A for the source and A_to for the destination amount. */
    default String formula() {
        return formula("A", "A_to");
    }

    /**
     * The rate (amount/h) as an expression of the roles {@code A} (source amount), {@code A_to}
     * (destination amount), {@code V_from}, {@code V_to} (their volumes, mL), {@code t} (h) and the
     * law's field names; null for a {@link Custom} law. A law that must not see a negative source (a
     * power or a saturation of A) reads {@code max(A,0)}, so round-off below zero is never amplified.
     * For an {@link Expression} the template is its own rate, whose names are the model's.
     */
    String template();

    /**
     * True when the rate is 0 at an empty source and never negative otherwise: amounts it moves stay
     * non-negative, which the adaptive solvers then enforce. False for zero-order, expression and
     * custom laws (they can empty a source below zero).
     */
    boolean stopsAtEmptySource();

    /**
     * True when the template's names are the model's compartments, parameters and t rather than roles
     * and fields (an {@link Expression}).
     */
    default boolean readsModelNames() {
        return false;
    }

    /**
     * The unit of each field, in the order of {@link #fieldNames()}: "amount" stands for the model's
     * amount unit (the dose's), "1" for a pure number; empty for laws whose fields have no fixed unit
     * (an expression, a custom function).
     */
    default List<String> fieldUnits() {
        return List.of();
    }

    /** The fields that must be strictly positive (they divide or are exponents); the others must be ≥ 0. */
    default Set<String> positiveFields() {
        return Set.of();
    }

    /** First order, k·A (1/h): elimination, transfer, escape, degradation. */
    record FirstOrder(String k) implements RateLaw {
        /** Canonicalises the field. */
        public FirstOrder {
            k = field("k", k);
        }

        public String type() {
            return "firstOrder";
        }

        public List<String> fieldNames() {
            return List.of("k");
        }

        @Override
        public List<String> fieldUnits() {
            return List.of("1/h");
        }

        public List<String> fieldValues() {
            return List.of(k);
        }

        public String formula(String from, String to) {
            return p(k) + "*" + from;
        }

        public String template() {
            return "k*A";
        }

        public boolean stopsAtEmptySource() {
            return true;
        }
    }

    /** Blood flow, q·A/V_from (q in mL/h, V in mL). */
    record Flow(String q) implements RateLaw {
        /** Canonicalises the field. */
        public Flow {
            q = field("q", q);
        }

        public String type() {
            return "flow";
        }

        public List<String> fieldNames() {
            return List.of("q");
        }

        @Override
        public List<String> fieldUnits() {
            return List.of("mL/h");
        }

        public List<String> fieldValues() {
            return List.of(q);
        }

        public String formula(String from, String to) {
            return p(q) + "*" + from + "/V_" + from;
        }

        public String template() {
            return "q*A/V_from";
        }

        public boolean stopsAtEmptySource() {
            return true;
        }
    }

    /**
     * Permeability-limited exchange, pa·(A/V_from − A_to/(V_to·partition)) (pa in mL/h): capillary blood
     * ↔ tissue with a tissue:blood partition coefficient. Net flux; negative when the tissue is fuller.
     */
    record Permeability(String pa, String partition) implements RateLaw {
        /** Canonicalises the fields. */
        public Permeability {
            pa = field("pa", pa);
            partition = field("partition", partition);
        }

        public String type() {
            return "permeability";
        }

        public List<String> fieldNames() {
            return List.of("pa", "partition");
        }

        @Override
        public List<String> fieldUnits() {
            return List.of("mL/h", "1");
        }

        public List<String> fieldValues() {
            return List.of(pa, partition);
        }

        public String formula(String from, String to) {
            return p(pa) + "*(" + from + "/V_" + from + "-" + to + "/(V_" + to + "*" + p(partition) + "))";
        }

        public String template() {
            return "pa*(A/V_from-A_to/(V_to*partition))";
        }

        /** A net exchange: linear, so the exact flow keeps both amounts non-negative. */
        public boolean stopsAtEmptySource() {
            return true;
        }

        @Override
        public Set<String> positiveFields() {
            return Set.of("partition");
        }
    }

    /** Saturable uptake, vmax·A/(km + A) (vmax in amount/h, km in amount). */
    record MichaelisMenten(String vmax, String km) implements RateLaw {
        /** Canonicalises the fields. */
        public MichaelisMenten {
            vmax = field("vmax", vmax);
            km = field("km", km);
        }

        public String type() {
            return "michaelisMenten";
        }

        public List<String> fieldNames() {
            return List.of("vmax", "km");
        }

        @Override
        public List<String> fieldUnits() {
            return List.of("amount/h", "amount");
        }

        public List<String> fieldValues() {
            return List.of(vmax, km);
        }

        public String formula(String from, String to) {
            return p(vmax) + "*" + from + "/(" + p(km) + "+" + from + ")";
        }

        public String template() {
            return "vmax*max(A,0)/(km+max(A,0))";
        }

        public boolean stopsAtEmptySource() {
            return true;
        }

        @Override
        public Set<String> positiveFields() {
            return Set.of("km");
        }
    }

    /**
     * Cooperative uptake, vmax·Aⁿ/(k50ⁿ + Aⁿ) (vmax in amount/h, k50 in amount, n &gt; 0), computed as
     * vmax·h(A/k50) with h(x) = xⁿ/(1 + xⁿ) in a form that cannot overflow (n = 200 works).
     */
    record Hill(String vmax, String k50, String n) implements RateLaw {
        /** Canonicalises the fields. */
        public Hill {
            vmax = field("vmax", vmax);
            k50 = field("k50", k50);
            n = field("n", n);
        }

        public String type() {
            return "hill";
        }

        public List<String> fieldNames() {
            return List.of("vmax", "k50", "n");
        }

        @Override
        public List<String> fieldUnits() {
            return List.of("amount/h", "amount", "1");
        }

        public List<String> fieldValues() {
            return List.of(vmax, k50, n);
        }

        public String formula(String from, String to) {
            return p(vmax) + "*" + from + "^" + p(n) + "/(" + p(k50) + "^" + p(n) + "+" + from + "^" + p(n) + ")";
        }

        public String template() {
            return "vmax*hill(max(A,0)/k50,n)";
        }

        public boolean stopsAtEmptySource() {
            return true;
        }

        @Override
        public Set<String> positiveFields() {
            return Set.of("k50", "n");
        }
    }

    /** Capacity-limited uptake that stops when the destination is full, kmax·(1 − A_to/cap)·A. */
    record Capacity(String kmax, String cap) implements RateLaw {
        /** Canonicalises the fields. */
        public Capacity {
            kmax = field("kmax", kmax);
            cap = field("cap", cap);
        }

        public String type() {
            return "capacity";
        }

        public List<String> fieldNames() {
            return List.of("kmax", "cap");
        }

        @Override
        public List<String> fieldUnits() {
            return List.of("1/h", "amount");
        }

        public List<String> fieldValues() {
            return List.of(kmax, cap);
        }

        public String formula(String from, String to) {
            return p(kmax) + "*(1-" + to + "/" + p(cap) + ")*" + from;
        }

        public String template() {
            return "kmax*(1-A_to/cap)*max(A,0)";
        }

        public boolean stopsAtEmptySource() {
            return true;
        }

        @Override
        public Set<String> positiveFields() {
            return Set.of("cap");
        }
    }

    /**
     * Bimolecular uptake limited by the free capacity of the destination, k·A·(cap − A_to)
     * (Ouyang et al. 2020, Nature Materials 19:1362).
     */
    record BimolecularCapacity(String k, String cap) implements RateLaw {
        /** Canonicalises the fields. */
        public BimolecularCapacity {
            k = field("k", k);
            cap = field("cap", cap);
        }

        public String type() {
            return "bimolecularCapacity";
        }

        public List<String> fieldNames() {
            return List.of("k", "cap");
        }

        @Override
        public List<String> fieldUnits() {
            return List.of("1/(amount·h)", "amount");
        }

        public List<String> fieldValues() {
            return List.of(k, cap);
        }

        public String formula(String from, String to) {
            return p(k) + "*" + from + "*(" + p(cap) + "-" + to + ")";
        }

        public String template() {
            return "k*max(A,0)*(cap-A_to)";
        }

        public boolean stopsAtEmptySource() {
            return true;
        }
    }

    /**
     * Uptake whose rate constant grows with time since injection, kmax·tⁿ/(t50ⁿ + tⁿ)·A
     * (the phagocyte uptake of the Lin et al. 2016 PBPK lineage; t in h), computed as kmax·h(t/t50)·A
     * with h(x) = xⁿ/(1 + xⁿ) in a form that cannot overflow or underflow.
     */
    record HillTime(String kmax, String t50, String n) implements RateLaw {
        /** Canonicalises the fields. */
        public HillTime {
            kmax = field("kmax", kmax);
            t50 = field("t50", t50);
            n = field("n", n);
        }

        public String type() {
            return "hillTime";
        }

        public List<String> fieldNames() {
            return List.of("kmax", "t50", "n");
        }

        @Override
        public List<String> fieldUnits() {
            return List.of("1/h", "h", "1");
        }

        public List<String> fieldValues() {
            return List.of(kmax, t50, n);
        }

        public String formula(String from, String to) {
            return p(kmax) + "*t^" + p(n) + "/(" + p(t50) + "^" + p(n) + "+t^" + p(n) + ")*" + from;
        }

        public String template() {
            return "kmax*hill(max(t,0)/t50,n)*A";
        }

        public boolean stopsAtEmptySource() {
            return true;
        }

        @Override
        public Set<String> positiveFields() {
            return Set.of("t50", "n");
        }
    }

    /**
     * A constant rate (amount/h). It does not stop when the source is empty, so the source can go
     * negative: use it for production from a large pool, or use a dose infusion instead.
     */
    record ZeroOrder(String rate) implements RateLaw {
        /** Canonicalises the field. */
        public ZeroOrder {
            rate = field("rate", rate);
        }

        public String type() {
            return "zeroOrder";
        }

        public List<String> fieldNames() {
            return List.of("rate");
        }

        @Override
        public List<String> fieldUnits() {
            return List.of("amount/h");
        }

        public List<String> fieldValues() {
            return List.of(rate);
        }

        public String formula(String from, String to) {
            return p(rate);
        }

        public String template() {
            return "rate";
        }

        public boolean stopsAtEmptySource() {
            return false;
        }
    }

    /**
     * A rate given as an expression of compartment amounts (by name), parameters and the time
     * {@code t}, e.g. {@code "k*B*(1-L/cap)"}. Its Jacobian is derived symbolically.
     */
    record Expression(String rate) implements RateLaw {
        /** Canonicalises the field. */
        public Expression {
            rate = field("rate", rate);
        }

        public String type() {
            return "expression";
        }

        public List<String> fieldNames() {
            return List.of("rate");
        }

        public List<String> fieldValues() {
            return List.of(rate);
        }

        public String formula(String from, String to) {
            return rate;
        }

        /** The expression itself: its names are the model's compartments, parameters and t. */
        public String template() {
            return rate;
        }

        @Override
        public boolean readsModelNames() {
            return true;
        }

        public boolean stopsAtEmptySource() {
            return false;
        }
    }

    /**
     * A rate computed by a Java function; its Jacobian is taken by finite differences. It cannot be
     * written to a model file. Two custom laws are equal only if they hold the same function object.
     *
     * @param description a short description for printing
     * @param function the rate function
     */
    record Custom(String description, RateFunction function) implements RateLaw {
        /** Rejects nulls. */
        public Custom {
            Checks.notNull("custom law description", description);
            Checks.notNull("custom law function", function);
        }

        public String type() {
            return "custom";
        }

        public List<String> fieldNames() {
            return List.of();
        }

        public List<String> fieldValues() {
            return List.of();
        }

        public String formula(String from, String to) {
            return "custom: " + description;
        }

        /** None: the rate is a Java function. */
        public String template() {
            return null;
        }

        public boolean stopsAtEmptySource() {
            return false;
        }
    }

    /** A rate as a Java function, for {@link Custom} laws. */
    @FunctionalInterface
    interface RateFunction {
        /**
         * The rate (amount/h).
         *
         * @param t time (h)
         * @param amounts the amounts of all compartments, in the model's compartment order (read only)
         * @param parameters the model's parameter values
         * @return the rate of transfer from the source to the destination
         */
        double rate(double t, double[] amounts, Parameters parameters);
    }

    // ---- the law types of model files ----------------------------------------------------------

    /** The types a model file may name, in the order of the table above (custom laws are Java only). */
    static List<String> types() {
        return List.of("firstOrder", "flow", "permeability", "michaelisMenten", "hill", "capacity",
            "bimolecularCapacity", "hillTime", "zeroOrder", "expression");
    }

    /**
     * The law of a model-file type, its fields read by name from {@code field} (which may throw for a
     * missing field).
     *
     * @throws IllegalArgumentException for an unknown type, listing the known ones
     */
    static RateLaw of(String type, UnaryOperator<String> field) {
        Checks.notNull("law type", type);
        Checks.notNull("law fields", field);
        return switch (type) {
            case "firstOrder" -> new FirstOrder(field.apply("k"));
            case "flow" -> new Flow(field.apply("q"));
            case "permeability" -> new Permeability(field.apply("pa"), field.apply("partition"));
            case "michaelisMenten" -> new MichaelisMenten(field.apply("vmax"), field.apply("km"));
            case "hill" -> new Hill(field.apply("vmax"), field.apply("k50"), field.apply("n"));
            case "capacity" -> new Capacity(field.apply("kmax"), field.apply("cap"));
            case "bimolecularCapacity" -> new BimolecularCapacity(field.apply("k"), field.apply("cap"));
            case "hillTime" -> new HillTime(field.apply("kmax"), field.apply("t50"), field.apply("n"));
            case "zeroOrder" -> new ZeroOrder(field.apply("rate"));
            case "expression" -> new Expression(field.apply("rate"));
            default -> throw Checks.unknown("law type", type, types());
        };
    }

    /** The field names of a model-file type, in order. */
    static List<String> fieldsOf(String type) {
        List<String> names = new ArrayList<>();
        of(type, name -> {
            names.add(name);
            return "1";
        });
        return List.copyOf(names);
    }

    // ---- factories ---------------------------------------------------------------------------

    /** k·A. */
    static RateLaw firstOrder(String k) {
        return new FirstOrder(k);
    }

    /** k·A. */
    static RateLaw firstOrder(double k) {
        return new FirstOrder(num("k", k));
    }

    /** q·A/V_from. */
    static RateLaw flow(String q) {
        return new Flow(q);
    }

    /** pa·(A/V_from − A_to/(V_to·partition)). */
    static RateLaw permeability(String pa, String partition) {
        return new Permeability(pa, partition);
    }

    /** vmax·A/(km + A). */
    static RateLaw michaelisMenten(String vmax, String km) {
        return new MichaelisMenten(vmax, km);
    }

    /** vmax·A/(km + A). */
    static RateLaw michaelisMenten(double vmax, double km) {
        return new MichaelisMenten(num("vmax", vmax), num("km", km));
    }

    /** vmax·Aⁿ/(k50ⁿ + Aⁿ). */
    static RateLaw hill(String vmax, String k50, String n) {
        return new Hill(vmax, k50, n);
    }

    /** kmax·(1 − A_to/cap)·A. */
    static RateLaw capacity(String kmax, String cap) {
        return new Capacity(kmax, cap);
    }

    /** k·A·(cap − A_to). */
    static RateLaw bimolecularCapacity(String k, String cap) {
        return new BimolecularCapacity(k, cap);
    }

    /** kmax·tⁿ/(t50ⁿ + tⁿ)·A. */
    static RateLaw hillTime(String kmax, String t50, String n) {
        return new HillTime(kmax, t50, n);
    }

    /** A constant rate (amount/h). */
    static RateLaw zeroOrder(String rate) {
        return new ZeroOrder(rate);
    }

    /** A rate given as an expression of amounts, parameters and t. */
    static RateLaw expression(String rate) {
        return new Expression(rate);
    }

    /** A rate given as a Java function; Jacobian by finite differences. */
    static RateLaw custom(String description, RateFunction function) {
        return new Custom(description, function);
    }

    private static String field(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("rate law field '" + name
                + "' is missing; expected a number, a parameter name or an expression");
        }
        return Checks.canonical(value);
    }

    private static String num(String name, double v) {
        return Checks.number("rate law field '" + name + "'", v);
    }

    private static String p(String s) {
        return Expr.isName(s) || Checks.isDecimal(s) && !s.startsWith("-") ? s : "(" + s + ")";
    }
}
