package org.nanopk.solve;

/**
 * Dense LU decomposition with partial pivoting of a small matrix, without allocation: the stiff
 * integrator factors its iteration matrix once per step and solves with it for every stage.
 * (Hipparchus's {@code LUDecomposition} allocates per call; the tests check this against it.)
 *
 * <p>Compartment-model Jacobians are sparse (NP9: 19 non-zeros of 100), so after each factorization
 * the non-zero entries of L and U are gathered into compressed rows and the triangular solves touch
 * only those; this makes a solve several times faster than the dense loops.
 */
final class Lu {
    private final int n;
    /** The matrix to factor (row-major), overwritten by its factors. */
    final double[] a;
    private final int[] piv;
    // compressed rows of the strictly lower L, then of the upper U (diagonal stored separately)
    private final int[] lStart;
    private final int[] uStart;
    private final int[] col;
    private final double[] val;
    private final double[] invDiag;

    Lu(int n) {
        this.n = n;
        this.a = new double[n * n];
        this.piv = new int[n];
        this.lStart = new int[n + 1];
        this.uStart = new int[n + 1];
        this.col = new int[n * n];
        this.val = new double[n * n];
        this.invDiag = new double[n];
    }

    /**
     * Factors {@link #a} in place into L (unit lower, below the diagonal) and U with row swaps.
     *
     * @return false if the matrix is singular to working precision (a zero or non-finite pivot)
     */
    boolean factor() {
        if (!factorSparse()) {
            return false;
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            lStart[i] = k;
            int r = i * n;
            for (int j = 0; j < i; j++) {
                double v = a[r + j];
                if (v != 0) {
                    col[k] = j;
                    val[k++] = v;
                }
            }
        }
        lStart[n] = k;
        for (int i = 0; i < n; i++) {
            uStart[i] = k;
            int r = i * n;
            for (int j = i + 1; j < n; j++) {
                double v = a[r + j];
                if (v != 0) {
                    col[k] = j;
                    val[k++] = v;
                }
            }
            invDiag[i] = 1 / a[r + i];
        }
        uStart[n] = k;
        return true;
    }

    /**
     * Gaussian elimination with partial pivoting that updates only the non-zero columns of each pivot
     * row (the same arithmetic as {@link #factor(double[], int, int[])} on the entries that change).
     */
    private boolean factorSparse() {
        final double[] m = a;
        final int[] cols = col; // scratch for the pivot row's non-zero columns
        for (int k = 0; k < n; k++) {
            int p = k;
            double max = Math.abs(m[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double v = Math.abs(m[i * n + k]);
                if (v > max) {
                    max = v;
                    p = i;
                }
            }
            piv[k] = p;
            if (!(max > 0) || !Double.isFinite(max)) {
                return false;
            }
            int rk = k * n;
            if (p != k) {
                int rp = p * n;
                for (int j = 0; j < n; j++) {
                    double tmp = m[rp + j];
                    m[rp + j] = m[rk + j];
                    m[rk + j] = tmp;
                }
            }
            int nz = 0;
            for (int j = k + 1; j < n; j++) {
                if (m[rk + j] != 0) {
                    cols[nz++] = j;
                }
            }
            double inv = 1.0 / m[rk + k];
            for (int i = k + 1; i < n; i++) {
                int ri = i * n;
                if (m[ri + k] != 0) {
                    double mult = m[ri + k] * inv;
                    m[ri + k] = mult;
                    for (int e = 0; e < nz; e++) {
                        int j = cols[e];
                        m[ri + j] -= mult * m[rk + j];
                    }
                }
            }
        }
        return true;
    }

    /** Solves A x = b in place with the factors of the last {@link #factor()}. */
    void solve(double[] b) {
        final int[] p = piv;
        for (int k = 0; k < n; k++) {
            int q = p[k];
            if (q != k) {
                double tmp = b[q];
                b[q] = b[k];
                b[k] = tmp;
            }
        }
        final int[] c = col;
        final double[] v = val;
        for (int i = 1; i < n; i++) {
            double s = b[i];
            for (int e = lStart[i], end = lStart[i + 1]; e < end; e++) {
                s -= v[e] * b[c[e]];
            }
            b[i] = s;
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int e = uStart[i], end = uStart[i + 1]; e < end; e++) {
                s -= v[e] * b[c[e]];
            }
            b[i] = s * invDiag[i];
        }
    }

    /**
     * Factors the n×n row-major matrix {@code a} in place into L (unit lower, below the diagonal) and U,
     * recording row swaps in {@code piv}.
     *
     * @return false if the matrix is singular to working precision (a zero or non-finite pivot)
     */
    static boolean factor(double[] a, int n, int[] piv) {
        for (int k = 0; k < n; k++) {
            int p = k;
            double max = Math.abs(a[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double v = Math.abs(a[i * n + k]);
                if (v > max) {
                    max = v;
                    p = i;
                }
            }
            piv[k] = p;
            if (!(max > 0) || !Double.isFinite(max)) {
                return false;
            }
            int rk = k * n;
            if (p != k) {
                int rp = p * n;
                for (int j = 0; j < n; j++) {
                    double tmp = a[rp + j];
                    a[rp + j] = a[rk + j];
                    a[rk + j] = tmp;
                }
            }
            double inv = 1.0 / a[rk + k];
            for (int i = k + 1; i < n; i++) {
                int ri = i * n;
                if (a[ri + k] != 0) {
                    double m = a[ri + k] * inv;
                    a[ri + k] = m;
                    for (int j = k + 1; j < n; j++) {
                        a[ri + j] -= m * a[rk + j];
                    }
                }
            }
        }
        return true;
    }

    /** Solves A x = b in place ({@code b} becomes x) with the dense factors from {@link #factor(double[], int, int[])}. */
    static void solve(double[] lu, int n, int[] piv, double[] b) {
        for (int k = 0; k < n; k++) {
            int p = piv[k];
            if (p != k) {
                double tmp = b[p];
                b[p] = b[k];
                b[k] = tmp;
            }
        }
        for (int i = 1; i < n; i++) {
            int ri = i * n;
            double s = b[i];
            for (int j = 0; j < i; j++) {
                s -= lu[ri + j] * b[j];
            }
            b[i] = s;
        }
        for (int i = n - 1; i >= 0; i--) {
            int ri = i * n;
            double s = b[i];
            for (int j = i + 1; j < n; j++) {
                s -= lu[ri + j] * b[j];
            }
            b[i] = s / lu[ri + i];
        }
    }
}
