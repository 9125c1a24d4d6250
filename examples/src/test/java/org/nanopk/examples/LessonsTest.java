package org.nanopk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lesson of examples/lessons runs as written through the JDK's JShell API: no snippet is rejected,
 * unresolved or throws, and every chart the lesson saves is a valid, non-empty PNG or SVG.
 */
class LessonsTest {
    /** The repository root: tests run in the examples module directory. */
    static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    static Stream<Path> lessons() {
        return Lessons.list(HOME).stream();
    }

    @Test
    void allSixLessonsAreThere() {
        List<String> names = Lessons.list(HOME).stream().map(p -> p.getFileName().toString().substring(0, 3)).toList();
        assertEquals(List.of("01-", "02-", "03-", "04-", "05-", "06-"), names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void lessonRunsAsWrittenAndSavesValidCharts(Path lesson, @TempDir Path charts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int snippets;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            snippets = Lessons.run(lesson, HOME, charts, out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(snippets > 10, lesson + " ran only " + snippets + " snippets");
        assertTrue(printed.lines().count() > 5, lesson + " printed almost nothing:\n" + printed);

        String source = Files.readString(lesson);
        List<Path> saved;
        try (Stream<Path> s = Files.list(charts)) {
            saved = s.sorted().toList();
        }
        long expected = source.lines().filter(l -> l.contains(".save(out(")).count();
        assertEquals(expected, saved.size(), lesson + " should save " + expected + " charts, saved " + saved);
        for (Path chart : saved) {
            byte[] content = Files.readAllBytes(chart);
            assertTrue(content.length > 1000, chart + " is nearly empty: " + content.length + " bytes");
            String name = chart.getFileName().toString();
            if (name.endsWith(".png")) {
                byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
                assertTrue(Arrays.equals(magic, Arrays.copyOf(content, 8)), chart + " is not a PNG");
                assertTrue(javax.imageio.ImageIO.read(chart.toFile()) != null, chart + " does not decode");
            } else {
                assertTrue(name.endsWith(".svg"), "unexpected chart file " + chart);
                String svg = new String(content, StandardCharsets.UTF_8);
                assertTrue(svg.contains("<svg") && svg.strip().endsWith("</svg>"), chart + " is not a whole SVG");
            }
        }
    }

    @Test
    void aFailingSnippetStopsTheRunAndNamesIt(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("99-bad.jsh");
        Files.writeString(bad, "var m = Presets.byName(\"teaching\");\nm.simulate(-1.0);\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> Lessons.run(bad, HOME, dir, new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("99-bad.jsh, snippet 2"), e.getMessage());
        assertTrue(e.getMessage().contains("IllegalArgumentException"), e.getMessage());

        Files.writeString(bad, "int x = ;\n");
        IllegalStateException rejected = assertThrows(IllegalStateException.class,
            () -> Lessons.run(bad, HOME, dir, new PrintStream(new ByteArrayOutputStream())));
        assertTrue(rejected.getMessage().contains("rejected"), rejected.getMessage());
    }

    @Test
    void unknownLessonNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lessons.find(HOME, "42"));
        assertTrue(e.getMessage().contains("01-one-compartment.jsh"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
