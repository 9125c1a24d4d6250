package org.example.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanopk.Model;
import org.nanopk.Series;
import org.nanopk.plot.Chart;

/** NanoPK on an external project's class path: the API works, internals are out of reach, dependencies are few. */
class ClassPathEmbeddingTest {

    @Test
    void theApiWorksFromOutside() {
        Model m = Embedder.oneCompartment(0.1);
        // 100·e^(-0.1·6)
        assertEquals(100 * Math.exp(-0.6), Embedder.percentInBlood(m, 6), 1e-6);
        assertEquals(m, Embedder.roundTrip(m));
        assertEquals(0.2, Embedder.variant(m, 0.2).parameter("k"));
        assertEquals(0.1, m.parameter("k"));
        double de24 = Embedder.medianDe24(30);
        assertTrue(de24 > 0.5 && de24 < 5, "median DE24 " + de24);
    }

    @Test
    void theRuntimeClassPathHoldsOnlyCoresDependencies() {
        Set<String> jars = new TreeSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(e).getFileName().toString();
            if (name.endsWith(".jar") && !isTestLibrary(name)) {
                jars.add(name.replaceAll("-[0-9][0-9.]*(-SNAPSHOT)?\\.jar$", ""));
            }
        }
        assertEquals(new TreeSet<>(List.of("nanopk-core", "hipparchus-core", "hipparchus-ode", "hipparchus-optim",
            "hipparchus-stat", "jackson-databind", "jackson-core", "jackson-annotations", "commons-csv", "commons-io",
            "commons-codec", "commons-rng-client-api", "commons-rng-core", "commons-rng-simple",
            "commons-rng-sampling", "asm")), jars);
    }

    static boolean isTestLibrary(String jar) {
        return jar.startsWith("junit-") || jar.startsWith("opentest4j") || jar.startsWith("apiguardian")
            || jar.startsWith("surefire") || jar.startsWith("common-java5") || jar.startsWith("common-junit");
    }

    @Test
    void theModelsNumbersCannotBeReached() {
        Model m = Embedder.oneCompartment(0.1);
        Object sys = m.odeSystem();
        assertFalse(Modifier.isPublic(sys.getClass().getModifiers()), sys.getClass() + " is public");
        assertEquals("org.nanopk", sys.getClass().getPackageName());
    }

    /** Code that names an internal type does not compile against the core jar, even on the class path. */
    @Test
    void codeNamingInternalTypesDoesNotCompile(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("Probe.java");
        Files.writeString(src, "class Probe { Object o = (org.nanopk.Kinetics) null; "
            + "Object s = (org.nanopk.ModelSystem) org.nanopk.mechanism.Presets.np9().odeSystem(); }");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ToolProvider.findFirst("javac").orElseThrow().run(new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8), "-d", dir.toString(), "-cp",
            System.getProperty("java.class.path"), src.toString());
        String messages = err.toString(StandardCharsets.UTF_8);
        assertNotEquals(0, rc, "compiled: " + messages);
        assertTrue(messages.contains("is not public in org.nanopk; cannot be accessed from outside package"),
            messages);
    }

    @Test
    void chartsWithoutXChartSayWhatToAdd() {
        Series s = Series.of("blood", "%ID", new double[] {0, 1, 2}, new double[] {100, 90, 81});
        Chart c = Chart.of(s);
        assertTrue(c.toText().contains("blood"));
        IllegalStateException e = assertThrows(IllegalStateException.class, c::toPng);
        assertTrue(e.getMessage().contains("org.knowm.xchart:xchart"), e.getMessage());
    }
}
