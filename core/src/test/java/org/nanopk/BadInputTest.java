package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.nanopk.io.ModelJson;
import org.nanopk.mechanism.Presets;
import org.nanopk.solve.Solver;

/** Design §10: every bad input ends in an IllegalArgumentException that names the problem. */
class BadInputTest {

    static Model.Builder base() {
        return Model.builder("m").compartment("blood", 1.7).sink("urine").parameter("k", 0.1)
            .firstOrder("blood", "urine", "k");
    }

    static void rejects(Supplier<?> action, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::get);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void badVolumes() {
        rejects(() -> base().compartment("liver", -1).build(), "liver", "volume", "-1", "> 0");
        rejects(() -> base().compartment("liver", 0).build(), "liver", "volume", "> 0");
        rejects(() -> base().compartment("liver", Double.NaN).build(), "volume", "NaN", "finite");
        rejects(() -> base().compartment("liver", Double.POSITIVE_INFINITY).build(), "volume", "Infinity");
        rejects(() -> base().compartment("liver", "V").parameter("V", -2).build(), "liver", "volume", "V = -2",
            "> 0");
    }

    @Test
    void badRatesAndParameters() {
        rejects(() -> base().parameter("kneg", -0.5).firstOrder("blood", "urine", "kneg").build(),
            "transfers[1]", "k = kneg = -0.5", ">= 0");
        rejects(() -> base().parameter("x", Double.NaN).build(), "parameter x", "NaN");
        rejects(() -> base().parameter("x", Double.NEGATIVE_INFINITY).build(), "parameter x", "Infinity");
        rejects(() -> base().transfer("blood", "urine", RateLaw.michaelisMenten(20, 0)).build(), "km", "> 0");
        rejects(() -> base().parameter("z", "log(0-1)").build(), "parameters.z", "NaN", "finite");
        rejects(() -> base().build().with("k", -1), "transfers[0]", "k = -1");
        rejects(() -> base().build().with("k", Double.NaN), "parameter k", "NaN");
    }

    @Test
    void badDoses() {
        rejects(() -> Dose.bolus("blood", -5), "amount", "-5", ">= 0");
        rejects(() -> Dose.bolus("blood", Double.NaN), "amount", "NaN");
        rejects(() -> Dose.bolus("blood", 0), "amount = 0");
        rejects(() -> Dose.bolus("blood", 1).at(-1), "time = -1", "before time 0");
        rejects(() -> Dose.infusion("blood", 10, 0), "duration", "> 0");
        rejects(() -> Dose.infusionAtRate("blood", 10, Double.POSITIVE_INFINITY), "rate", "Infinity");
        rejects(() -> Dose.bolus("blood", 1).repeated(3, 0), "interval", "> 0");
        rejects(() -> base().dose(Dose.bolus("liver", 1)).build(), "unknown compartment 'liver'", "known: blood, urine");
        rejects(() -> base().build().simulate(Regimen.of(Dose.bolus("gut", 1)), 1, 2), "unknown compartment 'gut'",
            "known: blood, urine");
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        rejects(() -> base().firstOrder("blood", "liver", "k").build(), "transfers[1].to", "unknown compartment 'liver'",
            "known: blood, urine");
        rejects(() -> base().firstOrder("blood", "urine", "kk").build(), "transfers[1].law.k",
            "unknown parameter 'kk'", "known: k");
        rejects(() -> base().build().with("kx", 1), "unknown parameter 'kx'", "known: k");
        rejects(() -> base().build().parameter("q"), "unknown parameter 'q'", "known: k");
        rejects(() -> base().output("C", "blod/1.7").build(), "outputs.C", "unknown name 'blod'", "blood");
        Simulation s = base().dose(Dose.bolus("blood", 1)).build().simulate(0, 1);
        rejects(() -> s.amount("liver"), "unknown compartment or output 'liver'", "blood, urine");
    }

    @Test
    void duplicateNames() {
        rejects(() -> base().compartment("blood").build(), "duplicate name 'blood'");
        rejects(() -> base().parameter("k", 2).build(), "duplicate name 'k'");
        rejects(() -> base().parameter("blood", 2).build(), "duplicate name 'blood'");
        rejects(() -> base().output("urine", "blood").build(), "duplicate name 'urine'");
    }

    @Test
    void transferOutOfSinkOrToItself() {
        rejects(() -> base().firstOrder("urine", "blood", "k").build(), "transfers[1]", "'urine' is a sink");
        rejects(() -> base().firstOrder("blood", "blood", "k").build(), "transfers[1]", "same compartment");
    }

    @Test
    void cyclicOrMalformedExpressions() {
        rejects(() -> base().parameter("a", "b*2").parameter("b", "c+1").parameter("c", "a").build(),
            "cycle", "a -> b -> c -> a");
        rejects(() -> base().parameter("a", "a+1").build(), "cycle", "a -> a");
        rejects(() -> base().parameter("a", "2*(k+").build(), "parameters.a", "malformed expression");
        rejects(() -> base().parameter("a", "2**k").build(), "parameters.a", "malformed expression");
        rejects(() -> base().parameter("a", "foo(k)").build(), "unknown function 'foo'");
        rejects(() -> base().parameter("a", "blood*2").build(), "parameters.a", "'blood' is a compartment");
        rejects(() -> base().parameter("a", "(".repeat(500) + "1" + ")".repeat(500)).build(), "nested");
    }

    @Test
    void outputTimes() {
        Model m = base().dose(Dose.bolus("blood", 1)).build();
        rejects(() -> m.simulate(0, 2, 1), "times[2] = 1.0 is not after times[1] = 2.0", "increasing");
        rejects(() -> m.simulate(0, 1, 1), "increasing");
        rejects(() -> m.simulate(-1, 1), "times[0] = -1.0", ">= 0");
        rejects(() -> m.simulate(0, Double.NaN), "times[1] = NaN");
        rejects(() -> Times.parse("0,1,x"), "cannot read 'x'");
    }

    @Test
    void badNames() {
        rejects(() -> Compartment.of("my blood"), "'my blood' is not a valid name");
        rejects(() -> base().compartment("t").build(), "reserved for time");
        rejects(() -> Model.builder("m").build(), "no compartments");
    }

    @Test
    void malformedJson() {
        rejects(() -> ModelJson.parse("{\"name\": \"x\", "), "malformed JSON", "line 1");
        rejects(() -> ModelJson.parse("[1,2]"), "expected a JSON object");
        rejects(() -> ModelJson.parse("{\"compartments\": [{\"name\": \"b\"}], \"color\": 1}"),
            "unknown field 'color'", "known: name");
        rejects(() -> ModelJson.parse("{\"compartments\": [{\"name\": \"b\"}, {\"name\": \"u\", \"sink\": true}],"
            + "\"parameters\": {\"KmL\": 5, \"VmL\": 20, \"k\": 1},"
            + "\"transfers\": [{\"from\": \"b\", \"to\": \"u\", \"law\": {\"type\": \"michaelisMenten\","
            + " \"vmax\": \"VmL\", \"km\": \"Km_L\"}}]}"),
            "transfers[0].law.km: unknown parameter 'Km_L'; known: KmL, VmL, k");
        rejects(() -> ModelJson.parse("{\"compartments\": [{\"name\": \"b\", \"volume\": true}]}"),
            "compartments[0].volume", "got a boolean");
        rejects(() -> ModelJson.parse("{\"compartments\": [{\"name\": \"b\"}], \"transfers\": [{\"from\": \"b\","
            + " \"to\": \"b\", \"law\": {\"type\": \"warp\"}}]}"), "unknown law type 'warp'", "firstOrder");
        rejects(() -> ModelJson.parse("{\"compartments\": [{\"name\": \"b\"}, {\"name\": \"b\"}]}"),
            "duplicate name 'b'");
        rejects(() -> ModelJson.parse("{\"compartments\": [], \"compartments\": []}"), "Duplicate field");
    }

    @Test
    void maxStepsIsAPkExceptionNamingModelAndTime() {
        Model m = Presets.np9();
        PkException e = assertThrows(PkException.class,
            () -> m.simulate(Regimen.of(Dose.bolus("B", 100)), Times.grid(0, 168, 1),
                Solver.nonstiff().withMaxSteps(5)));
        assertTrue(e.getMessage().contains("NP9"), e.getMessage());
        assertTrue(e.getMessage().contains("maximum number of steps"), e.getMessage());
        assertTrue(e.time() > 0 && e.time() < 168, "time reached " + e.time());
    }

    @Test
    void blowUpIsAPkException() {
        // dB/dt = +x B for x = B (a finite-time blow-up) as an expression law into a sink, reversed
        Model m = Model.builder("blowup").compartment("B").compartment("S")
            .transfer("S", "B", RateLaw.expression("B^2")).build();
        PkException e = assertThrows(PkException.class,
            () -> m.simulate(Regimen.of(Dose.bolus("B", 1)), new double[] {0, 0.5, 2}, Solver.nonstiff()));
        assertTrue(e.getMessage().contains("blowup"), e.getMessage());
        assertEquals(true, e.time() <= 1.0 + 1e-6, "blows up at t = 1: " + e.time());
    }
}
