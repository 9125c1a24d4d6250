package org.nanopk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nanopk nca} on files, as a user runs it: the long CSV it writes against Phoenix WinNonlin's
 * output (the core module's test resources, with their provenance) to 1e-6 relative, from a tidy file
 * and from a NONMEM-style file; the sparse analysis against R package PK's numbers; the data a fit
 * reads; and bad data refused in one line.
 */
class NcaCommandTest {
    static final Path REFERENCE = Path.of("../core/src/test/resources/nca");

    /** WinNonlin column → PPTESTCD for the parameters compared here (the full map is in the core test). */
    static final Map<String, String> CODES = Map.ofEntries(Map.entry("Cmax", "CMAX"), Map.entry("Tmax", "TMAX"),
        Map.entry("AUClast", "AUCLST"), Map.entry("AUCINF_obs", "AUCIFO"), Map.entry("AUCINF_pred", "AUCIFP"),
        Map.entry("Lambda_z", "LAMZ"), Map.entry("No_points_lambda_z", "LAMZNPT"), Map.entry("Rsq_adjusted", "R2ADJ"),
        Map.entry("AUMCINF_obs", "AUMCIFO"), Map.entry("Cl_F_obs", "CLFO"), Map.entry("Vz_F_pred", "VZFP"),
        Map.entry("Cl_obs", "CLO"), Map.entry("Vss_obs", "VSSO"), Map.entry("Vss_pred", "VSSP"), Map.entry("C0", "C0"),
        Map.entry("AUC_%Back_Ext_obs", "AUCPBEO"), Map.entry("MRTINF_obs", "MRTIVIFO"));

    static List<String[]> rows(Path file) throws Exception {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(line.replace("\"", "").split(",", -1));
        }
        return out;
    }

    /** subject → PPTESTCD → value of the command's --out file, checking its header. */
    static Map<String, Map<String, String>> written(Path out) throws Exception {
        List<String[]> rows = rows(out);
        assertEquals("subject,PPTESTCD,value", String.join(",", rows.get(0)));
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        for (String[] r : rows.subList(1, rows.size())) {
            assertEquals(3, r.length, String.join(",", r));
            m.computeIfAbsent(r[0], k -> new HashMap<>()).put(r[1], r[2]);
        }
        return m;
    }

    static void compare(String reference, Map<String, Map<String, String>> got) throws Exception {
        List<String[]> ref = rows(REFERENCE.resolve(reference));
        String[] header = ref.get(0);
        int compared = 0;
        for (String[] r : ref.subList(1, ref.size())) {
            for (int c = 1; c < header.length; c++) {
                String code = CODES.get(header[c]);
                if (code == null || r[c].isEmpty() || (code.startsWith("MRTIV") && reference.contains("Theoph"))) {
                    continue;
                }
                double expected = Double.parseDouble(r[c]);
                String cell = got.get(r[0]).get(code);
                assertTrue(cell != null && !cell.isEmpty(), reference + " subject " + r[0] + " " + code + " not written");
                assertEquals(expected, Double.parseDouble(cell), 1e-6 * Math.abs(expected),
                    reference + " subject " + r[0] + " " + code);
                compared++;
            }
        }
        assertTrue(compared >= 6 * 9, reference + ": only " + compared + " values compared");
    }

    /** R_Theoph.csv (Subject, Wt, Dose, Time, conc) as a tidy file: subject,time,value,unit. */
    static Path tidyTheoph(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("subject,time,value,unit\n");
        List<String[]> rows = rows(REFERENCE.resolve("R_Theoph.csv"));
        for (String[] r : rows.subList(1, rows.size())) {
            sb.append(r[0]).append(',').append(r[3]).append(',').append(r[4]).append(",mg/L\n");
        }
        Path p = dir.resolve("theoph.csv");
        Files.writeString(p, sb);
        return p;
    }

    /** R_Indometh.csv (Subject, time, conc) as a NONMEM-style file, a dose of 25 at time 0 per ID. */
    static Path nonmemIndometh(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("ID,TIME,AMT,EVID,MDV,DV\n");
        List<String[]> rows = rows(REFERENCE.resolve("R_Indometh.csv"));
        String previous = "";
        for (String[] r : rows.subList(1, rows.size())) {
            if (!r[0].equals(previous)) {
                sb.append(r[0]).append(",0,25,1,1,.\n");
                previous = r[0];
            }
            sb.append(r[0]).append(',').append(r[1]).append(",0,0,0,").append(r[2]).append('\n');
        }
        Path p = dir.resolve("indometh.csv");
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void theophyllineFromATidyFile(@TempDir Path dir) throws Exception {
        Path data = tidyTheoph(dir);
        for (String auc : new String[] {"linear", "linuplogdown"}) {
            Path out = dir.resolve("nca-" + auc + ".csv");
            CommandLineTest.Run r = CommandLineTest.run("nca", data.toString(), "--route", "extravascular", "--dose",
                "320", "--auc", auc, "--out", out.toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains("AUCIFO") && r.out().contains("subject 12"), r.out());
            compare(auc.equals("linear") ? "winnonlin_Theoph_Linear.csv" : "winnonlin_Theoph_Log.csv", written(out));
        }
    }

    @Test
    void indomethacinFromANonmemFile(@TempDir Path dir) throws Exception {
        Path data = nonmemIndometh(dir);
        Path out = dir.resolve("bolus.csv");
        CommandLineTest.Run r = CommandLineTest.run("nca", data.toString(), "--route", "bolus", "--auc", "linear",
            "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("note: dose 25 from AMT (every subject)"), r.out());
        compare("winnonlin_Indometh_Linear.csv", written(out));
        Path inf = dir.resolve("infusion.csv");
        r = CommandLineTest.run("nca", data.toString(), "--route", "infusion", "--duration", "0.25", "--out",
            inf.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("C(0) = 0 at the start of the infusion"), r.out());
        compare("winnonlin_Indometh_Log_Infusion.csv", written(inf));
    }

    @Test
    void sparseDesign(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sparse.csv");
        CommandLineTest.Run r = CommandLineTest.run("nca", REFERENCE.resolve("pknca_sparse.csv").toString(),
            "--route", "extravascular", "--sparse", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        // subject is the animal: one sample each, pooled by time
        Map<String, String> got = written(out).get("all");
        assertEquals(39.4689, Double.parseDouble(got.get("SPAUCLST")), 1e-12 * 39.4689);
        assertEquals(6.86584835083522, Double.parseDouble(got.get("SPAUCSE")), 1e-12 * 6.87);
        assertEquals(2.82631153092225, Double.parseDouble(got.get("SPAUCDF")), 1e-12 * 2.83);
        // the same design as summaries: mean, sd, n per time
        Path summary = dir.resolve("summary.csv");
        Files.writeString(summary, "time,value,sd,n\n0,0,0,3\n1,1.8433333333333335,0.3203643758805485,3\n"
            + "2,2.41,0.5501817881391566,3\n4,2.9766666666666666,0.5089531740085068,3\n"
            + "6,3.046666666666667,1.5557741909844542,3\n10,1.9533333333333334,1.2015545486299544,3\n"
            + "24,0.19103333333333333,0.13351443118005385,3\n");
        r = CommandLineTest.run("nca", summary.toString(), "--route", "extravascular", "--sparse");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("39.4689") && r.out().contains("6.86585"), r.out());
    }

    @Test
    void theDataAFitReads() {
        // the shipped theophylline file, as `nanopk fit` reads it (tissue, unit, dose columns)
        CommandLineTest.Run r = CommandLineTest.run("nca", "data/classic_theophylline_R_Theoph.csv", "--route",
            "extravascular", "--dose", "320");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("147.235"), "subject 1 AUCLST (WinNonlin 147.2347485): " + r.out());
    }

    @Test
    void badDataIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path unsorted = dir.resolve("unsorted.csv");
        Files.writeString(unsorted, "subject,time,value\n1,0,1\n1,2,3\n1,1,2\n");
        CommandLineTest.Run r = CommandLineTest.run("nca", unsorted.toString(), "--route", "extravascular");
        assertEquals(2, r.status());
        assertEquals("nanopk: error: " + unsorted + ": NCA of 'subject 1': time 1 h comes after 2 h; expected "
            + "increasing times\n", r.err());
        Path duplicate = dir.resolve("duplicate.csv");
        Files.writeString(duplicate, "subject,time,value\n1,0,1\n1,1,3\n1,1,2\n");
        r = CommandLineTest.run("nca", duplicate.toString(), "--route", "bolus");
        assertTrue(r.err().contains("time 1 h appears twice"), r.err());
        Path negative = dir.resolve("negative.csv");
        Files.writeString(negative, "subject,time,value\n1,0,1\n1,1,-3\n");
        r = CommandLineTest.run("nca", negative.toString(), "--route", "bolus");
        assertTrue(r.err().contains("value at 1 h = -3.0 is negative"), r.err());
        r = CommandLineTest.run("nca", negative.toString(), "--route", "infusion");
        assertEquals("nanopk: error: --route infusion needs --duration H, the infusion's length in h\n", r.err());
        r = CommandLineTest.run("nca", negative.toString(), "--route", "iv");
        assertEquals("nanopk: error: route 'iv' is unknown; expected extravascular, bolus or infusion\n", r.err());
        r = CommandLineTest.run("nca", negative.toString(), "--route", "bolus", "--out", negative.toString());
        assertTrue(r.err().contains("outputs never overwrite inputs"), r.err());
        // too few points for λz: reported missing, with why
        Path short3 = dir.resolve("short.csv");
        Files.writeString(short3, "subject,time,value\n1,0,0\n1,1,3\n1,2,2\n");
        r = CommandLineTest.run("nca", short3.toString(), "--route", "extravascular");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("R2ADJ: λz needs at least 3 positive values after Cmax; there is 1"),
            r.out());
    }
}
