package org.nanopk.internal;

import java.util.Collection;
import java.util.Locale;

/** Argument checks shared by the public types; every message names the thing, its value and what was expected. */
public final class Checks {
    private Checks() {
    }

    /** Requires a valid name (letters, digits and _, starting with a letter or _). */
    public static String name(String what, String name) {
        if (name == null) {
            throw new IllegalArgumentException(what + " is null; expected a name");
        }
        if (!Expr.isName(name)) {
            throw new IllegalArgumentException(what + " '" + name + "' is not a valid name; expected letters, "
                + "digits and _, starting with a letter or _ (at most 200 characters)");
        }
        return name;
    }

    /** Requires a non-null argument. */
    public static <T> T notNull(String what, T value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        return value;
    }

    /** The canonical text of a number, or IllegalArgumentException if it is not finite. */
    public static String number(String what, double v) {
        if (Double.isFinite(v)) {
            return Expr.format(v);
        }
        throw new IllegalArgumentException(what + " = " + v + ": expected a finite number");
    }

    /**
     * Canonical form of a value given as text: trimmed, and a plain number literal rewritten in its
     * canonical form, so that 1e-6 written as text or as a number compare equal. Null stays null.
     */
    public static String canonical(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        // a leading '+' is kept as written (an expression with a unary plus), as before
        double v = t.startsWith("+") ? Double.NaN : finiteDecimal(t);
        return Double.isNaN(v) ? t : Expr.format(v); // an expression such as "2*k" is kept as written
    }

    /**
     * A decimal number as spreadsheets and R write it (1, -2.5, .5, 3e-4); not Java's extras such as
     * hexadecimal (0x1p3), type suffixes (2d, 1f), NaN or Infinity, which in a data file are typos.
     */
    private static final java.util.regex.Pattern DECIMAL =
        java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** True if {@code text} is a decimal number literal (see {@link #DECIMAL}); false for null. */
    public static boolean isDecimal(String text) {
        return text != null && text.length() < 400 && DECIMAL.matcher(text).matches();
    }

    /** The value of a decimal number literal (see {@link #isDecimal}) if it is finite, else NaN. */
    public static double finiteDecimal(String text) {
        if (isDecimal(text)) {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        }
        return Double.NaN;
    }

    /** Finite and strictly positive. */
    public static double positive(String what, double v) {
        if (v > 0 && v < Double.POSITIVE_INFINITY) {
            return v;
        }
        throw new IllegalArgumentException(what + " = " + v + ": expected a finite number > 0");
    }

    /** Finite and non-negative. */
    public static double nonNegative(String what, double v) {
        if (v >= 0 && v < Double.POSITIVE_INFINITY) {
            return v;
        }
        throw new IllegalArgumentException(what + " = " + v + ": expected a finite number >= 0");
    }

    /** Finite. */
    public static double finite(String what, double v) {
        if (Double.isFinite(v)) {
            return v;
        }
        throw new IllegalArgumentException(what + " = " + v + ": expected a finite number");
    }

    /** "unknown X 'name'; known: a, b, c". */
    public static IllegalArgumentException unknown(String what, String name, Collection<String> known) {
        return new IllegalArgumentException("unknown " + what + " '" + name + "'; known: "
            + (known.isEmpty() ? "(none)" : String.join(", ", known)));
    }

    /** Formats a number with 6 significant digits for messages and tables. */
    public static String g(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e7) {
            String s = String.format(Locale.ROOT, "%.6g", v);
            if (s.contains(".") && !s.contains("e")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s;
        }
        return String.format(Locale.ROOT, "%.5e", v);
    }
}
