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

    /**
     * The fit chart draws the prediction from the dense solution, not segments between observation
     * times: between the observations the curve is the closed form of the fitted one-compartment model
     * (C = 4/V e^{-k t}, an exact fit through two points), one colour per observed name.
     */
    @Test
    void theFitChartDrawsTheSolutionBetweenObservations(@TempDir Path dir) throws Exception {
        org.nanopk.Model m = org.nanopk.Model.builder("one").compartment("blood").sink("out").parameter("k", 0.3)
            .parameter("V", 2).firstOrder("blood", "out", "k").output("C", "blood/V")
            .dose(org.nanopk.Dose.bolus("blood", 4)).build();
        org.nanopk.Observations o = org.nanopk.io.ObservationsCsv.parse(
            "time,compartment,value\n1,C,10\n3,C,5\n1,blood,2.8284271247461903\n3,blood,1.4142135623730951\n", java.util.Map.of());
        org.nanopk.Fit f = org.nanopk.fit.Fitter.of(m, o).estimate("k", "V")
            .withErrorModel(org.nanopk.fit.ErrorModel.additive(1).fixed())
            .withSolver(org.nanopk.solve.Solver.stiff().withTolerances(1e-12, 1e-14)).fit();
        Chart c = Chart.fit(f);
        List<Chart.Trace> fitted = c.traces().stream().filter(t -> !t.points()).toList();
        assertEquals(2, fitted.size());
        double k = Math.log(2) / 2;
        double v = 4 * Math.exp(-k) / 10;
        Chart.Trace curve = fitted.stream().filter(t -> t.name().equals("C fitted")).findFirst().orElseThrow();
        assertTrue(curve.x().length > 200, "points on the curve: " + curve.x().length);
        for (int i = 0; i < curve.x().length; i++) {
            assertEquals(4 / v * Math.exp(-k * curve.x()[i]), curve.y()[i], 1e-7, "at t = " + curve.x()[i]);
        }
        // observed and fitted of one name share a colour; names differ
        for (Chart.Trace t : c.traces()) {
            assertEquals(t.name().startsWith("C ") ? 0 : 1, t.colour(), t.name());
        }
        assertEquals("value (the model's unit)", c.yLabel());
        validPng(c.withLogY().save(dir.resolve("fit.png")));
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
