package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.nanopk.mechanism.Presets;
import org.nanopk.reliability.RandomModels;

/**
 * The generated right-hand side against the interpreter (the reference): the same derivatives,
 * Jacobian and ∂f/∂t for random models of every law, for the presets, and for expressions with
 * integer powers, min/max and the Hill function; the only difference allowed is the rounding of a
 * few operations in another order (integer powers by multiplication, sums by row).
 */
class GeneratedKernelTest {
    /** A few roundings apart, relative to the largest term of the row. */
    static final double TOL = 1e-12;

    static void agree(Model m, long seed) {
        Kinetics k = m.kinetics();
        KernelCompiler.Plan plan = k.model.kernel();
        assertNotNull(plan, "no kernel generated for " + m.name());
        for (int i = 0; i < CompiledModel.GENERATE_AT_SOLVE; i++) {
            k.kernelForSolve();
        }
        assertNotNull(k.kernelForSolve(), "no kernel for the parameters of " + m.name());
        ModelSystem generated = new ModelSystem(k, k.kernelForSolve());
        ModelSystem interpreted = new ModelSystem(k, null);
        int n = generated.dimension();
        SplittableRandom r = new SplittableRandom(seed);
        for (int rep = 0; rep < 20; rep++) {
            double t = r.nextDouble(0, 48);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextInt(8) == 0 ? 0 : Math.exp(r.nextDouble(-5, 7)) * (r.nextInt(10) == 0 ? -1e-9 : 1);
            }
            for (int i = 0; i < Math.min(n, 3); i++) {
                generated.setInput(i, 0.5 * i);
                interpreted.setInput(i, 0.5 * i);
            }
            double[] a = new double[n];
            double[] b = new double[n];
            generated.derivatives(t, y, a);
            interpreted.derivatives(t, y, b);
            close(b, a, scale(b, y), m.name() + " f");
            double[] ja = new double[n * n];
            double[] jb = new double[n * n];
            generated.jacobian(t, y, ja);
            interpreted.jacobian(t, y, jb);
            close(jb, ja, 1, m.name() + " Jacobian");
            if (!m.kinetics().model.autonomous) {
                double[] ta = new double[n];
                double[] tb = new double[n];
                generated.timeDerivative(t, y, ta);
                interpreted.timeDerivative(t, y, tb);
                close(tb, ta, 1, m.name() + " df/dt");
            }
        }
    }

    private static double scale(double[] f, double[] y) {
        double s = 1;
        for (double v : y) {
            s = Math.max(s, Math.abs(v));
        }
        for (double v : f) {
            s = Math.max(s, Math.abs(v));
        }
        return s;
    }

    private static void close(double[] expected, double[] actual, double scale, String what) {
        double s = scale;
        for (double v : expected) {
            s = Math.max(s, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOL * s, what + " [" + i + "]");
        }
    }

    @Property(tries = 300, seed = "20261201")
    void generatedCodeComputesWhatTheInterpreterComputes(@ForAll long seed,
                                                        @ForAll @IntRange(min = 1, max = 30) int compartments) {
        agree(RandomModels.of(seed, compartments, RandomModels.Laws.ALL).model(), seed);
    }

    /**
     * A structure too large for one field per constant (here about 8,000 constants) reads them from an
     * array, and computes what the interpreter computes.
     */
    @Test
    void largeStructuresAgree() {
        Model m = RandomModels.of(20261202, 1900, RandomModels.Laws.ALL).model();
        agree(m, 7);
        int constants = m.kinetics().model.kernel().constants().size();
        assertTrue(constants > KernelCompiler.MAX_CONSTANTS, constants + " constants");
    }

    @Test
    void presetsAgree() {
        for (String p : Presets.names()) {
            agree(Presets.byName(p), p.hashCode());
        }
    }

    @Test
    void expressionsOfEveryKindAgree() {
        Model m = Model.builder("expressions").compartment("a", 2).compartment("b", 3).sink("c")
            .parameter("k", 0.7).parameter("n", 2.5).parameter("z", 0)
            .transfer("a", "b", RateLaw.expression("k*a^2/(1+b^3) + min(a,b)*0.1 + max(a-b,0)^4"))
            .transfer("b", "c", RateLaw.expression("k*hill(b/3, n) + exp(-t)*sqrt(a*a+1) + log(1+b*b) + z*a"))
            .transfer("a", "c", RateLaw.expression("a^-2*1e-3 + -a*k + (a/b)^(n*2)"))
            .integral("AUCa", "a/2").integral("flux", "k*a*b")
            .build();
        agree(m, 7);
    }
}
