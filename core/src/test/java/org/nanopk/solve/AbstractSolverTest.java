package org.nanopk.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One test per solver family over the shared closed-form problems: dense outputs and the end state
 * agree with the exact solution to {@link #tolerance()} relative to the problem's scale (100).
 */
abstract class AbstractSolverTest {

    /** The solver under test, at its test tolerances. */
    abstract Solver solver();

    /** Maximum error relative to the initial amount. */
    abstract double tolerance();

    /** Whether the solver applies to the problem (the exact solver needs linear ones). */
    boolean applies(TestProblems.Problem p) {
        return true;
    }

    static Stream<TestProblems.Problem> problems() {
        return TestProblems.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void matchesTheClosedForm(TestProblems.Problem p) {
        assumeTrue(applies(p), "the solver does not apply to " + p);
        int n = p.dimension();
        double[] times = new double[41];
        for (int k = 0; k < times.length; k++) {
            times[k] = 0.3 * k + 0.1 * (k % 3); // irregular, increasing output times
        }
        double[] out = new double[times.length * n];
        double[] y = p.y0.clone();
        double t1 = 13;
        Integrator in = solver().integrator(p, t1);
        in.integrate(0, y, t1, times, 1, times.length, out, n);
        for (int k = 1; k < times.length; k++) {
            double[] e = p.exact(times[k]);
            for (int i = 0; i < n; i++) {
                assertEquals(e[i], out[k * n + i], tolerance() * 100, p + ": y" + i + "(" + times[k] + ")");
            }
        }
        double[] e = p.exact(t1);
        for (int i = 0; i < n; i++) {
            assertEquals(e[i], y[i], tolerance() * 100, p + ": y" + i + "(" + t1 + ")");
        }
        SolverStats s = in.stats();
        assertTrue(s.accepted() > 0, "steps reported: " + s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void restartsAcrossSegments(TestProblems.Problem p) {
        // integrating [0,2] then [2,5] equals the exact solution at 5: a restart loses nothing
        assumeTrue(applies(p), "the solver does not apply to " + p);
        double[] y = p.y0.clone();
        Integrator in = solver().integrator(p, 5);
        double[] none = new double[0];
        in.integrate(0, y, 2, new double[0], 0, 0, none, 0);
        in.integrate(2, y, 5, new double[0], 0, 0, none, 0);
        double[] e = p.exact(5);
        for (int i = 0; i < y.length; i++) {
            assertEquals(e[i], y[i], tolerance() * 100, p + ": y" + i + "(5)");
        }
    }
}
