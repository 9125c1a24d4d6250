package org.nanopk.solve;

/**
 * The work a solver did: which method, how many steps it accepted and rejected, how many times it
 * evaluated the right-hand side and the Jacobian, how many LU decompositions (stiff methods) and how
 * many matrix exponentials (the exact solver) it computed.
 *
 * @param solver the method used, e.g. {@code "rodas5p"}, {@code "exact"}, {@code "dp853"}
 * @param accepted accepted steps
 * @param rejected rejected steps, or -1 when the method does not report them
 * @param rhsEvaluations right-hand-side evaluations
 * @param jacobianEvaluations Jacobian evaluations
 * @param luDecompositions LU decompositions of the stiff methods' iteration matrices
 * @param matrixExponentials matrix exponentials of the exact solver (one per distinct step length)
 */
public record SolverStats(String solver, long accepted, long rejected, long rhsEvaluations,
                          long jacobianEvaluations, long luDecompositions, long matrixExponentials) {

    /** The sum of two runs' work (one integration handed over from one method to another). */
    public SolverStats plus(SolverStats o) {
        return new SolverStats(solver + " then " + o.solver, accepted + o.accepted,
            rejected < 0 || o.rejected < 0 ? -1 : rejected + o.rejected, rhsEvaluations + o.rhsEvaluations,
            jacobianEvaluations + o.jacobianEvaluations, luDecompositions + o.luDecompositions,
            matrixExponentials + o.matrixExponentials);
    }

    @Override
    public String toString() {
        return solver + ": " + accepted + " steps (" + (rejected < 0 ? "? " : rejected + " ") + "rejected), "
            + rhsEvaluations + " f evaluations, " + jacobianEvaluations + " Jacobians, " + luDecompositions
            + " LU decompositions" + (matrixExponentials > 0 ? ", " + matrixExponentials + " matrix exponentials" : "");
    }
}
