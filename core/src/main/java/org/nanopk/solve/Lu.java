package org.nanopk.solve;

/**
 * LU decomposition of a small sparse matrix, without allocation: the stiff integrator factors its
 * iteration matrix once per step and solves with it for every stage. (Hipparchus's
 * {@code LUDecomposition} is dense and allocates per call; the tests check this against it.)
 *
 * <p>Compartment-model Jacobians are sparse (NP9: 19 non-zeros of 100; the Chou 2023 model 78 of
 * 900). Given the structural pattern, the matrix is permuted symmetrically into a fill-reducing order
 * (greedy minimum degree: tissues and phagocytes are eliminated before the blood pools they all connect
 * to), the pattern of L and U is worked out once (symbolic factorization), and each numeric
 * factorization then touches only those entries. The pivots are taken on the diagonal (static
 * pivoting: the iteration matrices I/(hγ) − J of compartment models are column diagonally dominant,
 * apart from the rows of integrals, which nothing depends on), and the element growth is checked: if
 * a pivot is zero or an entry of the factors exceeds 16 times the largest entry of the matrix, that
 * factorization is redone densely with partial pivoting. The solves use compressed rows of L and U.
 */
final class Lu {
    private static final double GROWTH = 16;

    /** The ordering and the pattern of L and U: computed once per sparsity pattern, shared, immutable. */
    static final class Symbolic {
        final int[] perm;
        final int[] loadDst;
        final int[] loadSrc;
        final int[] fill;
        final int[][] below;
        final int[][] right;
        final int[] valueAt;
        final int[] lStart;
        final int[] uStart;
        final int[] col;

        Symbolic(int n, boolean[] pattern) {
            boolean[] nz = pattern.clone();
            for (int i = 0; i < n; i++) {
                nz[i * n + i] = true;
            }
            perm = minimumDegree(nz, n);
            // the permuted pattern as one bit set per row; symbolic elimination on them costs about
            // nnz(L)·n/64 word operations instead of n³
            java.util.BitSet[] rows = new java.util.BitSet[n];
            int[] inv = new int[n];
            for (int i = 0; i < n; i++) {
                inv[perm[i]] = i;
                rows[i] = new java.util.BitSet(n);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (nz[i * n + j]) {
                        rows[inv[i]].set(inv[j]);
                    }
                }
            }
            int loads = 0;
            for (java.util.BitSet r : rows) {
                loads += r.cardinality();
            }
            loadDst = new int[loads];
            loadSrc = new int[loads];
            int e = 0;
            for (int i = 0; i < n; i++) {
                for (int j = rows[i].nextSetBit(0); j >= 0; j = rows[i].nextSetBit(j + 1)) {
                    loadDst[e] = i * n + j;
                    loadSrc[e++] = perm[i] * n + perm[j];
                }
            }
            // the matrix's own pattern; after the elimination it is turned into the fill-in
            java.util.BitSet[] fillIn = new java.util.BitSet[n];
            for (int i = 0; i < n; i++) {
                fillIn[i] = (java.util.BitSet) rows[i].clone();
            }
            // symbolic elimination: row i gains row k's entries right of k for every k < i it has
            for (int i = 0; i < n; i++) {
                java.util.BitSet ri = rows[i];
                for (int k = ri.nextSetBit(0); k >= 0 && k < i; k = ri.nextSetBit(k + 1)) {
                    java.util.BitSet rk = rows[k];
                    for (int j = rk.nextSetBit(k + 1); j >= 0; j = rk.nextSetBit(j + 1)) {
                        ri.set(j);
                    }
                }
            }
            // the fill-in: entries of the factors that the matrix does not have
            int fills = 0;
            for (int i = 0; i < n; i++) {
                fillIn[i].xor(rows[i]);
                fills += fillIn[i].cardinality();
            }
            fill = new int[fills];
            fills = 0;
            for (int i = 0; i < n; i++) {
                for (int j = fillIn[i].nextSetBit(0); j >= 0; j = fillIn[i].nextSetBit(j + 1)) {
                    fill[fills++] = i * n + j;
                }
            }
            // columns of L (rows below k) and rows of U (columns right of k)
            int[] countBelow = new int[n];
            for (int i = 0; i < n; i++) {
                for (int k = rows[i].nextSetBit(0); k >= 0 && k < i; k = rows[i].nextSetBit(k + 1)) {
                    countBelow[k]++;
                }
            }
            below = new int[n][];
            right = new int[n][];
            for (int k = 0; k < n; k++) {
                below[k] = new int[countBelow[k]];
                int from = k + 1;
                right[k] = rows[k].get(from, Math.max(from, n)).stream().map(x -> x + from).toArray();
            }
            int[] at = new int[n];
            for (int i = 0; i < n; i++) {
                for (int k = rows[i].nextSetBit(0); k >= 0 && k < i; k = rows[i].nextSetBit(k + 1)) {
                    below[k][at[k]++] = i;
                }
            }
            // compressed rows: strictly lower L, then U without its diagonal
            int nnz = 0;
            for (int i = 0; i < n; i++) {
                nnz += rows[i].cardinality() - (rows[i].get(i) ? 1 : 0);
            }
            valueAt = new int[nnz];
            col = new int[nnz];
            lStart = new int[n + 1];
            uStart = new int[n + 1];
            e = 0;
            for (int i = 0; i < n; i++) {
                lStart[i] = e;
                for (int j = rows[i].nextSetBit(0); j >= 0 && j < i; j = rows[i].nextSetBit(j + 1)) {
                    col[e] = j;
                    valueAt[e++] = i * n + j;
                }
            }
            lStart[n] = e;
            for (int i = 0; i < n; i++) {
                uStart[i] = e;
                for (int j = rows[i].nextSetBit(i + 1); j >= 0; j = rows[i].nextSetBit(j + 1)) {
                    col[e] = j;
                    valueAt[e++] = i * n + j;
                }
            }
            uStart[n] = e;
        }

        /** Multiply–adds of one numeric factorization: Σ over pivots k of |below k|·(1 + |right of k|). */
        double factorWork() {
            double w = 0;
            for (int k = 0; k < below.length; k++) {
                w += below[k].length * (1.0 + right[k].length);
            }
            return w;
        }

        /** Multiply–adds of one solve with the factors: their off-diagonal entries, plus the diagonal. */
        double solveWork() {
            return col.length + below.length;
        }
    }

    private final int n;
    /** The matrix to factor (row-major, original order); the caller fills it before {@link #factor()}. */
    final double[] a;
    private final Symbolic sym;
    private final int[] piv;
    private final double[] work;
    private final double[] pb;
    private final double[] invDiag;
    // the current factors' compressed layout: the symbolic one, or after a dense fallback our own
    private int[] lStart;
    private int[] uStart;
    private int[] col;
    /** The factors' entries: as many as the symbolic pattern has, grown to n² by a dense fallback. */
    private double[] val;
    // the compressed layout of a dense fallback's factors, made when one first happens
    private int[] ownLStart;
    private int[] ownUStart;
    private int[] ownCol;
    /** Whether the last factorization swapped rows (the dense fallback), so that a solve applies {@link #piv}. */
    private boolean pivoted;

    /** A dense LU (every entry may be non-zero). */
    Lu(int n) {
        this(n, SparsityPattern.dense(n));
    }

    /** An LU for matrices with the given pattern (null means dense). */
    Lu(int n, SparsityPattern pattern) {
        this.n = n;
        this.a = new double[n * n];
        this.sym = (pattern == null ? SparsityPattern.dense(n) : pattern).symbolic();
        this.piv = new int[n];
        this.work = new double[n * n];
        this.pb = new double[n];
        this.invDiag = new double[n];
        this.val = new double[sym.valueAt.length];
    }

    /**
     * Greedy minimum-degree order of the symmetric pattern (ties to the lower index). The adjacency is a
     * bit set per vertex: eliminating a vertex joins its neighbours into a clique with word-wide unions,
     * so an order costs about n² + Σ degree·n/64 operations rather than n³.
     */
    static int[] minimumDegree(boolean[] nonzero, int n) {
        java.util.BitSet[] adj = new java.util.BitSet[n];
        for (int i = 0; i < n; i++) {
            adj[i] = new java.util.BitSet(n);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && (nonzero[i * n + j] || nonzero[j * n + i])) {
                    adj[i].set(j);
                }
            }
        }
        int[] degree = new int[n];
        for (int i = 0; i < n; i++) {
            degree[i] = adj[i].cardinality();
        }
        boolean[] gone = new boolean[n];
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            int best = -1;
            for (int v = 0; v < n; v++) {
                if (!gone[v] && (best < 0 || degree[v] < degree[best])) {
                    best = v;
                }
            }
            order[k] = best;
            gone[best] = true;
            java.util.BitSet nb = adj[best];
            // eliminating best joins its remaining neighbours into a clique (the fill-in)
            for (int u = nb.nextSetBit(0); u >= 0; u = nb.nextSetBit(u + 1)) {
                adj[u].or(nb);
                adj[u].clear(u);
                adj[u].clear(best);
                degree[u] = adj[u].cardinality();
            }
        }
        return order;
    }

    /**
     * Factors {@link #a} (permuted) into L and U.
     *
     * @return false if the matrix is singular to working precision (a zero or non-finite pivot)
     */
    boolean factor() {
        final Symbolic y = sym;
        final double[] m = work;
        for (int e = 0; e < y.loadDst.length; e++) {
            m[y.loadDst[e]] = a[y.loadSrc[e]];
        }
        for (int f : y.fill) {
            m[f] = 0;
        }
        if (eliminateOnDiagonal(m)) {
            lStart = y.lStart;
            uStart = y.uStart;
            col = y.col;
            for (int e = 0; e < y.valueAt.length; e++) {
                val[e] = m[y.valueAt[e]];
            }
            for (int i = 0; i < n; i++) {
                piv[i] = i;
                invDiag[i] = 1 / m[i * n + i];
            }
            pivoted = false;
            return true;
        }
        // a zero pivot or too much growth: dense elimination with partial pivoting on the permuted matrix
        for (int i = 0; i < n; i++) {
            int ri = y.perm[i] * n;
            for (int j = 0; j < n; j++) {
                m[i * n + j] = a[ri + y.perm[j]];
            }
        }
        boolean ok = factor(m, n, piv);
        pivoted = true;
        if (ok) {
            compress(m);
        }
        // the dense path wrote entries outside the static pattern: clear them for the next factorization
        java.util.Arrays.fill(m, 0.0);
        return ok;
    }

    /** Elimination with the pivots on the diagonal and the static pattern; false on a zero pivot or growth. */
    private boolean eliminateOnDiagonal(double[] m) {
        final Symbolic y = sym;
        double scale = 0;
        for (int d : y.loadDst) {
            scale = Math.max(scale, Math.abs(m[d]));
        }
        double limit = GROWTH * scale;
        for (int k = 0; k < n; k++) {
            double p = m[k * n + k];
            if (p == 0 || !(Math.abs(p) <= limit)) {
                return false;
            }
            double inv = 1 / p;
            int[] cols = y.right[k];
            int rk = k * n;
            for (int i : y.below[k]) {
                int ri = i * n;
                double mult = m[ri + k] * inv;
                m[ri + k] = mult;
                if (mult != 0) {
                    for (int j : cols) {
                        double v = m[ri + j] - mult * m[rk + j];
                        m[ri + j] = v;
                        if (!(Math.abs(v) <= limit)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /** Gathers the non-zero entries of a dense factorization into compressed rows. */
    private void compress(double[] m) {
        if (ownCol == null) {
            ownLStart = new int[n + 1];
            ownUStart = new int[n + 1];
            ownCol = new int[n * n];
            val = new double[n * n];
        }
        lStart = ownLStart;
        uStart = ownUStart;
        col = ownCol;
        int k = 0;
        for (int i = 0; i < n; i++) {
            lStart[i] = k;
            int r = i * n;
            for (int j = 0; j < i; j++) {
                if (m[r + j] != 0) {
                    col[k] = j;
                    val[k++] = m[r + j];
                }
            }
        }
        lStart[n] = k;
        for (int i = 0; i < n; i++) {
            uStart[i] = k;
            int r = i * n;
            for (int j = i + 1; j < n; j++) {
                if (m[r + j] != 0) {
                    col[k] = j;
                    val[k++] = m[r + j];
                }
            }
            invDiag[i] = 1 / m[r + i];
        }
        uStart[n] = k;
    }

    /** Solves A x = b in place with the factors of the last {@link #factor()}. */
    void solve(double[] rhs) {
        final double[] b = pb;
        final int[] p = sym.perm;
        final int[] c = col;
        final double[] v = val;
        for (int i = 0; i < n; i++) {
            b[i] = rhs[p[i]];
        }
        // the row swaps of a dense fallback (none in the usual case, pivots on the diagonal)
        for (int k = 0; pivoted && k < n; k++) {
            int q = piv[k];
            if (q != k) {
                double tmp = b[q];
                b[q] = b[k];
                b[k] = tmp;
            }
        }
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
            s *= invDiag[i];
            b[i] = s;
            rhs[p[i]] = s;
        }
    }

    /**
     * Factors the n×n row-major matrix {@code a} in place into L (unit lower, below the diagonal) and U,
     * with partial pivoting, recording row swaps in {@code piv}.
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
