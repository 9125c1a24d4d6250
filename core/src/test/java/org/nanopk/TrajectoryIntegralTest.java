package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nanopk.mechanism.Presets;
import org.nanopk.solve.DenseOutput;
import org.nanopk.solve.Solver;

/**
 * Areas read from the continuous solution: each step's polynomial integrated term by term. Checked on
 * steps whose dense output is a known polynomial of degree 5 (the integrals of p and of t·p in closed
 * form, over whole steps, parts of steps and across a jump), and on NP9 against a second method: its
 * area and first moment by quadrature states integrated with the model at rtol 1e-12.
 */
class TrajectoryIntegralTest {
    /** p(t) = 2 − 3t + t² − 0.5t³ + 0.2t⁴ − 0.01t⁵ in state 1 (state 0 holds 7). */
    private static double p(double t) {
        return 2 + t * (-3 + t * (1 + t * (-0.5 + t * (0.2 - 0.01 * t))));
    }

    private static double primitive(double t) {
        return t * (2 + t * (-1.5 + t * (1.0 / 3 + t * (-0.125 + t * (0.04 - t / 600)))));
    }

    /** ∫ t·p(t) dt. */
    private static double firstMoment(double t) {
        return t * t * (1 + t * (-1 + t * (0.25 + t * (-0.1 + t * (0.2 / 6 - 0.01 * t / 7)))));
    }

    private static DenseOutput polynomial(double shift) {
        return new DenseOutput() {
            @Override
            public void state(double t, double[] out, int at) {
                out[at] = 7;
                out[at + 1] = p(t) + shift;
            }

            @Override
            public void derivative(double t, double[] out, int at) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void stepPolynomialsIntegrateExactly() {
        Trajectory path = new Trajectory(2);
        // three steps of p, then a jump at t = 3 by +5 (a dose) and a last step
        path.step(0, 0.7, polynomial(0));
        path.step(0.7, 1.9, polynomial(0));
        path.step(1.9, 3, polynomial(0));
        path.step(3, 4.5, polynomial(5));
        path.freeze();
        Trajectory.Linear second = new Trajectory.Linear(0, new int[] {1}, new double[] {1});
        double[][] spans = {{0, 4.5}, {0.3, 2.2}, {1.0, 1.2}, {0.7, 1.9}, {2.5, 3}, {2.5, 4}, {4.5, 4.5}};
        for (double[] s : spans) {
            double a = s[0];
            double b = s[1];
            double jump = Math.max(0, b - Math.max(a, 3));
            double area = primitive(b) - primitive(a) + 5 * jump;
            double moment = firstMoment(b) - firstMoment(a) + 5 * (b * b - Math.pow(Math.max(a, 3), 2)) / 2
                * (jump > 0 ? 1 : 0);
            double[] got = path.integrals(second, a, b);
            // the polynomial is reproduced from 6 values and integrated in Chebyshev form: round-off only
            assertEquals(area, got[0], 1e-13 * Math.max(1, Math.abs(area)), "area " + a + " to " + b);
            assertEquals(moment, got[1], 1e-13 * Math.max(1, Math.abs(moment)), "moment " + a + " to " + b);
        }
        // a linear combination with a constant: 3 + 2·state0 − state1
        Trajectory.Linear mix = new Trajectory.Linear(3, new int[] {0, 1}, new double[] {2, -1});
        double[] got = path.integrals(mix, 0.2, 2.9);
        double expected = 17 * 2.7 - (primitive(2.9) - primitive(0.2));
        assertEquals(expected, got[0], 1e-13 * Math.abs(expected));
    }

    @Test
    void anExactStretchIsLeftToTheQuadrature() {
        Trajectory path = new Trajectory(2);
        path.step(0, 1, polynomial(0));
        path.exact(1, 2, polynomial(0));
        path.freeze();
        Trajectory.Linear second = new Trajectory.Linear(0, new int[] {1}, new double[] {1});
        assertNull(path.integrals(second, 0, 2));
        assertEquals(primitive(1) - primitive(0.5), path.integrals(second, 0.5, 1)[0], 1e-14);
    }

    /**
     * NP9's areas and first moments from its steps (Dormand–Prince and Rodas5P at rtol 1e-6, 0–48 h)
     * against its quadrature states (Q1' = Tumor, Q2' = Q1) solved at rtol 1e-12, for 0–48 h and 5.3–30.6 h:
     * within 1e-6 relative, the solver's tolerance (observed: 6e-9 for NP9, 2.6e-7 for Rodas5P on NP9-stiff,
     * the solution's own error there).
     */
    @Test
    void np9AreasAgreeWithQuadratureStates() {
        for (Model m : new Model[] {Presets.np9(), Presets.np9Stiff()}) {
            double[] grid = Times.grid(0, 48, 1);
            Model q = m.withQuadrature("Tumor");
            int q1 = q.kinetics().model().stateCount() - 2;
            Solver fine = Solver.stiff().withTolerances(1e-12, 1e-15);
            for (double[] span : new double[][] {{0, 48}, {5.3, 30.6}}) {
                Simulation ref = q.simulate(Schedule.of(m.regimen(), grid), fine);
                String a1 = ref.names().get(q1);
                String a2 = ref.names().get(q1 + 1);
                double area = ref.at(a1, span[1]) - ref.at(a1, span[0]);
                double moment = span[1] * ref.at(a1, span[1]) - ref.at(a2, span[1])
                    - (span[0] * ref.at(a1, span[0]) - ref.at(a2, span[0]));
                for (Solver solver : new Solver[] {Solver.nonstiff(), Solver.stiff()}) {
                    if (m.name().contains("stiff") && solver.name().equals("nonstiff")) {
                        continue; // explicit steps on a stiff model: correct, but 76,000 of them
                    }
                    Simulation s = m.simulate(Schedule.of(m.regimen(), grid), solver.withTolerances(1e-6, 1e-9));
                    String what = m.name() + " by " + solver.name() + " over " + span[0] + "-" + span[1] + " h";
                    assertEquals(area, s.amount("Tumor").auc(span[0], span[1]), 1e-6 * area, "area of " + what);
                    assertEquals(moment, s.momentOf("Tumor", span[0], span[1]), 1e-6 * moment, "moment of " + what);
                }
            }
        }
    }
}
