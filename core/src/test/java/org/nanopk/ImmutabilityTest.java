package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nanopk.fit.Fitter;
import org.nanopk.mechanism.Presets;
import org.nanopk.population.DoseSweep;
import org.nanopk.population.Population;
import org.nanopk.population.Sensitivity;
import org.nanopk.solve.SteadyState;

/**
 * Values stay as they were made: records copy their arrays in and out, every field of a public type is
 * final (a volatile field is a lazily computed cache of a final one), and the configured algorithms
 * hold one private spec.
 */
class ImmutabilityTest {

    @Test
    void populationBandsCannotBeChangedFromOutside() {
        Population.Summary s = Population.of(Presets.np9()).withVariability("kEPR", 0.3).withSeed(3)
            .study(0, 24, 48).track("B").readout("B24", sim -> sim.at("B", 24)).run(50);
        double before = s.band("B", 50).value(1);
        s.bands()[0][1][1] = -42;
        s.times()[1] = -1;
        s.percentiles()[1] = 7;
        s.statistics()[0][0] = -42;
        assertEquals(before, s.band("B", 50).value(1));
        assertEquals(24, s.band("B", 50).time(1));
        assertTrue(s.readout("B24")[0] > 0);
        double[] times = {0, 24, 48};
        Population.Summary copy = new Population.Summary("m", 1, times, List.of("B"), new double[] {50},
            new double[][][] {{{1, 2, 3}}}, List.of(), new double[0][]);
        times[1] = 99;
        assertEquals(24, copy.times()[1]);
    }

    @Test
    void fitCorrelationsCannotBeChangedFromOutside() {
        Model m = Model.builder("one").compartment("B").sink("U").parameter("k", 0.3).parameter("V", 2)
            .firstOrder("B", "U", "k").output("C", "B/V").dose(Dose.bolus("B", 100)).build();
        List<Observations.Point> points = new ArrayList<>();
        for (double x : new double[] {1, 2, 4, 6, 8}) {
            points.add(new Observations.Point("1", x, "C", Observations.Quantity.VALUE, 50 * Math.exp(-0.3 * x)
                * (1 + 0.01 * Math.sin(x)), Double.NaN, Double.NaN, 0));
        }
        Fit fit = Fitter.of(m, Observations.of(points)).estimate("k", "V").fit();
        double r = fit.correlation()[0][1];
        fit.correlation()[0][1] = 42;
        assertEquals(r, fit.correlation()[0][1]);
        double[][] c = {{1, 0.5}, {0.5, 1}};
        Fit.Summary s = new Fit.Summary(m, List.of(), c, 1, 0, 0, List.of(), 0, 0, true, "", 1, "", List.of(), List.of(), List.of());
        c[0][1] = 42;
        s.correlation()[1][0] = 42;
        assertEquals(0.5, s.correlation()[0][1]);
        assertEquals(0.5, s.correlation()[1][0]);
    }

    @Test
    void sweepSensitivityAndSteadyStateResultsCopyTheirArrays() {
        DoseSweep.Result d = DoseSweep.of(Presets.np9(), "B").withDoses(10, 100).percentIdAt("Tumor", 24).run();
        double v = d.values()[1][0];
        d.values()[1][0] = -1;
        d.doses()[0] = -1;
        assertEquals(v, d.values()[1][0]);
        assertEquals(10, d.doses()[0]);
        Sensitivity.Result s = Sensitivity.of(Presets.np9(), "DE24", x -> x.percentId("Tumor").at(24))
            .withParameters("kEPR").local();
        double f = s.first("kEPR");
        s.first()[0] = 42;
        assertEquals(f, s.first("kEPR"));
        double[] state = {1, 2};
        SteadyState.Result ss = new SteadyState.Result(state, 3);
        state[0] = 9;
        ss.state()[1] = 9;
        assertArrayEquals(new double[] {1, 2}, ss.state());
    }

    @Test
    void everyFieldOfAPublicTypeIsFinal() throws Exception {
        List<String> problems = new ArrayList<>();
        int fields = 0;
        for (Class<?> c : ArchitectureTest.classesOf(ArchitectureTest.exported())) {
            if (!Modifier.isPublic(c.getModifiers()) || c.getSimpleName().equals("Builder")) {
                continue; // builders are mutable by design and never shared
            }
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || f.isSynthetic()) {
                    continue;
                }
                fields++;
                if (!Modifier.isFinal(mod) && !Modifier.isVolatile(mod)) {
                    problems.add(c.getName() + "." + f.getName() + " is not final");
                }
            }
        }
        assertTrue(fields > 100, "only " + fields + " fields");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Public records never hand out a mutable array: each array accessor returns a copy. */
    @Test
    void publicRecordsCopyEveryArrayTheyHandOut() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Class<?> c : ArchitectureTest.classesOf(ArchitectureTest.exported())) {
            if (!c.isRecord() || !Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            for (RecordComponent rc : c.getRecordComponents()) {
                if (rc.getType().isArray()) {
                    String source = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/java",
                        c.getName().replaceAll("\\$.*", "").replace('.', '/') + ".java"));
                    // the accessor is declared (overridden) to return a copy
                    if (!source.matches("(?s).*public [a-z]+(\\[\\])+ " + rc.getName() + "\\(\\) \\{\\s*return [^;]*"
                        + "(clone\\(\\)|copy\\(" + rc.getName() + "\\));.*")) {
                        problems.add(c.getName() + "." + rc.getName() + "() returns its array");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Fitter, Population, its Study, DoseSweep and Sensitivity hold one private final spec and nothing else. */
    @Test
    void configuredAlgorithmsHoldOneSpec() {
        for (Class<?> c : List.of(Fitter.class, Population.class, Population.Study.class, DoseSweep.class,
            Sensitivity.class)) {
            List<Field> fields = new ArrayList<>();
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    fields.add(f);
                }
            }
            assertEquals(1, fields.size(), c + " fields " + fields);
            Field f = fields.get(0);
            assertEquals("spec", f.getName(), c.toString());
            assertTrue(Modifier.isPrivate(f.getModifiers()) && Modifier.isFinal(f.getModifiers()), f.toString());
            assertTrue(f.getType().isRecord(), f.getType() + " is not a record");
        }
        // with... copies: the original is unchanged
        Population p = Population.of(Presets.np9());
        Population q = p.withVariability("kEPR", 0.3);
        assertEquals(List.of(), p.parameters());
        assertEquals(List.of("kEPR"), q.parameters());
        assertThrows(IllegalArgumentException.class, () -> p.withThreads(0));
    }
}
