package org.nanopk.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The bit-set symbolic analysis gives exactly what the plain definitions give: the greedy minimum-degree
 * order (ties to the lower index) and the fill of elimination, written here on boolean matrices in
 * O(n³), on random sparse compartment-like patterns up to 300 states.
 */
class LuSymbolicTest {
    /** Greedy minimum degree on a dense adjacency matrix. */
    static int[] referenceOrder(boolean[] nz, int n) {
        boolean[][] adj = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                adj[i][j] = i != j && (nz[i * n + j] || nz[j * n + i]);
            }
        }
        boolean[] gone = new boolean[n];
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            int best = -1;
            int bestDegree = Integer.MAX_VALUE;
            for (int v = 0; v < n; v++) {
                if (!gone[v]) {
                    int d = 0;
                    for (int u = 0; u < n; u++) {
                        d += !gone[u] && adj[v][u] ? 1 : 0;
                    }
                    if (d < bestDegree) {
                        bestDegree = d;
                        best = v;
                    }
                }
            }
            order[k] = best;
            gone[best] = true;
            for (int u = 0; u < n; u++) {
                for (int w = 0; w < n; w++) {
                    if (u != w && !gone[u] && !gone[w] && adj[best][u] && adj[best][w]) {
                        adj[u][w] = true;
                    }
                }
            }
        }
        return order;
    }

    /** The permuted pattern after elimination, row-major, by the definition. */
    static boolean[] referenceFill(boolean[] nz, int n, int[] perm) {
        boolean[] f = new boolean[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                f[i * n + j] = nz[perm[i] * n + perm[j]] || i == j;
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = k + 1; i < n; i++) {
                for (int j = k + 1; f[i * n + k] && j < n; j++) {
                    f[i * n + j] |= f[k * n + j];
                }
            }
        }
        return f;
    }

    @Test
    void bitSetAnalysisEqualsTheDefinitions() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int n : new int[] {1, 2, 5, 9, 30, 100, 300}) {
            for (int rep = 0; rep < 3; rep++) {
                boolean[] nz = new boolean[n * n];
                for (int i = 0; i < n; i++) {
                    nz[i * n + i] = true;
                    // a hub (blood) linked to every organ, plus a few organ-to-organ transfers
                    nz[i * n] = true;
                    nz[i] = true;
                    if (n > 1 && rng.nextInt(4) == 0) {
                        nz[i * n + rng.nextInt(n)] = true;
                    }
                }
                int[] order = Lu.minimumDegree(nz, n);
                assertArrayEquals(referenceOrder(nz, n), order, "order, n = " + n);
                Lu.Symbolic s = new Lu.Symbolic(n, nz);
                boolean[] expected = referenceFill(nz, n, order);
                boolean[] got = new boolean[n * n];
                for (int i = 0; i < n; i++) {
                    got[i * n + i] = true;
                }
                for (int v : s.valueAt) {
                    got[v] = true;
                }
                assertArrayEquals(expected, got, "pattern of L and U, n = " + n);
            }
        }
    }
}
