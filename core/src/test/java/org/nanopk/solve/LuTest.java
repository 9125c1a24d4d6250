package org.nanopk.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;

import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/** NanoPK's allocation-free LU against Hipparchus's {@code LUDecomposition}. */
class LuTest {
    @Test
    void solvesLikeHipparchus() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int n : new int[] {1, 2, 5, 9, 31}) {
            for (int rep = 0; rep < 20; rep++) {
                double[] a = new double[n * n];
                double[][] m = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double v = rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-3, 4));
                        a[i * n + j] = v;
                        m[i][j] = v;
                    }
                }
                double[] b = new double[n];
                for (int i = 0; i < n; i++) {
                    b[i] = rnd.nextDouble(-5, 5);
                }
                RealMatrix rm = MatrixUtils.createRealMatrix(m);
                double[] expected = new LUDecomposition(rm).getSolver().solve(MatrixUtils.createRealVector(b))
                    .toArray();
                int[] piv = new int[n];
                Lu sparse = new Lu(n);
                System.arraycopy(a, 0, sparse.a, 0, n * n);
                boolean[] pattern = new boolean[n * n];
                if (rep % 2 == 1) {
                    // make it sparse like a compartmental Jacobian: about 3 non-zeros per row
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            if (i != j && rnd.nextInt(n) > 2) {
                                sparse.a[i * n + j] = 0;
                                a[i * n + j] = 0;
                                m[i][j] = 0;
                            }
                        }
                    }
                    rm = MatrixUtils.createRealMatrix(m);
                    expected = new LUDecomposition(rm).getSolver().solve(MatrixUtils.createRealVector(b)).toArray();
                }
                for (int e = 0; e < n * n; e++) {
                    pattern[e] = a[e] != 0;
                }
                Lu patterned = new Lu(n, SparsityPattern.of(n, pattern));
                System.arraycopy(a, 0, patterned.a, 0, n * n);
                Lu.factor(a, n, piv);
                double[] x = b.clone();
                Lu.solve(a, n, piv, x);
                double cond0 = new SingularValueDecomposition(rm).getConditionNumber();
                double tol = 10 * n * 2.3e-16 * cond0 * (1 + maxAbs(x));
                for (Lu other : new Lu[] {sparse, patterned}) {
                    other.factor();
                    double[] xs2 = b.clone();
                    other.solve(xs2);
                    assertArrayEquals(x, xs2, tol, "sparse and dense factors agree, n=" + n);
                }
                // backward stability: |b - A x| <= c·eps·|A|·|x| (c = 10 n)
                double[] ax = rm.operate(x);
                double aMax = 0;
                for (double v : a) {
                    aMax = Math.max(aMax, Math.abs(v));
                }
                assertArrayEquals(b, ax, 10 * n * 2.3e-16 * aMax * maxAbs(x) * n, "residual n=" + n);
                // forward error against Hipparchus, within the condition number times eps
                double cond = new SingularValueDecomposition(rm).getConditionNumber();
                assertArrayEquals(expected, x, 10 * n * 2.3e-16 * cond * maxAbs(expected), "solution n=" + n);
            }
        }
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void reportsSingularMatrices() {
        double[] a = {1, 2, 2, 4};
        assertFalse(Lu.factor(a, 2, new int[2]));
    }
}
