package org.nanopk.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * A parsed arithmetic expression: {@code + - * / ^}, parentheses, numbers, names and the functions
 * {@code exp, log, sqrt, pow, min, max} and {@code hill(x, n)} = xⁿ/(1 + xⁿ) (0 for x ≤ 0), evaluated
 * without overflow for any n. Internal: the public API passes expressions as text.
 *
 * <p>An expression is parsed once into an immutable tree; {@link #bind} resolves its names to slots
 * of an environment array, and the bound tree is evaluated with {@link #eval} without allocation.
 * {@link #derivative} differentiates a bound tree symbolically, so rate laws written as expressions
 * get an exact Jacobian.
 */
public abstract class Expr {
    /** Deepest nesting accepted, so hostile input ends in an error rather than a stack overflow. */
    static final int MAX_DEPTH = 200;
    static final int MAX_LENGTH = 100_000;
    /**
     * Most operations in one expression: the tree is walked recursively (evaluation, derivatives), so
     * its size is bounded; a long flat sum would otherwise be a deep left-leaning tree.
     */
    static final int MAX_OPERATIONS = 1000;

    Expr() {
    }

    /** Evaluates a bound expression; {@code env} holds the values of the bound slots. */
    public abstract double eval(double[] env);

    /** Returns a copy whose names are resolved to slots by {@code slots} (which throws for unknown names). */
    public abstract Expr bind(ToIntFunction<String> slots);

    /** The symbolic derivative with respect to the value in {@code slot}, simplified. Bound trees only. */
    public abstract Expr derivative(int slot);

    abstract void names(Set<String> into);

    abstract int precedence();

    /**
     * Returns a copy of an unbound tree with every name replaced by {@code replacement.apply(name)},
     * a tree that may already be bound (used to instantiate rate-law templates).
     */
    public abstract Expr substitute(java.util.function.Function<String, Expr> replacement);

    /**
     * Returns a copy of a bound tree in which every subtree that reads only slots below {@code firstFree}
     * is replaced by its value in {@code env}: with parameters in the low slots, the tree specialised to
     * one parameter set.
     */
    public final Expr fold(double[] env, int firstFree) {
        if (!usesSlotFrom(firstFree)) {
            return new Num(eval(env));
        }
        return foldChildren(env, firstFree);
    }

    /** A copy with every child folded (this node itself reads a free slot). */
    abstract Expr foldChildren(double[] env, int firstFree);

    /** True when the tree reads a slot at or above {@code slot}. */
    abstract boolean usesSlotFrom(int slot);

    /** Names used by this expression, sorted. */
    public final Set<String> names() {
        Set<String> s = new TreeSet<>();
        names(s);
        return s;
    }

    /** True when the expression is a number literal (after constant folding). */
    public boolean isConstant() {
        return false;
    }

    /** True when the value depends on the given slot (bound trees only). */
    public final boolean dependsOn(int slot) {
        return usesSlot(slot);
    }

    abstract boolean usesSlot(int slot);

    // ------------------------------------------------------------------------------------------
    // Factory and parser

    /** A number literal. */
    public static Expr number(double v) {
        return new Num(v);
    }

    /** A name already bound to {@code slot} of the environment. */
    public static Expr slot(String name, int slot) {
        return new Var(name, slot);
    }

    /** The Hill function xⁿ/(1 + xⁿ) for x &gt; 0, 0 for x ≤ 0, without overflow (the {@code hill} of expressions). */
    public static double hill(double x, double n) {
        return Hill.value(x, n);
    }

    /** ∂/∂x of {@link #hill(double, double)}; at x = 0 with n &lt; 1, the secant over [0, 1e-9]. */
    public static double hillSlope(double x, double n) {
        return Hill.slope(x, n);
    }

    /** True when the value depends on a slot at or above {@code slot} (bound trees only). */
    public final boolean usesSlotAtOrAbove(int slot) {
        return usesSlotFrom(slot);
    }

    /**
     * Parses {@code text}. Throws IllegalArgumentException naming the position and what was expected.
     */
    public static Expr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("expression is null; expected a number, a name or an expression");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("expression of " + text.length()
                + " characters is too long; expected at most " + MAX_LENGTH);
        }
        Parser p = new Parser(text);
        Expr e = p.expression();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return e;
    }

    /** True if {@code name} can be used as a compartment, parameter or output name in expressions. */
    public static boolean isName(String name) {
        if (name == null || name.isEmpty() || name.length() > 200) {
            return false;
        }
        char c0 = name.charAt(0);
        if (!(Character.isLetter(c0) || c0 == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Canonical text of a number: integers without a decimal point, others in Java's shortest form.
     * Used so that a number written as text and as a number read the same.
     */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).replace("E", "e");
    }

    private static final class Parser {
        final String s;
        int pos;
        int depth;
        int operations;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("malformed expression '" + s + "' at character " + (pos + 1)
                + ": " + what + "; expected numbers, names, + - * / ^, parentheses and "
                + "exp, log, sqrt, pow, min, max, hill");
        }

        /** Counts one more operator; too many is an error. */
        void operation() {
            if (++operations > MAX_OPERATIONS) {
                throw error("more than " + MAX_OPERATIONS + " operations; expected a shorter expression (split it "
                    + "into parameters or outputs)");
            }
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(char c) {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        Expr expression() {
            if (++depth > MAX_DEPTH) {
                throw error("nested more than " + MAX_DEPTH + " levels deep");
            }
            Expr e = term();
            while (true) {
                if (eat('+')) {
                    operation();
                    e = add(e, term());
                } else if (eat('-')) {
                    operation();
                    e = sub(e, term());
                } else {
                    break;
                }
            }
            depth--;
            return e;
        }

        Expr term() {
            Expr e = unary();
            while (true) {
                if (eat('*')) {
                    operation();
                    e = mul(e, unary());
                } else if (eat('/')) {
                    operation();
                    e = div(e, unary());
                } else {
                    break;
                }
            }
            return e;
        }

        Expr unary() {
            if (++depth > MAX_DEPTH) {
                throw error("nested more than " + MAX_DEPTH + " levels deep");
            }
            Expr e;
            if (eat('-')) {
                operation();
                e = neg(unary());
            } else if (eat('+')) {
                e = unary();
            } else {
                e = power();
            }
            depth--;
            return e;
        }

        Expr power() {
            Expr base = primary();
            if (eat('^')) {
                operation();
                return pow(base, unary()); // right-associative; a^-b allowed
            }
            return base;
        }

        Expr primary() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            if (c == '(') {
                pos++;
                Expr e = expression();
                if (!eat(')')) {
                    throw error("missing ')'");
                }
                return e;
            }
            if (Character.isDigit(c) || c == '.') {
                return number();
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                String name = s.substring(start, pos);
                if (eat('(')) {
                    return call(name, start);
                }
                return new Var(name, -1);
            }
            throw error("unexpected '" + c + "'");
        }

        Expr call(String name, int start) {
            List<Expr> args = new ArrayList<>();
            operation();
            if (!eat(')')) {
                do {
                    args.add(expression());
                } while (eat(','));
                if (!eat(')')) {
                    throw error("missing ')' after the arguments of " + name);
                }
            }
            int n = args.size();
            switch (name) {
                case "exp", "log", "sqrt" -> {
                    if (n != 1) {
                        pos = start;
                        throw error(name + " takes 1 argument, got " + n);
                    }
                    return fn(name, args.get(0));
                }
                case "pow", "min", "max", "hill" -> {
                    if (n != 2) {
                        pos = start;
                        throw error(name + " takes 2 arguments, got " + n);
                    }
                    Expr a = args.get(0);
                    Expr b = args.get(1);
                    return switch (name) {
                        case "pow" -> pow(a, b);
                        case "hill" -> new Hill(a, b, false);
                        case "min" -> new MinMax(true, a, b);
                        default -> new MinMax(false, a, b);
                    };
                }
                default -> {
                    pos = start;
                    throw error("unknown function '" + name + "'");
                }
            }
        }

        Expr number() {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                int save = pos;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        pos++;
                    }
                } else {
                    pos = save;
                }
            }
            String lit = s.substring(start, pos);
            try {
                double v = Double.parseDouble(lit);
                if (!Double.isFinite(v)) {
                    pos = start;
                    throw error("number '" + lit + "' is not finite");
                }
                return new Num(v);
            } catch (NumberFormatException ex) {
                pos = start;
                throw error("malformed number '" + lit + "'");
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Simplifying constructors (constant folding keeps derivative trees small)

    static boolean isNum(Expr e, double v) {
        return e instanceof Num n && n.value == v;
    }

    static Expr add(Expr a, Expr b) {
        if (a instanceof Num x && b instanceof Num y) {
            return new Num(x.value + y.value);
        }
        if (isNum(a, 0)) {
            return b;
        }
        if (isNum(b, 0)) {
            return a;
        }
        return new Bin('+', a, b);
    }

    static Expr sub(Expr a, Expr b) {
        if (a instanceof Num x && b instanceof Num y) {
            return new Num(x.value - y.value);
        }
        if (isNum(b, 0)) {
            return a;
        }
        if (isNum(a, 0)) {
            return neg(b);
        }
        return new Bin('-', a, b);
    }

    static Expr mul(Expr a, Expr b) {
        if (a instanceof Num x && b instanceof Num y) {
            return new Num(x.value * y.value);
        }
        if (isNum(a, 0) || isNum(b, 0)) {
            return new Num(0);
        }
        if (isNum(a, 1)) {
            return b;
        }
        if (isNum(b, 1)) {
            return a;
        }
        return new Bin('*', a, b);
    }

    static Expr div(Expr a, Expr b) {
        if (a instanceof Num x && b instanceof Num y && y.value != 0) {
            return new Num(x.value / y.value);
        }
        if (isNum(a, 0) && !(b instanceof Num)) {
            return new Num(0);
        }
        if (isNum(b, 1)) {
            return a;
        }
        return new Bin('/', a, b);
    }

    static Expr neg(Expr a) {
        if (a instanceof Num x) {
            return new Num(-x.value);
        }
        if (a instanceof Neg n) {
            return n.a;
        }
        return new Neg(a);
    }

    static Expr pow(Expr a, Expr b) {
        if (a instanceof Num x && b instanceof Num y) {
            double v = Math.pow(x.value, y.value);
            if (Double.isFinite(v)) {
                return new Num(v);
            }
        }
        if (isNum(b, 1)) {
            return a;
        }
        if (isNum(b, 0)) {
            return new Num(1);
        }
        return new Bin('^', a, b);
    }

    static Expr fn(String name, Expr a) {
        Fn f = new Fn(name, a);
        if (a instanceof Num x) {
            double v = f.apply(x.value);
            if (Double.isFinite(v)) {
                return new Num(v);
            }
        }
        return f;
    }

    // ------------------------------------------------------------------------------------------
    // Nodes

    static final class Num extends Expr {
        final double value;

        Num(double value) {
            this.value = value;
        }

        @Override
        public double eval(double[] env) {
            return value;
        }

        @Override
        public Expr bind(ToIntFunction<String> slots) {
            return this;
        }

        @Override
        public Expr derivative(int slot) {
            return new Num(0);
        }

        @Override
        void names(Set<String> into) {
        }

        @Override
        boolean usesSlot(int slot) {
            return false;
        }

        @Override
        public Expr substitute(java.util.function.Function<String, Expr> replacement) {
            return this;
        }

        @Override
        Expr foldChildren(double[] env, int firstFree) {
            return this;
        }

        @Override
        boolean usesSlotFrom(int slot) {
            return false;
        }

        @Override
        public boolean isConstant() {
            return true;
        }

        @Override
        int precedence() {
            return value < 0 ? 2 : 9;
        }

        @Override
        public String toString() {
            return format(value);
        }
    }

    static final class Var extends Expr {
        final String name;
        final int slot;

        Var(String name, int slot) {
            this.name = name;
            this.slot = slot;
        }

        @Override
        public double eval(double[] env) {
            return env[slot];
        }

        @Override
        public Expr bind(ToIntFunction<String> slots) {
            return new Var(name, slots.applyAsInt(name));
        }

        @Override
        public Expr derivative(int s) {
            return new Num(slot == s ? 1 : 0);
        }

        @Override
        void names(Set<String> into) {
            into.add(name);
        }

        @Override
        boolean usesSlot(int s) {
            return slot == s;
        }

        @Override
        public Expr substitute(java.util.function.Function<String, Expr> replacement) {
            Expr r = replacement.apply(name);
            if (r == null) {
                throw new IllegalArgumentException("no value for '" + name + "'");
            }
            return r;
        }

        @Override
        Expr foldChildren(double[] env, int firstFree) {
            return this;
        }

        @Override
        boolean usesSlotFrom(int s) {
            return slot >= s;
        }

        @Override
        int precedence() {
            return 9;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final class Neg extends Expr {
        final Expr a;

        Neg(Expr a) {
            this.a = a;
        }

        @Override
        public double eval(double[] env) {
            return -a.eval(env);
        }

        @Override
        public Expr bind(ToIntFunction<String> slots) {
            return new Neg(a.bind(slots));
        }

        @Override
        public Expr derivative(int slot) {
            return neg(a.derivative(slot));
        }

        @Override
        void names(Set<String> into) {
            a.names(into);
        }

        @Override
        boolean usesSlot(int slot) {
            return a.usesSlot(slot);
        }

        @Override
        public Expr substitute(java.util.function.Function<String, Expr> replacement) {
            return neg(a.substitute(replacement));
        }

        @Override
        Expr foldChildren(double[] env, int firstFree) {
            return neg(a.fold(env, firstFree));
        }

        @Override
        boolean usesSlotFrom(int slot) {
            return a.usesSlotFrom(slot);
        }

        @Override
        int precedence() {
            return 2;
        }

        @Override
        public String toString() {
            return "-" + wrap(a, 3);
        }
    }

    static String wrap(Expr e, int minPrecedence) {
        return e.precedence() < minPrecedence ? "(" + e + ")" : e.toString();
    }

    static final class Bin extends Expr {
        final char op;
        final Expr a;
        final Expr b;

        Bin(char op, Expr a, Expr b) {
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override
        public double eval(double[] env) {
            double x = a.eval(env);
            double y = b.eval(env);
            switch (op) {
                case '+':
                    return x + y;
                case '-':
                    return x - y;
                case '*':
                    return x * y;
                case '/':
                    return x / y;
                default:
                    return Math.pow(x, y);
            }
        }

        @Override
        public Expr bind(ToIntFunction<String> slots) {
            return new Bin(op, a.bind(slots), b.bind(slots));
        }

        @Override
        public Expr derivative(int s) {
            Expr da = a.derivative(s);
            Expr db = b.derivative(s);
            switch (op) {
                case '+':
                    return add(da, db);
                case '-':
                    return sub(da, db);
                case '*':
                    return add(mul(da, b), mul(a, db));
                case '/':
                    // (a/b)' = a'/b - a b'/b^2
                    return sub(div(da, b), div(mul(a, db), mul(b, b)));
                default:
                    if (isNum(db, 0)) {
                        // (a^c)' = c a^(c-1) a'
                        if (isNum(da, 0)) {
                            return new Num(0);
                        }
                        return mul(mul(b, pow(a, sub(b, new Num(1)))), da);
                    }
                    // (a^b)' = a^b (b' ln a + b a'/a)
                    return mul(this, add(mul(db, fn("log", a)), div(mul(b, da), a)));
            }
        }

        @Override
        void names(Set<String> into) {
            a.names(into);
            b.names(into);
        }

        @Override
        boolean usesSlot(int slot) {
            return a.usesSlot(slot) || b.usesSlot(slot);
        }

        @Override
        public Expr substitute(java.util.function.Function<String, Expr> replacement) {
            return make(op, a.substitute(replacement), b.substitute(replacement));
        }

        @Override
        Expr foldChildren(double[] env, int firstFree) {
            return make(op, a.fold(env, firstFree), b.fold(env, firstFree));
        }

        @Override
        boolean usesSlotFrom(int slot) {
            return a.usesSlotFrom(slot) || b.usesSlotFrom(slot);
        }

        /** The simplifying constructor of {@code op}. */
        static Expr make(char op, Expr a, Expr b) {
            return switch (op) {
                case '+' -> add(a, b);
                case '-' -> sub(a, b);
                case '*' -> mul(a, b);
                case '/' -> div(a, b);
                default -> pow(a, b);
            };
        }

        @Override
        int precedence() {
            return switch (op) {
                case '+', '-' -> 1;
                case '*', '/' -> 3;
                default -> 5;
            };
        }

        @Override
        public String toString() {
            int p = precedence();
            return switch (op) {
                case '+' -> a + "+" + wrap(b, 1);
                case '-' -> wrap(a, 1) + "-" + wrap(b, 2);
                case '*' -> wrap(a, 2) + "*" + wrap(b, 3);
                case '/' -> wrap(a, 2) + "/" + wrap(b, 4);
                default -> wrap(a, 6) + "^" + wrap(b, p);
            };
        }
    }

    static final class Fn extends Expr {
        final String name;
        final Expr a;
        private final int kind;

        Fn(String name, Expr a) {
            this.name = name;
            this.a = a;
            this.kind = switch (name) {
                case "exp" -> 0;
                case "log" -> 1;
                default -> 2;
            };
        }

        double apply(double x) {
            return switch (kind) {
                case 0 -> Math.exp(x);
                case 1 -> Math.log(x);
                default -> Math.sqrt(x);
            };
        }

        @Override
        public double eval(double[] env) {
            return apply(a.eval(env));
        }

        @Override
        public Expr bind(ToIntFunction<String> slots) {
            return new Fn(name, a.bind(slots));
        }

        @Override
        public Expr derivative(int slot) {
            Expr da = a.derivative(slot);
            if (isNum(da, 0)) {
                return new Num(0);
            }
            return switch (kind) {
                case 0 -> mul(this, da);
                case 1 -> div(da, a);
                default -> div(da, mul(new Num(2), this));
            };
        }

        @Override
        void names(Set<String> into) {
            a.names(into);
        }

        @Override
        boolean usesSlot(int slot) {
            return a.usesSlot(slot);
        }

        @Override
        public Expr substitute(java.util.function.Function<String, Expr> replacement) {
            return fn(name, a.substitute(replacement));
        }

        @Override
        Expr foldChildren(double[] env, int firstFree) {
            return fn(name, a.fold(env, firstFree));
        }

        @Override
        boolean usesSlotFrom(int slot) {
            return a.usesSlotFrom(slot);
        }

        @Override
        int precedence() {
            return 9;
        }

        @Override
        public String toString() {
            return name + "(" + a + ")";
        }
    }

    static final class MinMax extends Expr {
        final boolean min;
        final Expr a;
        final Expr b;

        MinMax(boolean min, Expr a, Expr b) {
            this.min = min;
            this.a = a;
            this.b = b;
        }

        @Override
        public double eval(double[] env) {
            double x = a.eval(env);
            double y = b.eval(env);
            return min ? Math.min(x, y) : Math.max(x, y);
        }

        @Override
        public Expr bind(ToIntFunction<String> slots) {
            return new MinMax(min, a.bind(slots), b.bind(slots));
        }

        @Override
        public Expr derivative(int slot) {
            Expr da = a.derivative(slot);
            Expr db = b.derivative(slot);
            if (isNum(da, 0) && isNum(db, 0)) {
                return new Num(0);
            }
            return new Select(min, a, b, da, db);
        }

        @Override
        void names(Set<String> into) {
            a.names(into);
            b.names(into);
        }

        @Override
        boolean usesSlot(int slot) {
            return a.usesSlot(slot) || b.usesSlot(slot);
        }

        @Override
        public Expr substitute(java.util.function.Function<String, Expr> replacement) {
            return new MinMax(min, a.substitute(replacement), b.substitute(replacement));
        }

        @Override
        Expr foldChildren(double[] env, int firstFree) {
            return new MinMax(min, a.fold(env, firstFree), b.fold(env, firstFree));
        }

        @Override
        boolean usesSlotFrom(int slot) {
            return a.usesSlotFrom(slot) || b.usesSlotFrom(slot);
        }

        @Override
        int precedence() {
            return 9;
        }

        @Override
        public String toString() {
            return (min ? "min(" : "max(") + a + "," + b + ")";
        }
    }

    /** Derivative of min/max: the derivative of the branch that is selected. */
    static final class Select extends Expr {
        final boolean min;
        final Expr a;
        final Expr b;
        final Expr da;
        final Expr db;

        Select(boolean min, Expr a, Expr b, Expr da, Expr db) {
            this.min = min;
            this.a = a;
            this.b = b;
            this.da = da;
            this.db = db;
        }

        @Override
        public double eval(double[] env) {
            double x = a.eval(env);
            double y = b.eval(env);
            boolean first = min ? x <= y : x >= y;
            return first ? da.eval(env) : db.eval(env);
        }

        @Override
        public Expr bind(ToIntFunction<String> slots) {
            return new Select(min, a.bind(slots), b.bind(slots), da.bind(slots), db.bind(slots));
        }

        @Override
        public Expr derivative(int slot) {
            return new Select(min, a, b, da.derivative(slot), db.derivative(slot));
        }

        @Override
        void names(Set<String> into) {
            a.names(into);
            b.names(into);
        }

        @Override
        boolean usesSlot(int slot) {
            return a.usesSlot(slot) || b.usesSlot(slot) || da.usesSlot(slot) || db.usesSlot(slot);
        }

        @Override
        public Expr substitute(java.util.function.Function<String, Expr> replacement) {
            return new Select(min, a.substitute(replacement), b.substitute(replacement), da.substitute(replacement),
                db.substitute(replacement));
        }

        @Override
        Expr foldChildren(double[] env, int firstFree) {
            return new Select(min, a.fold(env, firstFree), b.fold(env, firstFree), da.fold(env, firstFree),
                db.fold(env, firstFree));
        }

        @Override
        boolean usesSlotFrom(int slot) {
            return a.usesSlotFrom(slot) || b.usesSlotFrom(slot) || da.usesSlotFrom(slot) || db.usesSlotFrom(slot);
        }

        @Override
        int precedence() {
            return 9;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "(%s %s %s ? %s : %s)", a, min ? "<=" : ">=", b, da, db);
        }
    }

    /**
     * The Hill function h(x, n) = xⁿ/(1 + xⁿ) for x &gt; 0 (0 for x ≤ 0), or its slope ∂h/∂x, evaluated
     * in a form that neither overflows nor underflows: for x &gt; 1 as 1/(1 + x⁻ⁿ). At x = 0 with n &lt; 1
     * the slope is infinite; there it is the secant over [0, 1e-9], a finite stand-in that keeps a
     * Newton iteration moving (the step-size control resolves the start).
     */
    static final class Hill extends Expr {
        /** The secant's width at x = 0, in units of x. */
        private static final double SECANT = 1e-9;
        final Expr x;
        final Expr n;
        final boolean slope;

        Hill(Expr x, Expr n, boolean slope) {
            this.x = x;
            this.n = n;
            this.slope = slope;
        }

        static double value(double x, double n) {
            if (!(x > 0)) {
                return x == 0 || x < 0 ? 0 : Double.NaN;
            }
            if (x <= 1) {
                double xn = Math.pow(x, n);
                return xn / (1 + xn);
            }
            return 1 / (1 + Math.pow(x, -n));
        }

        /** n·xⁿ⁻¹/(1 + xⁿ)² = (n/x)·r/(1 + r)² with r = xⁿ, or r = x⁻ⁿ for x &gt; 1. */
        static double slope(double x, double n) {
            if (x > 0) {
                double r = Math.pow(x, x <= 1 ? n : -n);
                double d = 1 + r;
                return n / x * r / (d * d);
            }
            if (x < 0) {
                return 0;
            }
            if (x != 0) {
                return Double.NaN;
            }
            if (n > 1) {
                return 0;
            }
            return n == 1 ? 1 : value(SECANT, n) / SECANT;
        }

        @Override
        public double eval(double[] env) {
            double a = x.eval(env);
            double b = n.eval(env);
            return slope ? slope(a, b) : value(a, b);
        }

        @Override
        public Expr bind(ToIntFunction<String> slots) {
            return new Hill(x.bind(slots), n.bind(slots), slope);
        }

        @Override
        public Expr derivative(int s) {
            Expr dx = x.derivative(s);
            Expr dn = n.derivative(s);
            Expr byX;
            if (!slope) {
                byX = mul(new Hill(x, n, true), dx);
            } else {
                // h' = n h (1 - h)/x, so h'' = (h' (n (1 - 2h) - 1))/x
                Expr h = new Hill(x, n, false);
                byX = mul(div(mul(this, sub(mul(n, sub(new Num(1), mul(new Num(2), h))), new Num(1))), x), dx);
            }
            if (isNum(dn, 0)) {
                return isNum(dx, 0) ? new Num(0) : byX;
            }
            // ∂h/∂n = h (1 - h) ln x; ∂h'/∂n = h'/n + h' (1 - 2h) ln x
            Expr h = new Hill(x, n, false);
            Expr byN = slope
                ? add(div(this, n), mul(mul(this, sub(new Num(1), mul(new Num(2), h))), fn("log", x)))
                : mul(mul(h, sub(new Num(1), h)), fn("log", x));
            return add(isNum(dx, 0) ? new Num(0) : byX, mul(byN, dn));
        }

        @Override
        void names(Set<String> into) {
            x.names(into);
            n.names(into);
        }

        @Override
        boolean usesSlot(int s) {
            return x.usesSlot(s) || n.usesSlot(s);
        }

        @Override
        public Expr substitute(java.util.function.Function<String, Expr> replacement) {
            return new Hill(x.substitute(replacement), n.substitute(replacement), slope);
        }

        @Override
        Expr foldChildren(double[] env, int firstFree) {
            return new Hill(x.fold(env, firstFree), n.fold(env, firstFree), slope);
        }

        @Override
        boolean usesSlotFrom(int s) {
            return x.usesSlotFrom(s) || n.usesSlotFrom(s);
        }

        @Override
        int precedence() {
            return 9;
        }

        @Override
        public String toString() {
            return (slope ? "hillSlope(" : "hill(") + x + "," + n + ")";
        }
    }
}
