package org.nanopk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --spark local[2]} on the three commands that share work out (population, sensitivity --global,
 * fit --by subject): each prints exactly what the same command prints without it, and writes the same files.
 */
class SparkCommandTest {
    private static void sameWithAndWithoutSpark(String... args) {
        CommandLineTest.Run plain = CommandLineTest.run(args);
        assertEquals(0, plain.status(), plain.err());
        List<String> spark = new ArrayList<>(List.of(args));
        spark.addAll(List.of("--spark", "local[2]"));
        CommandLineTest.Run onSpark = CommandLineTest.run(spark.toArray(new String[0]));
        assertEquals(0, onSpark.status(), onSpark.err());
        assertEquals(plain.out(), onSpark.out(), String.join(" ", args));
    }

    @Test
    void populationPrintsTheSameOnSpark() {
        sameWithAndWithoutSpark("population", "models/np9.json", "--n", "3000", "--cv", "0.3", "--parameters",
            "kEPR,VmL,kTAM", "--seed", "8", "--readout", "Tumor,L", "--times", "0,1,4,24,72", "--rtol", "1e-6");
    }

    @Test
    void sobolIndicesAreTheSameOnSpark() {
        sameWithAndWithoutSpark("sensitivity", "models/np9.json", "--readout", "Tumor", "--at", "24", "--parameters",
            "kEPR,kBack,VmL", "--global", "48", "--rtol", "1e-6");
    }

    @Test
    void fitsBySubjectAreTheSameOnSpark(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        String[] fit = {"fit", "models/theophylline.json", "data/classic_theophylline_R_Theoph.csv", "--map", "serum=C",
            "--estimate", "ke,ka,CL", "--error", "additive", "--by", "subject", "--estimates"};
        CommandLineTest.Run plain = CommandLineTest.run(concat(fit, a.toString()));
        CommandLineTest.Run spark = CommandLineTest.run(concat(concat(fit, b.toString()), "--spark", "local[2]"));
        assertEquals(0, spark.status(), spark.err());
        assertEquals(plain.out().replace(a.toString(), "FILE"), spark.out().replace(b.toString(), "FILE"));
        assertEquals(Files.readString(a), Files.readString(b));
    }

    @Test
    void sparkIsRefusedWhereThereIsNothingToShareOut() {
        CommandLineTest.Run s = CommandLineTest.run("sensitivity", "models/np9.json", "--readout", "Tumor", "--spark",
            "local[2]");
        assertEquals(2, s.status());
        assertTrue(s.err().startsWith("nanopk: error: --spark local[2] shares out the Sobol design of --global N"),
            s.err());
        CommandLineTest.Run f = CommandLineTest.run("fit", "models/theophylline.json",
            "data/classic_theophylline_R_Theoph.csv", "--map", "serum=C", "--estimate", "ke", "--subject", "1",
            "--spark", "local[2]");
        assertEquals(2, f.status());
        assertTrue(f.err().startsWith("nanopk: error: --spark local[2] shares out the fits of --by subject"), f.err());
        CommandLineTest.Run m = CommandLineTest.run("population", "models/np9.json", "--n", "10", "--cv", "0.3",
            "--spark", "locale");
        assertEquals(2, m.status());
        assertTrue(m.err().startsWith("nanopk: error: Spark master 'locale'; expected local[N]"), m.err());
    }

    static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(new String[0]);
    }
}
