package org.example.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InaccessibleObjectException;
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

/** NanoPK as a named module on an application's module path: strong encapsulation holds. */
class ModulePathEmbeddingTest {

    @Test
    void nanopkIsANamedModuleWithItsInternalsHidden() {
        Module nanopk = Model.class.getModule();
        assertTrue(nanopk.isNamed());
        assertEquals("org.nanopk", nanopk.getName());
        assertEquals("org.example.modular", ModularEmbedder.class.getModule().getName());
        assertFalse(nanopk.isExported("org.nanopk.internal"));
        for (String p : List.of("org.nanopk", "org.nanopk.solve", "org.nanopk.fit", "org.nanopk.io",
            "org.nanopk.mechanism", "org.nanopk.population", "org.nanopk.plot")) {
            assertTrue(nanopk.isExported(p), p);
        }
    }

    @Test
    void theApiWorks() {
        Model m = ModularEmbedder.oneCompartment(0.1);
        assertEquals(100 * Math.exp(-0.6), ModularEmbedder.percentInBlood(m, 6), 1e-6);
        assertEquals(m, ModularEmbedder.roundTrip(m));
        double de24 = ModularEmbedder.medianDe24(30);
        assertTrue(de24 > 0.5 && de24 < 5, "median DE24 " + de24);
    }

    @Test
    void reflectionCannotOpenTheInternals() throws Exception {
        Class<?> checks = Class.forName("org.nanopk.internal.Checks");
        assertThrows(IllegalAccessException.class, () -> checks.getMethod("g", double.class).invoke(null, 1.0));
        Object sys = ModularEmbedder.oneCompartment(0.1).odeSystem();
        var field = sys.getClass().getDeclaredField("k");
        assertThrows(InaccessibleObjectException.class, () -> field.setAccessible(true));
    }

    @Test
    void onlyCoresDependenciesAreResolved() {
        Set<String> modules = new TreeSet<>();
        for (Module m : ModuleLayer.boot().modules()) {
            String n = m.getName();
            if (!n.startsWith("java.") && !n.startsWith("jdk.") && !n.startsWith("org.junit")
                && !n.startsWith("org.opentest4j") && !n.startsWith("org.apiguardian") && !n.startsWith("surefire")) {
                modules.add(n);
            }
        }
        assertTrue(modules.containsAll(Set.of("org.nanopk", "org.example.modular", "hipparchus.core",
            "com.fasterxml.jackson.databind", "org.apache.commons.csv", "org.apache.commons.rng.simple")), modules.toString());
        assertFalse(modules.contains("org.knowm.xchart"), modules.toString());
        assertTrue(modules.stream().noneMatch(n -> n.contains("pdfbox") || n.contains("VectorGraphics")),
            modules.toString());
    }

    /** A module that imports an internal package of NanoPK does not compile. */
    @Test
    void codeNamingTheInternalPackageDoesNotCompile(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("probe"));
        Files.writeString(src.resolve("module-info.java"), "module probe { requires org.nanopk; }");
        Files.writeString(src.resolve("probe/Probe.java"), "package probe; public class Probe { "
            + "String s = org.nanopk.internal.Checks.g(1.0); }");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ToolProvider.findFirst("javac").orElseThrow().run(new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8), "-d", dir.resolve("out").toString(),
            "--module-path", System.getProperty("jdk.module.path"), src.resolve("module-info.java").toString(),
            src.resolve("probe/Probe.java").toString());
        String messages = err.toString(StandardCharsets.UTF_8);
        assertNotEquals(0, rc, "compiled: " + messages);
        assertTrue(messages.contains("package org.nanopk.internal is not visible")
            || messages.contains("does not export org.nanopk.internal"), messages);
    }

    @Test
    void chartsWithoutXChartSayWhatToAdd() {
        Chart c = Chart.of(Series.of("blood", "%ID", new double[] {0, 1}, new double[] {100, 90}));
        IllegalStateException e = assertThrows(IllegalStateException.class, c::toPng);
        assertTrue(e.getMessage().contains("org.knowm.xchart:xchart") && e.getMessage().contains("--add-modules"),
            e.getMessage());
    }
}
