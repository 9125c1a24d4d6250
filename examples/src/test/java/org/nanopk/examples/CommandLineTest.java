package org.nanopk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanopk.Times;
import org.nanopk.mechanism.Chou2023;
import org.nanopk.mechanism.Presets;
import org.nanopk.solve.Solver;

/** The nanopk command line, run in-process. */
class CommandLineTest {
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void demoRunsWithoutArguments() {
        Run r = run("demo");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("%ID by tissue"), r.out());
        assertTrue(r.out().contains("DEmax"), r.out());
        assertTrue(r.out().contains("Mass balance at 168 h: 100.000000000 %ID"), r.out());
    }

    @Test
    void simulateWritesTheCsvColumnsOfTheDesign(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("np9.csv");
        Run r = run("simulate", "models/np9.json", "--times", "0:1:24", "--out", csv.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("time,B,Ti,Tm,L,S,E,C,D,U,Tumor", lines.get(0));
        assertEquals(26, lines.size());
        // the row at 24 h equals a direct simulation with the same (default, auto) solver
        String[] last = lines.get(25).split(",");
        double l24 = Presets.np9().simulate(Times.grid(0, 24, 1)).at("L", 24);
        assertEquals(l24, Double.parseDouble(last[4]), 0);
    }

    @Test
    void simulateTakesSolverAndTolerances() {
        Run r = run("simulate", "--preset", "np9-stiff", "--t-end", "24", "--solver", "stiff", "--rtol", "1e-6",
            "--atol", "1e-9", "--out", "-");
        assertEquals(0, r.status(), r.err());
        String[] rows = r.out().split("\n");
        assertEquals("time,B,Ti,Tm,L,S,E,C,D,U,P,Tumor", rows[0]);
        double b24 = Presets.np9Stiff().simulate(Presets.np9Stiff().regimen(), new double[] {0, 24},
            Solver.stiff().withTolerances(1e-6, 1e-9)).at("B", 24);
        assertEquals(b24, Double.parseDouble(rows[rows.length - 1].split(",")[1]), 1e-12);
    }

    @Test
    void badInputIsOneLineAndStatusTwo() {
        Run r = run("simulate", "models/np9.json", "--solver", "warp");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("nanopk: error: unknown solver 'warp'; known: auto"), r.err());
        Run missing = run("simulate", "models/none.json");
        assertEquals(2, missing.status());
        Run preset = run("simulate", "--preset", "np10");
        assertEquals(2, preset.status());
        assertTrue(preset.err().contains("unknown preset 'np10'; known: np9"), preset.err());
        Run times = run("simulate", "models/np9.json", "--times", "0,2,1");
        assertEquals(2, times.status());
        assertTrue(times.err().contains("increasing"), times.err());
    }

    @Test
    void simulateNonmemData(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data.csv");
        Files.writeString(data, "ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n1,24,0,0,1\n2,0,1,50,1\n2,24,0,0,1\n");
        Path csv = dir.resolve("out.csv");
        Run r = run("simulate", "models/np9.json", "--data", data.toString(), "--out", csv.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("ID,TIME,EVID,B,Ti,Tm,L,S,E,C,D,U,Tumor", lines.get(0));
        assertEquals(5, lines.size());
        double l24 = Presets.np9().simulate(Times.grid(0, 24, 24)).at("L", 24);
        assertEquals(l24, Double.parseDouble(lines.get(2).split(",")[6]), 1e-7 * l24);
        Run bad = run("simulate", "models/np9.json", "--data", data.toString(), "--times", "0,1");
        assertEquals(2, bad.status());
    }

    @Test
    void batchRunsAllChouDatasetsInOneCall(@TempDir Path dir) throws Exception {
        // all 378 datasets; the first 40 agree with the independent reference to 1e-6
        Path csv = dir.resolve("de.csv");
        Run r = run("batch", "--preset", "chou2023", "data/chou2023_G1_nanotumor_fitted_pbpk_params.csv", "--out",
            csv.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("378 rows"), r.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("ID,DE24,DE168,DEmax,DE24_observed,DE168_observed,DEmax_observed", lines.get(0));
        assertEquals(379, lines.size());
        List<String> ref = Files.readAllLines(Path.of("src/test/resources/chou2023_reference_DE_subset.csv"));
        for (int i = 1; i < ref.size(); i++) {
            String[] e = ref.get(i).split(",");
            String[] a = lines.get(i).split(",");
            assertEquals(e[0], a[0]);
            for (int k = 1; k <= 3; k++) {
                double expected = Double.parseDouble(e[k]);
                assertEquals(expected, Double.parseDouble(a[k]), 1e-6 * expected, "ID " + e[0] + " column " + k);
            }
        }
        // the observed values of the database are carried beside
        assertEquals(1.69, Double.parseDouble(lines.get(1).split(",")[4]), 0);
    }

    @Test
    void batchRejectsAColumnThatNamesNoParameter(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("np9.csv");
        Files.writeString(csv, "ID,kEPR,kEPRR\na,0.01,0.02\n");
        Run r = run("batch", "--preset", "NP9", csv.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("column 'kEPRR' names no parameter of NP9; expected ID, DE24, DE168, DEmax or a "
            + "parameter: "), r.err());
        assertTrue(r.err().contains("kEPR"), r.err());
        Files.writeString(csv, "ID,kEPR\na,0.01\nb,0.02\n");
        Run ok = run("batch", "--preset", "NP9", csv.toString());
        assertEquals(0, ok.status(), ok.err());
        // a larger kEPR delivers more to the tumour
        List<String> rows = ok.out().lines().filter(l -> l.startsWith("a ") || l.startsWith("b ")).toList();
        assertEquals(2, rows.size(), ok.out());
        double a = Double.parseDouble(rows.get(0).trim().split("\\s+")[1]);
        double b = Double.parseDouble(rows.get(1).trim().split("\\s+")[1]);
        org.nanopk.Model np9 = Presets.np9();
        double expected = Chou2023.deliveryEfficiency(np9.with("kEPR", 0.02).simulate(Times.grid(0, 168, 0.5)))
            .get("DE24");
        assertTrue(b > a, ok.out());
        assertEquals(expected, b, 1e-5 * expected, ok.out()); // printed to 6 digits
    }

    /** population and sensitivity take --solver, --rtol and --atol; results agree with the default's to rtol. */
    @Test
    void populationAndSensitivityTakeSolverTolerances() {
        String[] base = {"population", "models/np9.json", "--n", "64", "--cv", "0.3", "--parameters", "kEPR",
            "--readout", "Tumor"};
        Run tight = run(base);
        String[] loose = java.util.Arrays.copyOf(base, base.length + 4);
        loose[base.length] = "--rtol";
        loose[base.length + 1] = "1e-6";
        loose[base.length + 2] = "--solver";
        loose[base.length + 3] = "stiff";
        Run r = run(loose);
        assertEquals(0, r.status(), r.err());
        double a = p50(tight.out(), "AUC Tumor");
        double b = p50(r.out(), "AUC Tumor");
        assertEquals(a, b, 1e-4 * a, "rtol 1e-6 against 1e-8");
        Run bad = run("sensitivity", "--preset", "np9", "--readout", "Tumor", "--rtol", "0");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("tolerance"), bad.err());
    }

    /** The P50 column of a readout row of a population summary. */
    static double p50(String out, String readout) {
        String row = out.lines().filter(l -> l.startsWith(readout + " ")).findFirst().orElseThrow();
        String[] c = row.substring(readout.length()).trim().split("\\s+");
        return Double.parseDouble(c[5]);
    }

    @Test
    void demoShowsTheDoseThreshold() {
        Run r = run("demo");
        assertTrue(r.out().contains("Dose sweep of Ouyang 2020"), r.out());
        assertTrue(r.out().contains("KupfferSaturation at 24 h"), r.out());
    }

    @Test
    void everyPresetSimulatesFromTheCommandLine() {
        for (String p : org.nanopk.mechanism.Presets.names()) {
            Run r = run("simulate", "--preset", p, "--t-end", "2", "--out", "-");
            assertEquals(0, r.status(), p + ": " + r.err());
            assertTrue(r.out().startsWith("time,"), r.out());
        }
    }

    @Test
    void fitTheophyllineFromTheCommandLine(@TempDir Path dir) throws Exception {
        // the one-compartment oral model of theophylline subject 1, fitted by least squares (additive error):
        // R's nls gives ke = exp(-2.9196142) (see core's TheophyllineTest)
        // the shipped model: output C = central/V in mg/L (dose in mg/kg, V in L/kg)
        Path model = Path.of("models/theophylline.json");
        Path data = dir.resolve("theo1.csv");
        List<String> all = Files.readAllLines(Path.of("data/classic_theophylline_R_Theoph.csv"));
        StringBuilder one = new StringBuilder(all.get(0)).append('\n');
        all.stream().skip(1).filter(l -> l.contains(",\"1\",")).forEach(l -> one.append(l).append('\n'));
        Files.writeString(data, one.toString());
        Path out = dir.resolve("fitted.json");
        Run r = run("fit", model.toString(), data.toString(), "--estimate", "ke,ka,CL", "--error", "additive",
            "--map", "serum=C", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("RSE %"), r.out());
        double ke = org.nanopk.io.ModelJson.read(out).parameter("ke");
        assertEquals(-2.9196142, Math.log(ke), 5e-5 * 2.9196142);
        Run bad = run("fit", model.toString(), data.toString(), "--estimate", "kx", "--map", "serum=C");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("unknown parameter 'kx'"), bad.err());
    }

    @Test
    void populationAndSensitivity(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bands.csv");
        Run p = run("population", "models/np9.json", "--n", "500", "--cv", "0.3", "--parameters", "kEPR,VmL",
            "--seed", "3", "--readout", "Tumor", "--t-end", "24", "--out", csv.toString());
        assertEquals(0, p.status(), p.err());
        assertTrue(p.out().contains("AUC Tumor"), p.out());
        assertEquals("time,Tumor_P5,Tumor_P50,Tumor_P95", Files.readAllLines(csv).get(0));
        // the same seed on one thread gives the same numbers
        Run again = run("population", "models/np9.json", "--n", "500", "--cv", "0.3", "--parameters", "kEPR,VmL",
            "--seed", "3", "--readout", "Tumor", "--t-end", "24", "--threads", "1");
        assertEquals(p.out().substring(0, p.out().indexOf("wrote")).strip(), again.out().strip());
        Path omega = dir.resolve("omega.csv");
        Files.writeString(omega, "parameter,omega\nkEPR,0.3\nVmL,0.2\n");
        assertEquals(0, run("population", "models/np9.json", "--n", "100", "--omega", omega.toString()).status());
        Run s = run("sensitivity", "models/np9.json", "--readout", "Tumor", "--at", "24", "--global", "64",
            "--parameters", "kEPR,VmL,kR");
        assertEquals(0, s.status(), s.err());
        assertTrue(s.out().contains("Sobol indices") && s.out().contains("kEPR"), s.out());
        assertEquals(2, run("population", "models/np9.json", "--n", "10", "--cv", "0.3", "--parameters", "kx").status());
    }

    @Test
    void presetsAreListed() {
        Run r = run("presets");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("np9-stiff"), r.out());
    }
}
