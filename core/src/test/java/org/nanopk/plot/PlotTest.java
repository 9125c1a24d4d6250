package org.nanopk.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanopk.Simulation;
import org.nanopk.Times;
import org.nanopk.internal.TextChart;
import org.nanopk.mechanism.Presets;
import org.nanopk.population.DoseSweep;
import org.nanopk.population.Population;

/** Charts write valid PNG and SVG files; the terminal chart of a known curve is exactly as expected. */
class PlotTest {
    static void validPng(Path p) throws Exception {
        byte[] b = Files.readAllBytes(p);
        assertTrue(b.length > 1000, p + " is " + b.length + " bytes");
        assertEquals((byte) 0x89, b[0]);
        assertEquals("PNG", new String(b, 1, 3, StandardCharsets.US_ASCII));
    }

    static void validSvg(Path p) throws Exception {
        String s = Files.readString(p);
        assertTrue(s.contains("<svg") && s.trim().endsWith("</svg>"), p + " does not look like SVG");
        assertTrue(s.length() > 1000);
    }

    @Test
    void chartsAreWrittenAsPngAndSvg(@TempDir Path dir) throws Exception {
        Simulation s = Presets.np9().simulate(Times.grid(0, 168, 2));
        validPng(Chart.amounts(s, "B", "Tumor").withLogY().save(dir.resolve("np9.png")));
        validSvg(Chart.percentId(s, "B", "Tumor", "L").save(dir.resolve("np9.svg")));
        DoseSweep.Result r = DoseSweep.of(Presets.ouyang2020(), "B").withLogDoses(20, 5000, 5)
            .percentIdAt("Tumor", 24).run();
        validPng(Chart.doseSweep(r).save(dir.resolve("sweep.png")));
        Population.Summary p = Population.of(Presets.np9()).withVariability("kEPR", 0.3).study(0, 12, 24, 48)
            .track("Tumor").run(200);
        validSvg(Chart.bands(p, "Tumor").save(dir.resolve("bands.svg")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Chart.amounts(s, "B").save(dir.resolve("np9.gif")));
        assertTrue(e.getMessage().contains(".png or .svg"));
    }

    @Test
    void terminalChartOfAStraightLine() {
        double[] line = Times.grid(0, 9, 1);
        String expected = String.join("\n",
            "line",
            "9 │        ●●",
            "  │     ●●●",
            "  │  ●●●",
            "0 │●●",
            "  └──────────",
            "   0      9 h",
            "   ● y");
        assertEquals(expected, TextChart.render("line", List.of("y"), List.of(line), List.of(line), 10, 4, false));
    }

    @Test
    void simulationPlotsForTheTerminal() {
        String text = Presets.np9().simulate(Times.grid(0, 48, 1)).plot("B", "Tumor");
        assertTrue(text.startsWith("NP9\n"), text);
        assertTrue(text.contains("● B") && text.contains("○ Tumor") && text.contains("(log scale)"), text);
    }
}
