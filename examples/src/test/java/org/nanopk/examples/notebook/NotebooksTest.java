package org.nanopk.examples.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nanopk.examples.Lessons;

/**
 * The kernel's engine on every shipped notebook: each code cell runs in order without error, each
 * notebook shows at least one chart as a decodable PNG, and the notebook file is stored executed with
 * its outputs (so a code host shows them). Then the kernel's behaviours one by one: the last expression's
 * value, compile errors with line and caret, exceptions with the user's frames, completion.
 */
class NotebooksTest {
    static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    static Cells cells;

    @BeforeAll
    static void start() {
        System.setProperty("nanopk.home", HOME.toString());
        cells = Cells.start();
    }

    @AfterAll
    static void stop() {
        cells.close();
    }

    static Stream<Path> notebooks() {
        return Lessons.notebooks(HOME).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void everyCellRunsAndTheChartsAreImages(Path notebook) throws Exception {
        int images = 0;
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (Cells c = Cells.start()) {
            for (String code : Lessons.codeCells(notebook)) {
                Cells.Outcome o = c.run(code);
                if (o.hasValue()) {
                    Map<String, String> bundle = Display.bundle(o.value());
                    if (bundle.containsKey("image/png")) {
                        byte[] png = Base64.getDecoder().decode(bundle.get("image/png"));
                        assertTrue(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)) != null,
                            notebook + ": a chart that does not decode");
                        images++;
                    }
                    assertFalse(bundle.get("text/plain").contains("@"), notebook + " shows an object's identity: "
                        + bundle.get("text/plain"));
                }
            }
        } finally {
            System.setOut(stdout);
        }
        assertTrue(images >= 1, notebook + " shows no chart");
        // stored executed, with outputs and no errors
        JsonNode nb = new ObjectMapper().readTree(notebook.toFile());
        int stored = 0;
        for (JsonNode cell : nb.path("cells")) {
            if (cell.path("cell_type").asText().equals("code")) {
                assertFalse(cell.path("execution_count").isNull(), notebook + ": a cell stored unexecuted");
                for (JsonNode out : cell.path("outputs")) {
                    assertFalse(out.path("output_type").asText().equals("error"), notebook + " stores an error");
                    stored += out.path("data").has("image/png") ? 1 : 0;
                }
            }
        }
        assertEquals(images, stored, notebook + ": the stored charts are not the ones the cells make; re-execute it");
        assertEquals("nanopk", nb.path("metadata").path("kernelspec").path("name").asText());
    }

    @Test
    void theLastExpressionIsTheCellsValue() {
        Cells.Outcome o = cells.run("int a = 2;\nint b = 3;\na * b");
        assertTrue(o.hasValue());
        assertEquals(6, o.value());
        assertFalse(cells.run("int c = 4;").hasValue());
        assertEquals("double[3] [0.0, 12.0, 24.0]", Display.bundle(cells.run("Times.grid(0, 24, 12)").value())
            .get("text/plain"));
        assertTrue(Display.bundle(cells.run("Presets.np9().simulate(Times.grid(0, 24, 6)).percentIdTable(\"B\")")
            .value()).containsKey("text/html"));
        // SVG on request, without the XML declaration some nbconvert versions fail on
        String svg = Display.bundle(cells.run("Display.Svg.of(Chart.percentId(Presets.np9().simulate("
            + "Times.grid(0, 24, 6)), \"B\"))").value()).get("image/svg+xml");
        assertTrue(svg.startsWith("<svg") && svg.strip().endsWith("</svg>"), svg.substring(0, 80));
    }

    @Test
    void aCompileErrorPointsAtItsLineAndColumn() {
        CellError e = assertThrows(CellError.class, () -> cells.run("int x = 1;\nString s = x;\n"));
        assertEquals("CompileError", e.kind());
        assertTrue(e.lines().get(0).startsWith("line 2: incompatible types"), e.lines().toString());
        assertEquals("String s = x;", e.lines().get(1));
        assertEquals("           ^", e.lines().get(2));
    }

    @Test
    void anExceptionShowsTheUsersFrames() {
        CellError e = assertThrows(CellError.class, () -> cells.run(
            "void check(double v) {\n    if (v < 0) throw new IllegalArgumentException(\"negative: \" + v);\n}\n"
                + "check(1);\ncheck(-2);"));
        assertEquals("IllegalArgumentException", e.kind());
        assertEquals("IllegalArgumentException: negative: -2.0", e.lines().get(0));
        assertTrue(e.lines().contains("  at line 2 of this cell, in check()"), e.lines().toString());
        assertTrue(e.lines().contains("  at line 5 of this cell"), e.lines().toString());
    }

    @Test
    void completionAndDocumentation() {
        Cells.Completion c = cells.complete("Presets.np", 10);
        assertTrue(c.candidates().contains("np9()"), c.candidates().toString());
        assertEquals(8, c.from());
        assertEquals("complete", cells.completeness("int q = 1;"));
        assertEquals("incomplete", cells.completeness("var m = Model.builder(\"x\")."));
    }

    @Test
    void theKernelspecAsksForMessageInterrupts() {
        String json = Kernelspec.kernelJson(HOME);
        assertTrue(json.contains("\"interrupt_mode\": \"message\""), json);
        assertTrue(json.contains("{resource_dir}/nanopk.jar") && json.contains("{connection_file}"), json);
        assertTrue(json.contains(NanoPkKernel.class.getName()), json);
    }
}
