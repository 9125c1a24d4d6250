package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;
import org.junit.jupiter.api.Test;

/**
 * Sparse (one sample per animal) AUC by Bailer's method against a published example (PKNCA's test data
 * with R package PK's numbers, src/test/resources/nca) and against an independent implementation of the
 * formulas (trapezoids of the means; Commons Statistics for the variances; the variance of a trapezoid
 * sum written out term by term), to 1e-12 relative.
 */
class SparseNcaTest {
    static double[] column(List<String[]> rows, int c) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r[c])).toArray();
    }

    static List<String[]> example() throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (var in = SparseNcaTest.class.getResourceAsStream("/nca/pknca_sparse.csv")) {
            String[] lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R");
            for (int i = 1; i < lines.length; i++) {
                rows.add(lines[i].split(","));
            }
        }
        return rows;
    }

    @Test
    void publishedExample() throws Exception {
        List<String[]> rows = example();
        SparseNca s = SparseNca.of(column(rows, 1), column(rows, 2), "ng/mL");
        // R package PK, PK::auc(design = "ssd"), as PKNCA's tests record it (7 and 15 significant digits)
        assertEquals(39.4689, s.auc(), 1e-12 * 39.4689);
        assertEquals(6.86584835083522, s.standardError(), 1e-12 * 6.87);
        assertEquals(2.82631153092225, s.degreesOfFreedom(), 1e-12 * 2.83);
    }

    @Test
    void independentFormula() throws Exception {
        List<String[]> rows = example();
        double[] t = column(rows, 1);
        double[] v = column(rows, 2);
        TreeMap<Double, List<Double>> byTime = new TreeMap<>();
        for (int i = 0; i < t.length; i++) {
            byTime.computeIfAbsent(t[i], k -> new ArrayList<>()).add(v[i]);
        }
        double[] times = byTime.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        int k = times.length;
        double[] mean = new double[k];
        double[] var = new double[k];
        int[] n = new int[k];
        int j = 0;
        for (List<Double> g : byTime.values()) {
            double[] x = g.stream().mapToDouble(Double::doubleValue).toArray();
            mean[j] = Mean.of(x).getAsDouble();
            var[j] = Variance.of(x).getAsDouble();
            n[j++] = x.length;
        }
        // AUC as a sum of trapezoids; its variance as the sum over trapezoids' shared means:
        // AUC = Σ_i (t_{i+1} − t_i)(m_i + m_{i+1})/2, each m_j carrying var_j/n_j
        double auc = 0;
        double[] coefficient = new double[k];
        for (int i = 0; i + 1 < k; i++) {
            double h = times[i + 1] - times[i];
            auc += h * (mean[i] + mean[i + 1]) / 2;
            coefficient[i] += h / 2;
            coefficient[i + 1] += h / 2;
        }
        double se2 = 0;
        double dfDen = 0;
        for (int i = 0; i < k; i++) {
            double a = coefficient[i] * coefficient[i] * var[i] / n[i];
            se2 += a;
            dfDen += a * a / (n[i] - 1);
        }
        SparseNca s = SparseNca.of(t, v, "");
        assertEquals(auc, s.auc(), 1e-12 * auc);
        assertEquals(Math.sqrt(se2), s.standardError(), 1e-12 * Math.sqrt(se2));
        assertEquals(se2 * se2 / dfDen, s.degreesOfFreedom(), 1e-12 * se2 * se2 / dfDen);
        // the same from summaries (mean, sd, n per time), as a mouse data file holds them
        double[] sd = java.util.Arrays.stream(var).map(Math::sqrt).toArray();
        SparseNca summary = SparseNca.ofSummary(times, mean, sd, n, "");
        assertEquals(s.auc(), summary.auc(), 1e-14 * auc);
        assertEquals(s.standardError(), summary.standardError(), 1e-14 * Math.sqrt(se2));
        assertEquals(s.degreesOfFreedom(), summary.degreesOfFreedom(), 1e-12 * s.degreesOfFreedom());
    }

    @Test
    void missingWithReasons() {
        SparseNca one = SparseNca.of(new double[] {0, 1, 1, 4}, new double[] {5, 3, 4, 1}, "%ID");
        assertEquals((4 - 0) * 0 + 0.5 * 5 + 2 * 3.5 + 1.5 * 1, one.auc(), 1e-14);
        assertEquals("only 1 animal at 0 h; the variance at each time needs 2 or more",
            one.missing().get("SPAUCSE"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, one::standardError);
        assertTrue(e.getMessage().startsWith("SPAUCSE is missing: only 1 animal"), e.getMessage());
        SparseNca noSd = SparseNca.ofSummary(new double[] {1, 2}, new double[] {3, 1}, new double[] {Double.NaN, 0.2},
            new int[] {3, 3}, "");
        assertEquals("no sd at 1 h", noSd.missing().get("SPAUCDF"));
        assertThrows(IllegalArgumentException.class, () -> SparseNca.ofSummary(new double[] {2, 1},
            new double[] {1, 1}, new double[] {1, 1}, new int[] {3, 3}, ""));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
            () -> SparseNca.of(new double[] {1}, new double[] {-1}, ""));
        assertTrue(negative.getMessage().contains("value = -1.0"), negative.getMessage());
        assertTrue(one.toString().contains("SPAUCSE missing: only 1 animal at 0 h"), one.toString());
    }
}
