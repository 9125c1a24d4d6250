package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Parameters, derived expressions, with(), outputs and units of a model. */
class ModelTest {
    static Model pbpkLike() {
        return Model.builder("flows")
            .parameter("BW", 0.02).parameter("QCC", 16.5).parameter("QLC", 0.02)
            .parameter("QL", "QCC*BW^0.75*QLC*1000")   // mL/h
            .parameter("VL", "0.055*BW*1000")          // mL
            .compartment("blood", 1.2).compartment("liver", "VL").sink("bile")
            .transfer("blood", "liver", RateLaw.flow("QL"))
            .firstOrder("liver", "bile", 0.05)
            .output("CLiver", "liver/VL")
            .output("Liver", "liver", "VL")
            .dose(Dose.bolus("blood", 100))
            .build();
    }

    @Test
    void derivedParametersAreEvaluated() {
        Model m = pbpkLike();
        double ql = 16.5 * Math.pow(0.02, 0.75) * 0.02 * 1000;
        assertEquals(ql, m.parameter("QL"), 1e-12 * ql);
        assertEquals(1.1, m.volume("liver"), 1e-12);
        assertEquals(1.1, m.mass("liver"), 1e-12, "mass defaults to the volume (density 1)");
    }

    @Test
    void withSharesStructureAndLeavesTheOriginal() {
        Model m = pbpkLike();
        Model heavy = m.with("BW", 0.03);
        assertEquals(0.02, m.parameter("BW"), 0);
        assertEquals(0.03, heavy.parameter("BW"), 0);
        assertEquals(16.5 * Math.pow(0.03, 0.75) * 0.02 * 1000, heavy.parameter("QL"), 1e-10);
        assertEquals(0.055 * 30, heavy.volume("liver"), 1e-12);
        assertNotEquals(m, heavy);
        assertEquals(m, heavy.with("BW", 0.02).with(Map.of()).withName("flows").with("BW", 0.02));
        Model fixed = m.with("QL", 1.0);
        assertEquals(1.0, fixed.parameter("QL"), 0);
        assertEquals("1", fixed.parameterDefinitions().get("QL"));
    }

    @Test
    void flowLawUsesTheSourceVolume() {
        // blood -> liver at QL*blood/V_blood: blood(t) = 100 e^{-QL t/1.2}
        Model m = pbpkLike();
        double k = m.parameter("QL") / 1.2;
        Simulation s = m.simulate(Times.grid(0, 2, 0.5));
        for (double t : Times.grid(0, 2, 0.5)) {
            assertEquals(100 * Math.exp(-k * t), s.at("blood", t), 1e-8 * 100);
        }
        // outputs: a concentration and an amount with a mass, read as %ID/g
        double liver = s.at("liver", 1);
        assertEquals(liver / 1.1, s.at("CLiver", 1), 1e-12);
        assertEquals(100 * liver / 100 / 1.1, s.percentIdPerGram("Liver").at(1), 1e-12);
        assertEquals(100 * liver / 100 / 1.1, s.percentIdPerGram("liver").at(1), 1e-12);
        assertEquals(liver / 1.1, s.concentration("liver").at(1), 1e-12);
    }

    @Test
    void printsReadableTables() {
        Model m = pbpkLike();
        String text = m.toString();
        assertTrue(text.contains("QL*blood/V_blood"), text);
        assertTrue(text.contains("QCC*BW^0.75*QLC*1000"), text);
        Simulation s = m.simulate(0, 1, 2);
        String table = s.toString();
        assertTrue(table.startsWith("Simulation of flows (3 times, exact"), table);
        assertTrue(s.toCsv().startsWith("time,blood,liver,bile,CLiver,Liver\n0.0,100.0,0.0,0.0,0.0,0.0\n"), s.toCsv());
    }
}
