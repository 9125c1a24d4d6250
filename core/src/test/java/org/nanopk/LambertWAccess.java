package org.nanopk;

/** Gives the solver tests (another package) the test helper for Lambert's W. */
public final class LambertWAccess {
    private LambertWAccess() {
    }

    /** Principal branch of Lambert's W. */
    public static double w0(double x) {
        return LambertW.w0(x);
    }
}
