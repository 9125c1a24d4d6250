package org.nanopk.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.Times;

/**
 * The Chou et al. 2023 preset against an independent implementation of the same specification
 * (R deSolve LSODA at rtol 1e-10, atol 1e-12; in src/test/resources/chou2023 with their
 * provenance): DE24, DE168 and DEmax for dataset IDs 1–40 and
 * the full time courses of IDs 1 and 2 agree to a relative 1e-6; the mass balance holds to 1e-9.
 */
class Chou2023Test {
    static final double RTOL = 1e-10;
    static final double ATOL = 1e-14;

    static List<Map<String, String>> csv(String resource) {
        try (InputStream in = Chou2023Test.class.getResourceAsStream("/chou2023/" + resource)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            String[] header = lines[0].replace("\"", "").split(",");
            List<Map<String, String>> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] cells = lines[i].split(",");
                Map<String, String> row = new LinkedHashMap<>();
                for (int j = 0; j < header.length; j++) {
                    row.put(header[j], j < cells.length ? cells[j].replace("\"", "") : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, Map<String, String>> datasets() {
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        for (Map<String, String> r : csv("chou2023_G1_nanotumor_fitted_pbpk_params.csv")) {
            byId.put(r.get("ID"), r);
        }
        return byId;
    }

    @Test
    void deliveryEfficienciesOfForty() {
        Map<String, Map<String, String>> params = datasets();
        for (Map<String, String> ref : csv("chou2023_reference_DE_subset.csv")) {
            Model m = Chou2023.forDataset(params.get(ref.get("ID")));
            Simulation s = Chou2023.simulate(m, RTOL, ATOL);
            Map<String, Double> de = Chou2023.deliveryEfficiency(s);
            for (String k : new String[] {"DE24", "DE168", "DEmax"}) {
                double expected = Double.parseDouble(ref.get(k));
                assertEquals(expected, de.get(k), 1e-6 * expected, "ID " + ref.get("ID") + " " + k);
            }
        }
    }

    @Test
    void timeCoursesOfIdsOneAndTwo() {
        Map<String, Map<String, String>> params = datasets();
        for (String id : new String[] {"1", "2"}) {
            List<Map<String, String>> ref = csv("chou2023_reference_ID" + id + "_timecourse.csv");
            double[] times = ref.stream().mapToDouble(r -> Double.parseDouble(r.get("time"))).toArray();
            Model m = Chou2023.forDataset(params.get(id));
            Simulation s = m.simulate(m.regimen(), times,
                org.nanopk.solve.Solver.stiff().withTolerances(RTOL, ATOL));
            double dose = s.totalDosed();
            for (int i = 0; i < times.length; i++) {
                Map<String, String> row = ref.get(i);
                for (String state : m.compartmentNames()) {
                    close(row.get(state), s.value(state, i), dose, "ID " + id + " " + state + " at " + times[i]);
                }
                for (String state : new String[] {"ATRESUP", "ATRESrel", "AUCTumor", "Tumor"}) {
                    close(row.get(state), s.value(state, i), state.equals("AUCTumor") ? 1 : dose,
                        "ID " + id + " " + state + " at " + times[i]);
                }
                close(row.get("ADOSE"), s.dosed().value(i), dose, "ID " + id + " ADOSE at " + times[i]);
                if (times[i] > 0) {
                    close(row.get("DE_pct"), s.percentId("Tumor").value(i), 100, "ID " + id + " DE at " + times[i]);
                }
                // mass balance: the body and the excreta hold exactly what was dosed
                double total = s.value("Body", i) + s.value("Excreted", i);
                assertEquals(s.dosed().value(i), total, 1e-9 * dose, "mass balance at " + times[i]);
            }
        }
    }

    /**
     * The solution's own maximum (dense output, refined on the derivative) is at least the grid's and
     * equals the largest value on a 1e-5 h grid about it (which brackets it within a 2.5e-11 h² curvature
     * term) to 1e-9 relative.
     */
    @Test
    void solutionMaximumIsNotTheGrids() {
        Model m = Chou2023.forDataset(datasets().get("2"));
        Simulation s = Chou2023.simulate(m, RTOL, ATOL);
        org.nanopk.Series de = s.percentId("Tumor");
        double gridMax = Chou2023.deliveryEfficiency(s).get("DEmax");
        assertTrue(de.max() >= gridMax, de.max() + " < grid " + gridMax);
        double t = de.timeOfMax();
        Simulation fine = m.simulate(m.regimen(), Times.grid(t - 0.01, t + 0.01, 1e-5),
            org.nanopk.solve.Solver.stiff().withTolerances(RTOL, ATOL));
        double fineMax = Double.NEGATIVE_INFINITY;
        for (double v : fine.percentId("Tumor").values()) {
            fineMax = Math.max(fineMax, v);
        }
        assertEquals(fineMax, de.max(), 1e-9 * fineMax);
    }

    /** Relative 1e-6, except values below 1e-6 of the scale, which must agree to 1e-12 of the scale. */
    static void close(String expected, double actual, double scale, String what) {
        double e = Double.parseDouble(expected);
        assertEquals(e, actual, Math.max(1e-6 * Math.abs(e), 1e-12 * scale), what);
    }

    @Test
    void defaultModelIsLinearInAmountsButTimeDependent() {
        Model m = Chou2023.model();
        assertEquals(27, m.compartments().size());
        assertEquals(3, m.integrals().size());
        assertTrue(!m.isLinear(), "Hill-in-time uptake makes it time dependent");
        Simulation s = m.simulate(Times.grid(0, 24, 12));
        assertTrue(s.percentId("Tumor").at(24) > 0);
    }
}
