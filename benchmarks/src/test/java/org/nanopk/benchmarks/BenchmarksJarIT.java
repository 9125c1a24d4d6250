package org.nanopk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/** The benchmarks jar holds JMH's benchmark list and no test or chart library. */
class BenchmarksJarIT {
    @Test
    void theJarHoldsTheBenchmarksAndNoTestLibrary() throws IOException {
        try (JarFile jar = new JarFile(Path.of("target/benchmarks.jar").toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("META-INF/BenchmarkList"), "no JMH benchmark list");
            assertTrue(names.stream().noneMatch(n -> n.startsWith("org/junit/") || n.startsWith("org/knowm/")),
                "JUnit or XChart in the benchmarks jar");
        }
    }
}
