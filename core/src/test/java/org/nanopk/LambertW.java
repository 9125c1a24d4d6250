package org.nanopk;

/** Principal branch of the Lambert W function, W e^W = x for x >= 0, by Halley's iteration (test helper). */
final class LambertW {
    private LambertW() {
    }

    static double w0(double x) {
        if (x < 0) {
            throw new IllegalArgumentException("x = " + x);
        }
        // start: log(1+x) is within a factor ~2 on [0, inf); for large x use ln x - ln ln x
        double w = x < 3 ? Math.log1p(x) * 0.7 : Math.log(x) - Math.log(Math.log(x));
        for (int i = 0; i < 100; i++) {
            double ew = Math.exp(w);
            double f = w * ew - x;
            double step = f / (ew * (w + 1) - (w + 2) * f / (2 * w + 2));
            w -= step;
            if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(w))) {
                break;
            }
        }
        return w;
    }
}
