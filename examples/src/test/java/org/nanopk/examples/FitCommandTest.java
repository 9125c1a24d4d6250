package org.nanopk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nanopk fit} on files, as a user runs it: R's theophylline data, all 12 subjects in one call, each
 * dosed from the file, against R's nls(SSfol) per subject (the core module's test resources, with the R
 * script) to 1e-3 relative on the log estimates, from the tidy file and from a NONMEM-style one with
 * --observe; and the refusals that replace silent pooling and guessing.
 */
class FitCommandTest {
    static final Path NLS = Path.of("../core/src/test/resources/theoph/theoph_nls_reference.csv");

    /** subject → parameter → estimate of an --estimates file, checking its header. */
    static Map<String, Map<String, Double>> estimates(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertEquals("subject,parameter,estimate,se,ci_low,ci_high,minus2LL,SS,converged", lines.get(0));
        Map<String, Map<String, Double>> m = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",", -1);
            assertEquals(9, c.length, l);
            assertEquals("true", c[8], "converged: " + l);
            m.computeIfAbsent(c[0], k -> new HashMap<>()).put(c[1], Double.parseDouble(c[2]));
        }
        return m;
    }

    static void matchesNls(Map<String, Map<String, Double>> got) throws Exception {
        List<String> ref = Files.readAllLines(NLS);
        for (String l : ref.subList(1, ref.size())) {
            String[] c = l.split(",");
            String[] names = {"ke", "ka", "CL"};
            for (int j = 0; j < 3; j++) {
                double lr = Double.parseDouble(c[2 + j]);
                assertEquals(lr, Math.log(got.get(c[0]).get(names[j])), 1e-3 * Math.abs(lr),
                    "subject " + c[0] + " log " + names[j]);
            }
        }
    }

    @Test
    void theophyllineBySubjectFromTheTidyFile(@TempDir Path dir) throws Exception {
        Path est = dir.resolve("estimates.csv");
        Path res = dir.resolve("residuals.csv");
        CommandLineTest.Run r = CommandLineTest.run("fit", "models/theophylline.json",
            "data/classic_theophylline_R_Theoph.csv", "--map", "serum=C", "--estimate", "ke,ka,CL", "--error", "additive",
            "--by", "subject", "--estimates", est.toString(), "--residuals", res.toString(), "--plot",
            dir.resolve("fit.png").toString(), "--log");
        assertEquals(0, r.status(), r.err());
        for (int id = 1; id <= 12; id++) {
            byte[] png = Files.readAllBytes(dir.resolve("fit-" + id + ".png"));
            assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII), "subject " + id);
        }
        assertTrue(r.out().contains("compared: C (mg/L): output C's value"), r.out());
        assertTrue(r.out().contains("subject's dose from the data: 4.02 mg/kg (subject 1)"), r.out());
        matchesNls(estimates(est));
        List<String> rows = Files.readAllLines(res);
        assertEquals("subject,name,unit,time,observed,predicted,residual,weighted,censored", rows.get(0));
        assertEquals(1 + 132, rows.size(), "one row per observation");
    }

    @Test
    void theophyllineFromANonmemFileWithObserve(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("ID,TIME,AMT,EVID,CMT,DV,MDV\n");
        List<String> data = Files.readAllLines(Path.of("../core/src/test/resources/nca/R_Theoph.csv"));
        String previous = "";
        for (String l : data.subList(1, data.size())) {
            String[] c = l.replace("\"", "").split(",");
            if (!c[0].equals(previous)) {
                sb.append(c[0]).append(",0,").append(c[2]).append(",1,1,.,1\n");
                previous = c[0];
            }
            sb.append(c[0]).append(',').append(c[3]).append(",0,0,1,").append(c[4]).append(",0\n");
        }
        Path file = dir.resolve("theoph-nonmem.csv");
        Files.writeString(file, sb);
        Path est = dir.resolve("estimates.csv");
        CommandLineTest.Run r = CommandLineTest.run("fit", "models/theophylline.json", file.toString(), "--observe", "C",
            "--dv-unit", "mg/L", "--estimate", "ke,ka,CL", "--error", "additive", "--by", "subject",
            "--estimates", est.toString());
        assertEquals(0, r.status(), r.err());
        matchesNls(estimates(est));
    }

    @Test
    void severalSubjectsAreNeverPooledSilently() {
        CommandLineTest.Run r = CommandLineTest.run("fit", "models/theophylline.json",
            "data/classic_theophylline_R_Theoph.csv", "--map", "serum=C", "--estimate", "ke,ka,CL");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("nanopk: error: the observations hold 12 subjects (1, 2, 3,"), r.err());
        assertTrue(r.err().contains("--by subject") && r.err().contains("--pool"), r.err());
        r = CommandLineTest.run("fit", "models/theophylline.json", "data/classic_theophylline_R_Theoph.csv", "--map",
            "serum=C", "--estimate", "ke,ka,CL", "--error", "additive", "--subject", "1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Fit of theophylline to 11 observations"), r.out());
    }

    @Test
    void unitsThatCannotApplyAreRefused(@TempDir Path dir) throws Exception {
        Path pct = dir.resolve("pct.csv");
        Files.writeString(pct, "time,compartment,value,unit\n1,C,5,%ID\n2,C,4,%ID\n4,C,3,%ID\n");
        CommandLineTest.Run r = CommandLineTest.run("fit", "models/theophylline.json", pct.toString(), "--estimate",
            "ke");
        assertEquals(2, r.status());
        assertEquals("nanopk: error: observations of C are in %ID (percent of the dose), but output C is in mg/L (a "
            + "concentration); expected data in a unit of a concentration\n", r.err());
        Path ug = dir.resolve("ug.csv");
        Files.writeString(ug, "time,compartment,value,unit\n1,central,5,µg\n2,central,4,µg\n4,central,3,µg\n");
        r = CommandLineTest.run("fit", "models/theophylline.json", ug.toString(), "--estimate", "ke");
        assertTrue(r.err().contains("the model's amount unit is not given"), r.err());
    }

    @Test
    void presetsAreAcceptedInAnyCase() {
        CommandLineTest.Run r = CommandLineTest.run("sensitivity", "--preset", "NP9", "--readout", "Tumor", "--t-end",
            "24", "--parameters", "kEPR");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("kEPR"), r.out());
    }
}
