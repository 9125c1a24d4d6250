package org.nanopk.solve;

/**
 * The work a solver did: which method, how many steps it accepted and rejected, how many times it
 * evaluated the right-hand side and the Jacobian, and how many LU decompositions it made.
 *
 * @param solver the method used, e.g. {@code "rodas5p"}, {@code "exact"}, {@code "dp853"}
 * @param accepted accepted steps
 * @param rejected rejected steps, or -1 when the method does not report them
 * @param rhsEvaluations right-hand-side evaluations
 * @param jacobianEvaluations Jacobian evaluations
 * @param luDecompositions LU decompositions (for the exact solver: matrix exponentials)
 */
public record SolverStats(String solver, long accepted, long rejected, long rhsEvaluations,
                          long jacobianEvaluations, long luDecompositions) {

    @Override
    public String toString() {
        return solver + ": " + accepted + " steps (" + (rejected < 0 ? "? " : rejected + " ") + "rejected), "
            + rhsEvaluations
            + " f evaluations, " + jacobianEvaluations + " Jacobians, " + luDecompositions
            + ("exact".equals(solver) ? " matrix exponentials" : " LU decompositions");
    }
}
