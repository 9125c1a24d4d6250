package org.nanopk.solve;

/**
 * Dense LU decomposition with partial pivoting, in place on a row-major array, without allocation:
 * the stiff integrator factors its iteration matrix once per step and solves with it for every stage.
 * (Hipparchus's {@code LUDecomposition} allocates per call; the tests check this against it.)
 */
final class Lu {
    private Lu() {
    }

    /**
     * Factors the n×n row-major matrix {@code a} in place into L (unit lower, below the diagonal) and U,
     * recording row swaps in {@code piv}.
     *
     * @return false if the matrix is singular to working precision (a zero pivot)
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
            if (p != k) {
                int rp = p * n;
                int rk = k * n;
                for (int j = 0; j < n; j++) {
                    double tmp = a[rp + j];
                    a[rp + j] = a[rk + j];
                    a[rk + j] = tmp;
                }
            }
            double inv = 1.0 / a[k * n + k];
            int rk = k * n;
            for (int i = k + 1; i < n; i++) {
                int ri = i * n;
                double m = a[ri + k] * inv;
                a[ri + k] = m;
                if (m != 0) {
                    for (int j = k + 1; j < n; j++) {
                        a[ri + j] -= m * a[rk + j];
                    }
                }
            }
        }
        return true;
    }

    /** Solves A x = b in place ({@code b} becomes x) with the factors from {@link #factor}. */
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
