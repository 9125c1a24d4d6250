package org.nanopk.solve;

/**
 * Which entries of a system's Jacobian can be non-zero (structurally, whatever the parameter values),
 * and, computed once on first use and shared by every solve, the fill-reducing order and symbolic
 * factorization the stiff solver's sparse LU uses. Immutable and thread-safe.
 */
public final class SparsityPattern {
    private final int n;
    private final boolean[] nonzero;
    private volatile Lu.Symbolic symbolic;

    /** The row-major positions i·n + j of the non-zeros, increasing. */
    private final int[] entries;

    private SparsityPattern(int n, boolean[] nonzero) {
        this.n = n;
        this.nonzero = nonzero;
        int c = 0;
        for (boolean b : nonzero) {
            c += b ? 1 : 0;
        }
        entries = new int[c];
        c = 0;
        for (int e = 0; e < nonzero.length; e++) {
            if (nonzero[e]) {
                entries[c++] = e;
            }
        }
    }

    /**
     * The pattern of an n×n matrix, row-major: {@code nonzero[i*n + j]} is true where entry (i, j) can
     * be non-zero. The diagonal is always included.
     */
    public static SparsityPattern of(int n, boolean[] nonzero) {
        if (n < 1 || nonzero == null || nonzero.length != n * n) {
            throw new IllegalArgumentException("sparsity pattern of " + (nonzero == null ? "null" : nonzero.length)
                + " entries for dimension " + n + ": expected n*n entries");
        }
        boolean[] copy = nonzero.clone();
        for (int i = 0; i < n; i++) {
            copy[i * n + i] = true;
        }
        return new SparsityPattern(n, copy);
    }

    /** A dense pattern. */
    public static SparsityPattern dense(int n) {
        boolean[] all = new boolean[n * n];
        java.util.Arrays.fill(all, true);
        return new SparsityPattern(n, all);
    }

    /** The dimension n. */
    public int dimension() {
        return n;
    }

    /** True if entry (i, j) can be non-zero. */
    public boolean get(int i, int j) {
        return nonzero[i * n + j];
    }

    /** The number of structurally non-zero entries. */
    public int nonZeros() {
        return entries.length;
    }

    /** The row-major positions i·n + j of the non-zeros, increasing (a copy). */
    public int[] positions() {
        return entries.clone();
    }

    /** The row-major positions i·n + j of the non-zeros, increasing (shared: not to be changed). */
    int[] entries() {
        return entries;
    }

    Lu.Symbolic symbolic() {
        Lu.Symbolic s = symbolic;
        if (s == null) {
            s = new Lu.Symbolic(n, nonzero);
            symbolic = s;
        }
        return s;
    }
}
