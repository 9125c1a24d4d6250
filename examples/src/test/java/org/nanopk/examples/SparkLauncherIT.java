package org.nanopk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code ./nanopk population ... --spark local[2]} as users type it: the launcher puts Spark's jars and JVM
 * flags in place, and the output equals the run without Spark; the bare jar (no Spark) refuses in one line.
 */
class SparkLauncherIT {
    private static String[] run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(Path.of("..").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {String.valueOf(p.waitFor()), out, err};
    }

    @Test
    void theLauncherRunsAPopulationOnSparkWithTheSameOutput() throws Exception {
        List<String> args = List.of("sh", "./nanopk", "population", "examples/models/np9.json", "--n", "1500", "--cv",
            "0.25", "--parameters", "kEPR,VmL", "--readout", "Tumor", "--times", "0,2,24", "--rtol", "1e-6");
        String[] plain = run(args);
        assertEquals("0", plain[0], plain[2]);
        List<String> spark = new ArrayList<>(args);
        spark.addAll(List.of("--spark", "local[2]"));
        String[] onSpark = run(spark);
        assertEquals("0", onSpark[0], onSpark[2]);
        assertEquals(plain[1], onSpark[1]);
        assertEquals("", onSpark[2].strip(), "nothing on stderr");
    }

    @Test
    void theJarWithoutSparkRefusesInOneLine() throws Exception {
        String[] r = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
            "examples/target/nanopk.jar", "population", "examples/models/np9.json", "--n", "10", "--cv", "0.3",
            "--spark", "local[2]"));
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].strip().startsWith("nanopk: error: --spark local[2]: Apache Spark is not on the class path"),
            r[2]);
        assertTrue(!r[2].strip().contains("\n"), r[2]);
    }
}
