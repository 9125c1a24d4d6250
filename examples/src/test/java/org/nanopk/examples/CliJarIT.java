package org.nanopk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/** The command-line jar as users run it: what it holds, and that it starts. */
class CliJarIT {
    static final Path JAR = Path.of("target/nanopk.jar");

    @Test
    void theJarHoldsChartsButNoTestLibrary() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("org/nanopk/examples/Main.class"));
            assertTrue(names.contains("org/knowm/xchart/XYChart.class"), "XChart missing");
            assertTrue(names.stream().noneMatch(n -> n.startsWith("org/junit/") || n.startsWith("org/opentest4j/")),
                "JUnit in the command-line jar");
            assertEquals("org.nanopk.examples", jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
        }
    }

    /** 12 million output times in a 128 MB JVM: one line saying why, exit status 2, no stack trace. */
    @Test
    void aResultLargerThanTheHeapIsRefusedInOneLine() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
            "-jar", JAR.toString(), "simulate", "--preset", "np9", "--times", "0:0.00001:120").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(2, p.waitFor(), out + err);
        assertTrue(err.startsWith("nanopk: error: ") && err.contains("12000001") && err.contains("-Xmx"), err);
        assertTrue(!err.contains("\n") && !err.contains("Exception"), err);
    }

    @Test
    void theJarStartsAndSaysItsVersion() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
            JAR.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.matches("NanoPK \\d+\\.\\d+\\.\\d+"), out);
    }

    /** {@code nca} from the jar on a NONMEM-style file: the long CSV matches WinNonlin's (see NcaCommandTest). */
    @Test
    void ncaFromTheJarMatchesWinNonlin(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path data = NcaCommandTest.nonmemIndometh(dir);
        Path out = dir.resolve("nca.csv");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
            JAR.toString(), "nca", data.toString(), "--route", "bolus", "--auc", "linuplogdown", "--out", out.toString())
            .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
        NcaCommandTest.compare("winnonlin_Indometh_Log.csv", NcaCommandTest.written(out));
    }
}
