package org.nanopk.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line never destroys a user's file and says what is wrong in one line: outputs that are
 * inputs are refused, a failed run leaves an earlier output as it was, and every error names the option
 * or file without a library's class name or a stack trace.
 */
class CommandLineSafetyTest {

    static CommandLineTest.Run run(String... args) {
        return CommandLineTest.run(args);
    }

    /** One line on standard error, "nanopk: ...", no class names, no stack frames. */
    static void oneLineError(CommandLineTest.Run r, int status, String... words) {
        assertEquals(status, r.status(), r.out() + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "more than one line: " + err);
        assertTrue(err.startsWith("nanopk: "), err);
        assertFalse(err.matches("(?s).*\\b(java|com|org|picocli)\\.[a-z]+\\.[A-Za-z.]*(Exception|Error).*"), err);
        assertFalse(err.contains("\tat "), err);
        for (String w : words) {
            assertTrue(err.contains(w), "'" + err + "' should mention '" + w + "'");
        }
    }

    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputKept(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.json");
        Files.copy(Path.of("models/np9.json"), model);
        byte[] before = Files.readAllBytes(model);
        oneLineError(run("simulate", model.toString(), "--out", model.toString()), 2, "--out", "the model file");
        // the same file by another path
        oneLineError(run("simulate", model.toString(), "--out", dir.resolve("./m.json").toString()), 2, "--out");
        Path data = dir.resolve("d.csv");
        Files.writeString(data, "ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n1,1,0,0,1\n");
        byte[] dataBefore = Files.readAllBytes(data);
        oneLineError(run("simulate", model.toString(), "--data", data.toString(), "--out", data.toString()), 2,
            "the data file");
        Path obs = dir.resolve("obs.csv");
        Files.writeString(obs, "time,compartment,value,unit\n1,B,50,%ID\n4,B,20,%ID\n8,B,9,%ID\n");
        oneLineError(run("fit", model.toString(), obs.toString(), "--estimate", "kR", "--out", model.toString()), 2,
            "the model file");
        assertArrayEquals(before, Files.readAllBytes(model));
        assertArrayEquals(dataBefore, Files.readAllBytes(data));
    }

    @Test
    void aFailedRunLeavesTheEarlierOutputAsItWas(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("prev.csv");
        Files.writeString(out, "an earlier result\n");
        // an output that blows up: the run fails numerically after the file was chosen
        Path model = dir.resolve("blow.json");
        Files.writeString(model, "{\"name\": \"blow\", \"compartments\": [{\"name\": \"A\"}, {\"name\": \"B\"}], "
            + "\"transfers\": [{\"from\": \"A\", \"to\": \"B\", \"law\": {\"type\": \"expression\", \"rate\": \"exp(B)\"}}], "
            + "\"doses\": [{\"into\": \"A\", \"amount\": 1}]}");
        CommandLineTest.Run r = run("simulate", model.toString(), "--t-end", "100", "--out", out.toString());
        oneLineError(r, 3, "numerical failure");
        assertEquals("an earlier result\n", Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void badOptionsAndFilesAreOneLine(@TempDir Path dir) throws Exception {
        oneLineError(run("population", "models/np9.json", "--n", "10", "--cv", "0.3", "--threads", "100000"), 2,
            "threads = 100000", "32767");
        Path omega = dir.resolve("omega.csv");
        Files.writeString(omega, "parameter,omega\nkEPR,\n");
        oneLineError(run("population", "models/np9.json", "--n", "10", "--omega", omega.toString()), 2,
            omega.toString(), "row 2", "omega");
        oneLineError(run("simulate", "models/np9.json", "--rtol", "abc"), 2, "--rtol", "'abc'");
        oneLineError(run("simulate", "models/np9.json", "--data", dir.toString()), 2, dir.toString(),
            "is a directory");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "time,compartment,value\n1,blood,90\n1,Bl\u00e9t,5\n".getBytes("windows-1252"));
        oneLineError(run("fit", "models/np9.json", latin1.toString(), "--estimate", "kEPR"), 2, latin1.toString(),
            "UTF-8", "line 3");
        oneLineError(run("sensitivity", "models/np9.json", "--readout", "Tumor", "--global", "2000000000"), 2,
            "N = 2000000000", "would take");
        oneLineError(run("simulate", "models/np9.json", "--times", "0,1e-300:1e-300:1"), 2, "times");
        if (Files.exists(Path.of("/dev/zero"))) {
            oneLineError(run("simulate", "/dev/zero"), 2, "/dev/zero", "too large");
        }
    }

    @Test
    void helpPrintsWithoutWarnings() {
        for (String c : new String[] {"simulate", "fit", "population", "sensitivity", "batch", "presets", "demo",
            "lesson"}) {
            CommandLineTest.Run r = run(c, "--help");
            assertEquals(0, r.status(), c + ": " + r.err());
            assertFalse((r.out() + r.err()).contains("WARN"), c + ": " + r.out() + r.err());
        }
        CommandLineTest.Run all = run("--help");
        assertFalse((all.out() + all.err()).contains("WARN"), all.out() + all.err());
    }
}
