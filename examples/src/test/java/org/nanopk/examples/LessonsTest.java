package org.nanopk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JShell as a user types it: every lesson runs in the JDK's own jshell tool through {@code /open}, and the
 * README's JShell session typed line by line, with no error, unresolved name or exception reported. The
 * lessons are the notebooks' JShell twins, and must be what {@code ./nanopk lesson --export} makes of them.
 */
class LessonsTest {
    /** The repository root: tests run in the examples module directory. */
    static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    static Stream<Path> lessons() {
        return Lessons.list(HOME).stream();
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    @Test
    void everyNotebookHasItsJShellTwin() throws IOException {
        List<Path> notebooks = Lessons.notebooks(HOME);
        assertTrue(notebooks.size() >= 8, notebooks.toString());
        assertEquals(notebooks.size(), Lessons.list(HOME).size(), Lessons.list(HOME).toString());
        for (Path nb : notebooks) {
            Path jsh = HOME.resolve("examples/lessons").resolve(nb.getFileName().toString().replace(".ipynb", ".jsh"));
            assertEquals(Lessons.jsh(nb), Files.readString(jsh), jsh + " is not the notebook's code: run "
                + "./nanopk lesson --export");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void lessonRunsThroughOpenInTheJshellTool(Path lesson) {
        String printed = Lessons.runOpen(lesson, HOME, quiet());
        assertTrue(printed.lines().count() > 5, lesson + " printed almost nothing:\n" + printed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void lessonWorksTypedLineByLine(Path lesson) throws IOException {
        Lessons.run(Files.readString(lesson), HOME, quiet());
    }

    /**
     * The README's session: the lines after "jshell> " and "   ...> ", typed one by one. The README runs
     * from the repository root; the test's working directory is the examples module, so its /open paths are
     * made absolute.
     */
    static String readmeSession() throws IOException {
        List<String> typed = new ArrayList<>();
        boolean inSession = false;
        for (String line : Files.readAllLines(HOME.resolve("README.md"))) {
            if (line.startsWith("jshell> ")) {
                inSession = true;
                typed.add(line.substring("jshell> ".length()).replace("/open examples/", "/open " + HOME + "/examples/"));
            } else if (inSession && line.startsWith("   ...> ")) {
                typed.add(line.substring("   ...> ".length()));
            }
        }
        return String.join("\n", typed);
    }

    @Test
    void theReadmeSessionWorksTypedLineByLine() throws IOException {
        String session = readmeSession();
        assertTrue(session.lines().count() > 10, session);
        String printed = Lessons.run(session, HOME, quiet());
        // the numbers the README shows are the ones the tool prints
        assertTrue(printed.contains("3.35833"), printed);
    }

    /** The README's Java snippets (all but the session), each block typed line by line, as a user pastes it. */
    @Test
    void everyReadmeSnippetWorksTypedLineByLine() throws IOException {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(HOME.resolve("README.md"))) {
            if (line.equals("```java")) {
                block = new StringBuilder();
            } else if (line.startsWith("```") && block != null) {
                if (!block.toString().startsWith("jshell> ")) {
                    blocks.add(block.toString());
                }
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        assertTrue(blocks.size() >= 4, blocks.toString());
        for (String b : blocks) {
            Lessons.run(b, HOME, quiet());
        }
    }

    @Test
    void aChainBrokenBeforeTheDotFailsAsItDoesForAUser() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Lessons.run(
            "var m = Model.builder(\"x\")\n    .compartment(\"blood\", 2.0)\n", HOME, quiet()));
        assertTrue(e.getMessage().contains("Error"), e.getMessage());
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Lessons.run(
            "Presets.np9().with(\"nope\", 1)\n", HOME, quiet()));
        assertTrue(thrown.getMessage().contains("IllegalArgumentException"), thrown.getMessage());
    }

    @Test
    void unknownLessonNamesTheKnownOnes(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lessons.find(HOME, "42"));
        assertTrue(e.getMessage().contains("01-one-compartment.jsh"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
