package org.nanopk.solve;

import org.junit.jupiter.api.Nested;

/** Every solver family against the shared closed-form problems. */
class SolverFamiliesTest {

    @Nested
    class RosenbrockTest extends AbstractSolverTest {
        @Override
        Solver solver() {
            return Solver.stiff().withTolerances(1e-11, 1e-13);
        }

        @Override
        double tolerance() {
            return 1e-9;
        }
    }

    @Nested
    class DormandPrince5Test extends AbstractSolverTest {
        @Override
        Solver solver() {
            return Solver.nonstiff().withTolerances(1e-11, 1e-13);
        }

        @Override
        double tolerance() {
            return 1e-9;
        }
    }

    @Nested
    class HipparchusDormandPrince853Test extends AbstractSolverTest {
        @Override
        Solver solver() {
            return Solver.dormandPrince853().withTolerances(1e-11, 1e-13);
        }

        @Override
        double tolerance() {
            return 1e-9;
        }
    }

    @Nested
    class HipparchusGraggBulirschStoerTest extends AbstractSolverTest {
        @Override
        Solver solver() {
            return Solver.graggBulirschStoer().withTolerances(1e-11, 1e-13);
        }

        @Override
        double tolerance() {
            return 1e-9;
        }
    }

    @Nested
    class ExactTest extends AbstractSolverTest {
        @Override
        Solver solver() {
            return Solver.exact();
        }

        /** Issue 4: the exact solver agrees with the closed forms to a relative 1e-12. */
        @Override
        double tolerance() {
            return 1e-12;
        }

        @Override
        boolean applies(TestProblems.Problem p) {
            return p.isLinear();
        }
    }

    @Nested
    class AutoTest extends AbstractSolverTest {
        @Override
        Solver solver() {
            return Solver.auto().withTolerances(1e-11, 1e-13);
        }

        @Override
        double tolerance() {
            return 1e-9;
        }
    }
}
