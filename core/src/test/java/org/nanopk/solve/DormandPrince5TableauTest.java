package org.nanopk.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.junit.jupiter.api.Test;

/** NanoPK's Dormand–Prince 5(4) uses the same tableau as Hipparchus's {@code DormandPrince54Integrator}. */
class DormandPrince5TableauTest {
    @Test
    void tableauMatchesHipparchus() {
        DormandPrince54Integrator h = new DormandPrince54Integrator(0, 1, 1e-6, 1e-6);
        double[] c = h.getC();
        double[][] a = h.getA();
        double[] b = h.getB();
        assertArrayEquals(new double[] {DormandPrince5.C2, DormandPrince5.C3, DormandPrince5.C4, DormandPrince5.C5, 1,
            1}, c, 1e-16);
        assertArrayEquals(new double[] {DormandPrince5.A21}, a[0], 1e-16);
        assertArrayEquals(new double[] {DormandPrince5.A31, DormandPrince5.A32}, a[1], 1e-16);
        assertArrayEquals(new double[] {DormandPrince5.A41, DormandPrince5.A42, DormandPrince5.A43}, a[2], 1e-15);
        assertArrayEquals(new double[] {DormandPrince5.A51, DormandPrince5.A52, DormandPrince5.A53, DormandPrince5.A54},
            a[3], 1e-14);
        assertArrayEquals(new double[] {DormandPrince5.A61, DormandPrince5.A62, DormandPrince5.A63, DormandPrince5.A64,
            DormandPrince5.A65}, a[4], 1e-14);
        assertArrayEquals(new double[] {DormandPrince5.A71, 0, DormandPrince5.A73, DormandPrince5.A74,
            DormandPrince5.A75, DormandPrince5.A76}, a[5], 1e-15);
        assertArrayEquals(new double[] {DormandPrince5.A71, 0, DormandPrince5.A73, DormandPrince5.A74,
            DormandPrince5.A75, DormandPrince5.A76, 0}, b, 1e-15);
        // the error weights sum to zero (both weight sets sum to one)
        assertEquals(0, DormandPrince5.E1 + DormandPrince5.E3 + DormandPrince5.E4 + DormandPrince5.E5
            + DormandPrince5.E6 + DormandPrince5.E7, 1e-16);
    }
}
