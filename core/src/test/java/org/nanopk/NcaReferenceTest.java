package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NCA of measured data against Phoenix WinNonlin's published output (src/test/resources/nca, with its
 * provenance) on R's Theoph (extravascular, dose 320) and Indometh (IV bolus, and a 0.25 h infusion;
 * dose 25) data, both AUC methods: every parameter both report agrees to 1e-6 relative (WinNonlin's
 * Theoph file carries 10 significant digits, its Indometh files 15), and every parameter NanoPK
 * reports for these routes has a WinNonlin column to be checked against.
 */
class NcaReferenceTest {
    static final double TOL = 1e-6;

    /** WinNonlin column → PPTESTCD, as the reference's own RptCfg.csv maps them (MRT names by route). */
    static Map<String, String> codes(boolean extravascular) {
        Map<String, String> m = new LinkedHashMap<>();
        String[] pairs = {
            "Cmax", "CMAX", "Tmax", "TMAX", "Tlast", "TLST", "Clast", "CLST", "C0", "C0",
            "AUClast", "AUCLST", "AUCall", "AUCALL", "AUCINF_obs", "AUCIFO", "AUCINF_pred", "AUCIFP",
            "AUC_%Extrap_obs", "AUCPEO", "AUC_%Extrap_pred", "AUCPEP",
            "AUC_%Back_Ext_obs", "AUCPBEO", "AUC_%Back_Ext_pred", "AUCPBEP",
            "Lambda_z", "LAMZ", "HL_Lambda_z", "LAMZHL", "Lambda_z_lower", "LAMZLL", "Lambda_z_upper", "LAMZUL",
            "No_points_lambda_z", "LAMZNPT", "Rsq", "R2", "Rsq_adjusted", "R2ADJ",
            "AUMClast", "AUMCLST", "AUMCINF_obs", "AUMCIFO", "AUMCINF_pred", "AUMCIFP",
            "Cl_F_obs", "CLFO", "Cl_F_pred", "CLFP", "Vz_F_obs", "VZFO", "Vz_F_pred", "VZFP",
            "Cl_obs", "CLO", "Cl_pred", "CLP", "Vz_obs", "VZO", "Vz_pred", "VZP", "Vss_obs", "VSSO", "Vss_pred", "VSSP"};
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        m.put("MRTlast", extravascular ? "MRTEVLST" : "MRTIVLST");
        m.put("MRTINF_obs", extravascular ? "MRTEVIFO" : "MRTIVIFO");
        m.put("MRTINF_pred", extravascular ? "MRTEVIFP" : "MRTIVIFP");
        return m;
    }

    static List<Map<String, String>> csv(String resource) {
        try (InputStream in = NcaReferenceTest.class.getResourceAsStream("/nca/" + resource)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            String[] header = lines[0].replace("\"", "").split(",");
            List<Map<String, String>> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String[] cells = lines[i].replace("\"", "").split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int j = 0; j < header.length; j++) {
                    row.put(header[j], cells[j]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Subject → {times, values} of an R data set written by write.csv. */
    static Map<String, double[][]> profiles(String resource, String time, String value) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (Map<String, String> r : csv(resource)) {
            points.computeIfAbsent(r.get("Subject"), k -> new ArrayList<>())
                .add(new double[] {Double.parseDouble(r.get(time)), Double.parseDouble(r.get(value))});
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        points.forEach((s, ps) -> out.put(s, new double[][] {
            ps.stream().mapToDouble(p -> p[0]).toArray(), ps.stream().mapToDouble(p -> p[1]).toArray()}));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "winnonlin_Theoph_Linear.csv, R_Theoph.csv, Time, conc, extravascular, 0, 320, linear",
        "winnonlin_Theoph_Log.csv, R_Theoph.csv, Time, conc, extravascular, 0, 320, linuplogdown",
        "winnonlin_Indometh_Linear.csv, R_Indometh.csv, time, conc, bolus, 0, 25, linear",
        "winnonlin_Indometh_Log.csv, R_Indometh.csv, time, conc, bolus, 0, 25, linuplogdown",
        "winnonlin_Indometh_Linear_Infusion.csv, R_Indometh.csv, time, conc, infusion, 0.25, 25, linear",
        "winnonlin_Indometh_Log_Infusion.csv, R_Indometh.csv, time, conc, infusion, 0.25, 25, linuplogdown"})
    void matchesWinNonlin(String reference, String data, String time, String value, String route, double duration,
                          double dose, String auc) {
        NcaOptions options = NcaOptions.of(NcaOptions.Route.of(route), duration).withDose(dose)
            .withAuc(NcaOptions.Auc.of(auc));
        Map<String, double[][]> profiles = profiles(data, time, value);
        Map<String, String> codes = codes(options.route() == NcaOptions.Route.EXTRAVASCULAR);
        int compared = 0;
        List<Map<String, String>> rows = csv(reference);
        for (Map<String, String> row : rows) {
            double[][] p = profiles.get(row.get("Subject"));
            Nca nca = Nca.of(p[0], p[1], options);
            Set<String> unchecked = new TreeSet<>(nca.parameters().keySet());
            for (Map.Entry<String, String> e : codes.entrySet()) {
                String cell = row.get(e.getKey());
                if (cell == null || cell.isEmpty()) {
                    continue;
                }
                double expected = Double.parseDouble(cell);
                double actual = nca.value(e.getValue());
                assertEquals(expected, actual, TOL * Math.abs(expected),
                    reference + " subject " + row.get("Subject") + " " + e.getValue() + " (" + e.getKey() + ")");
                unchecked.remove(e.getValue());
                compared++;
            }
            assertTrue(unchecked.isEmpty(), reference + " subject " + row.get("Subject")
                + ": reported without a WinNonlin value to check: " + unchecked);
            assertTrue(nca.missing().isEmpty(), "missing: " + nca.missing());
        }
        int perSubject = NcaParameter.reportedFor(options.route()).size();
        assertEquals(perSubject * rows.size(), compared, "every reported parameter of every subject compared");
    }
}
