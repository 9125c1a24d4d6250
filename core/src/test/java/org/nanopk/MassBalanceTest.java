package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nanopk.mechanism.Presets;

/** Transfers conserve amount: the total of NP9 stays at the 100 %ID dose at every output. */
class MassBalanceTest {
    @Test
    void np9ConservesTheDose() {
        Simulation s = Presets.np9().simulate(Times.grid(0, 168, 0.5));
        Series total = s.total();
        for (int i = 0; i < total.size(); i++) {
            assertEquals(100, total.value(i), 1e-9, "total %ID at t = " + total.time(i));
        }
    }

    @Test
    void np9StiffConservesTheDose() {
        Simulation s = Presets.np9Stiff().simulate(Times.grid(0, 24, 0.25));
        Series total = s.total();
        for (int i = 0; i < total.size(); i++) {
            assertEquals(100, total.value(i), 1e-9, "total %ID at t = " + total.time(i));
        }
    }
}
