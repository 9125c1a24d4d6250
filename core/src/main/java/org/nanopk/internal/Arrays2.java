package org.nanopk.internal;

/** Deep copies of numeric arrays, for values that copy arrays in and out. Null stays null. */
public final class Arrays2 {
    private Arrays2() {
    }

    /** A copy of {@code a}. */
    public static double[] copy(double[] a) {
        return a == null ? null : a.clone();
    }

    /** A deep copy of {@code a}. */
    public static double[][] copy(double[][] a) {
        if (a == null) {
            return null;
        }
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = copy(a[i]);
        }
        return c;
    }

    /** A deep copy of {@code a}. */
    public static double[][][] copy(double[][][] a) {
        if (a == null) {
            return null;
        }
        double[][][] c = new double[a.length][][];
        for (int i = 0; i < a.length; i++) {
            c[i] = copy(a[i]);
        }
        return c;
    }
}
