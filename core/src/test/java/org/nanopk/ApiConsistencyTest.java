package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nanopk.mechanism.Presets;
import org.nanopk.solve.Solver;
import org.nanopk.solve.SolverStats;

/** One argument order, one set of names, counts that say what they count. */
class ApiConsistencyTest {

    @Test
    void repeatedDosesTakeTheCountThenTheInterval() {
        Dose a = Dose.bolus("B", 100).at(2).repeated(3, 24);
        Dose b = Dose.bolus("B", 100).at(2).withAdditional(2, 24);
        assertEquals(a, b);
        assertArrayEquals(new double[] {2, 26, 50}, a.times());
    }

    @Test
    void solverNamesAreExactlyTheNamesListed() {
        for (String n : Solver.names()) {
            Solver s = Solver.named(n);
            assertEquals(n, s.name());
            assertEquals(s.getClass(), Solver.named(s.name()).getClass());
        }
        for (String alias : new String[] {"rodas5p", "dopri5", "Stiff", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Solver.named(alias));
            assertTrue(e.getMessage().contains("known: " + String.join(", ", Solver.names())), e.getMessage());
        }
    }

    @Test
    void statsCountMatrixExponentialsApartFromLuDecompositions() {
        Model linear = Model.builder("two").compartment("B").compartment("T").sink("U").parameter("k", 0.1)
            .firstOrder("B", "T", "k").firstOrder("T", "U", 0.05).dose(Dose.bolus("B", 100)).build();
        SolverStats exact = linear.simulate(new double[] {0, 1, 2, 3.5}, Solver.exact()).stats();
        assertEquals(0, exact.luDecompositions());
        assertTrue(exact.matrixExponentials() >= 1, exact.toString());
        assertTrue(exact.toString().contains("matrix exponentials"), exact.toString());
        SolverStats stiff = Presets.np9().simulate(new double[] {0, 24}, Solver.stiff()).stats();
        assertEquals("rodas5p", stiff.solver());
        assertEquals(0, stiff.matrixExponentials());
        assertTrue(stiff.luDecompositions() > 0);
    }
}
