package org.nanopk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.nanopk.solve.DenseOutput;
import org.nanopk.solve.StepListener;

/**
 * The continuous solution of one simulation: the state at any time of the simulated span, read from
 * the steps the solver took rather than from the output times asked for. Each accepted step of a
 * numerical method is kept as a polynomial of degree 5 per state (its dense output sampled at six
 * Chebyshev–Lobatto points, which reproduces the methods' dense outputs of degree 4 and 5 exactly);
 * each stretch the exact solver solved is kept as its exact solution. At a dose the state jumps; the
 * value at a dose time is the one after the dose, as in the output rows.
 *
 * <p>{@link #maximum} finds a quantity's largest value on the dense solution: on every step, where its
 * derivative changes sign from + to −, refined by Brent's root finding on the derivative, and at every
 * step's ends (a bolus makes its maximum at the dose). Immutable once built; thread-safe.
 */
final class Trajectory implements StepListener {
    /** Chebyshev–Lobatto points on [0, 1]: (1 − cos(jπ/5))/2. */
    private static final double[] NODES = new double[6];
    private static final int DEGREE = 5;
    /** Derivative samples per polynomial step, to bracket the maxima. */
    private static final int SAMPLES = 16;
    /** Geometric sampling of an exact stretch: from 1e-9 of its length up, by this ratio. */
    private static final double RATIO = 1.15;

    /**
     * ∫ p dx and ∫ x·p dx over [−1, 1] of the interpolant p of node values v_j are Σ w_j v_j: the
     * integrals of the Lagrange polynomials of the nodes (Clenshaw–Curtis weights for the first),
     * worked out once by integrating each one's Chebyshev series as any piece's is.
     */
    private static final double[] AREA_WEIGHTS = new double[DEGREE + 1];
    private static final double[] MOMENT_WEIGHTS = new double[DEGREE + 1];

    static {
        for (int j = 0; j <= DEGREE; j++) {
            NODES[j] = (1 - Math.cos(j * Math.PI / DEGREE)) / 2;
        }
        double[][] transform = transform();
        double[] c = new double[DEGREE + 2];
        double[] xc = new double[DEGREE + 2];
        double[] anti = new double[DEGREE + 3];
        for (int j = 0; j <= DEGREE; j++) {
            double[] unit = new double[DEGREE + 1];
            unit[j] = 1;
            chebyshev(transform, unit, 0, 1, c);
            AREA_WEIGHTS[j] = definite(c, DEGREE, anti, -1, 1);
            timesX(c, DEGREE, xc);
            MOMENT_WEIGHTS[j] = definite(xc, DEGREE + 1, anti, -1, 1);
        }
    }

    /** A quantity read from the states: a state, an output, or any function with its time derivative. */
    interface Quantity {
        /** The value at state {@code y} and time t. */
        double value(double[] y, double t);

        /** d/dt of the value given the state's derivative {@code dy}. */
        double derivative(double[] y, double[] dy, double t);

        /**
         * The quantity as {@code constant + Σ weights[i]·y[states[i]]} when it is linear in the states with
         * constant weights, else null: a maximum then reads one combined polynomial per step.
         */
        default Linear linear() {
            return null;
        }
    }

    /** A quantity linear in the states: {@code constant + Σ weights[i]·y[states[i]]}. */
    record Linear(double constant, int[] states, double[] weights) {
    }

    private final int n;
    /** Piece k covers [start[k], end[k]]; pieces are in time order, touching or jumping at doses. */
    private double[] start = new double[16];
    private double[] end = new double[16];
    /**
     * The states at the six nodes of polynomial pieces, node-major (6·n values a piece) in one array:
     * piece k's start at {@code nodesAt[k]}, or −1 − e for exact piece e of {@code exact}. Recording
     * only copies them; the Chebyshev coefficients are worked out when a piece is read.
     */
    private double[] nodes = new double[0];
    private int nodesUsed;
    private int[] nodesAt = new int[16];
    /** The exact solutions of the exact pieces, in time order. */
    private final List<DenseOutput> exact = new ArrayList<>();
    private int size;
    private boolean frozen;
    /**
     * The weights of the discrete cosine transform from node values to Chebyshev coefficients:
     * w_j·cos(k(5 − j)π/5), w = ½ at the ends (node j is x_j = 2θ_j − 1 = −cos(jπ/5) = cos((5 − j)π/5)).
     */
    private final double[][] transform = transform();

    Trajectory(int n) {
        this.n = n;
    }

    private static double[][] transform() {
        double[][] w = new double[DEGREE + 1][DEGREE + 1];
        for (int k = 0; k <= DEGREE; k++) {
            for (int j = 0; j <= DEGREE; j++) {
                w[k][j] = (j == 0 || j == DEGREE ? 0.5 : 1) * Math.cos(k * (DEGREE - j) * Math.PI / DEGREE);
            }
        }
        return w;
    }

    /** Ends the recording: from now on only queries. */
    Trajectory freeze() {
        frozen = true;
        return this;
    }

    /** The first and last times covered (h). */
    double from() {
        return size == 0 ? Double.NaN : start[0];
    }

    double to() {
        return size == 0 ? Double.NaN : end[size - 1];
    }

    private void add(double t0, double t1, int nodeStart, DenseOutput solution) {
        if (frozen) {
            throw new IllegalStateException("trajectory already complete");
        }
        if (size == start.length) {
            start = Arrays.copyOf(start, 2 * size);
            end = Arrays.copyOf(end, 2 * size);
            nodesAt = Arrays.copyOf(nodesAt, 2 * size);
        }
        start[size] = t0;
        end[size] = t1;
        if (solution != null) {
            nodesAt[size] = -1 - exact.size();
            exact.add(solution);
        } else {
            nodesAt[size] = nodeStart;
        }
        size++;
    }

    @Override
    public void step(double t0, double t1, DenseOutput dense) {
        int w = (DEGREE + 1) * n;
        if (nodesUsed + w > nodes.length) {
            nodes = Arrays.copyOf(nodes, Math.max(2 * nodes.length, 16 * w));
        }
        for (int j = 0; j <= DEGREE; j++) {
            double t = j == 0 ? t0 : j == DEGREE ? t1 : t0 + NODES[j] * (t1 - t0);
            dense.state(t, nodes, nodesUsed + j * n);
        }
        add(t0, t1, nodesUsed, null);
        nodesUsed += w;
    }

    /**
     * The Chebyshev coefficients (in x = 2θ − 1) of the values at the nodes {@code v[o + j·stride]},
     * j = 0..5, into {@code c[0..6)}: the nodes are the Lobatto points cos(jπ/5) in x = 1 − 2θ.
     */
    private void chebyshev(double[] v, int o, int stride, double[] c) {
        chebyshev(transform, v, o, stride, c);
    }

    private static void chebyshev(double[][] transform, double[] v, int o, int stride, double[] c) {
        for (int k = 0; k <= DEGREE; k++) {
            double s = 0;
            for (int j = 0; j <= DEGREE; j++) {
                s += transform[k][j] * v[o + j * stride];
            }
            double a = 2.0 / DEGREE * s;
            c[k] = k == 0 || k == DEGREE ? a / 2 : a;
        }
    }

    @Override
    public void exact(double t0, double t1, DenseOutput solution) {
        add(t0, t1, -1, solution);
    }

    /** A stretch where nothing changes from the zero state (nothing dosed yet, nothing produced). */
    void zero(double t0, double t1) {
        // kept as a polynomial (of zeros): read, searched and integrated as the steps are
        step(t0, t1, new DenseOutput() {
            @Override
            public void state(double t, double[] out, int at) {
                Arrays.fill(out, at, at + n, 0.0);
            }

            @Override
            public void derivative(double t, double[] out, int at) {
                Arrays.fill(out, at, at + n, 0.0);
            }
        });
    }

    /** The piece holding t: the last one that starts at or before t (after a dose, the state after it). */
    private int piece(double t) {
        if (size == 0 || !(t >= start[0] && t <= end[size - 1])) {
            throw new IllegalArgumentException("t = " + t + " h is outside the simulated span " + from() + " to " + to()
                + " h");
        }
        int k = Arrays.binarySearch(start, 0, size, t);
        if (k >= 0) {
            while (k + 1 < size && start[k + 1] == t) {
                k++; // zero-length pieces at one time: the last
            }
            return k;
        }
        return Math.max(0, -k - 2);
    }

    /** The state at time t into {@code out[0..n)}. */
    void state(double t, double[] out) {
        int k = piece(t);
        state(k, t, out);
    }

    private void state(int k, double t, double[] out) {
        if (nodesAt[k] < 0) {
            exact.get(-1 - nodesAt[k]).state(t, out, 0);
            return;
        }
        double x = span(k) == 0 ? -1 : 2 * (t - start[k]) / span(k) - 1;
        double[] c = new double[DEGREE + 1];
        for (int i = 0; i < n; i++) {
            chebyshev(nodes, nodesAt[k] + i, n, c);
            out[i] = clenshaw(c, 0, x);
        }
    }

    private void derivative(int k, double t, double[] y, double[] out) {
        if (nodesAt[k] < 0) {
            exact.get(-1 - nodesAt[k]).derivative(t, out, 0);
            return;
        }
        double h = span(k);
        double x = h == 0 ? -1 : 2 * (t - start[k]) / h - 1;
        double[] c = new double[DEGREE + 1];
        double[] d = new double[DEGREE];
        for (int i = 0; i < n; i++) {
            chebyshev(nodes, nodesAt[k] + i, n, c);
            derivativeCoefficients(c, 0, d);
            out[i] = h == 0 ? 0 : derivativeSum(d, x) * 2 / h;
        }
    }

    /** The derivative's Chebyshev coefficients (in x) of the series at {@code c[o..o+5]}: d_{k−1} = d_{k+1} + 2k·c_k, d_0 halved. */
    private static void derivativeCoefficients(double[] c, int o, double[] d) {
        Arrays.fill(d, 0);
        for (int m = DEGREE; m >= 1; m--) {
            d[m - 1] = (m + 1 < DEGREE ? d[m + 1] : 0) + 2 * m * c[o + m];
        }
        d[0] /= 2;
    }

    /** Σ d_k T_k(x), k &lt; 5, by Clenshaw's recurrence. */
    private static double derivativeSum(double[] d, double x) {
        double b1 = 0;
        double b2 = 0;
        for (int m = DEGREE - 1; m >= 1; m--) {
            double b0 = d[m] + 2 * x * b1 - b2;
            b2 = b1;
            b1 = b0;
        }
        return d[0] + x * b1 - b2;
    }

    private double span(int k) {
        return end[k] - start[k];
    }

    /** Σ c_k T_k(x) by Clenshaw's recurrence. */
    private static double clenshaw(double[] c, int o, double x) {
        double b1 = 0;
        double b2 = 0;
        for (int m = DEGREE; m >= 1; m--) {
            double b0 = c[o + m] + 2 * x * b1 - b2;
            b2 = b1;
            b1 = b0;
        }
        return c[o] + x * b1 - b2;
    }

    /** A quantity's value at time t. */
    double value(Quantity q, double t) {
        double[] y = new double[n];
        state(t, y);
        return q.value(y, t);
    }

    /** A quantity's time derivative at time t (h), from the piece holding t. */
    double slope(Quantity q, double t) {
        return slope(q, piece(t), t, new double[n], new double[n]);
    }

    /** A quantity's time derivative at time t (within piece k). */
    private double slope(Quantity q, int k, double t, double[] y, double[] dy) {
        state(k, t, y);
        derivative(k, t, y, dy);
        return q.derivative(y, dy, t);
    }

    /**
     * The largest value of a quantity over the whole span and its time: {time, value}. The earliest of
     * equal maxima.
     */
    double[] maximum(Quantity q) {
        Probe general = new StateProbe(q);
        Probe single = q.linear() != null ? new PolynomialProbe(q.linear()) : general;
        double bestT = Double.NaN;
        double best = Double.NEGATIVE_INFINITY;
        BrentSolver brent = new BrentSolver(1e-14, 1e-12);
        for (int k = 0; k < size; k++) {
            Probe p = nodesAt[k] >= 0 ? single : general;
            p.piece(k);
            if (p.bound() <= best) {
                continue; // no value of this piece can beat the best: sampling it would change nothing
            }
            p.prepare();
            int count = samples(k);
            double prevT = start[k];
            p.at(prevT);
            double prevSlope = p.slope;
            if (p.value > best) {
                best = p.value;
                bestT = prevT;
            }
            for (int j = 1; j <= count; j++) {
                double t = sampleTime(k, j, count);
                p.at(t);
                double s = p.slope;
                if (p.value > best) {
                    best = p.value;
                    bestT = t;
                }
                if (prevSlope > 0 && s <= 0) {
                    double root;
                    try {
                        root = s == 0 ? t : brent.solve(200, p, prevT, t);
                    } catch (RuntimeException noRoot) {
                        root = t;
                    }
                    p.at(root);
                    if (p.value > best) {
                        best = p.value;
                        bestT = root;
                    }
                }
                prevT = t;
                prevSlope = s;
            }
        }
        return new double[] {bestT, best};
    }

    /**
     * {∫ q dt, ∫ t·q dt} of a linear quantity from {@code from} to {@code to} (h), integrating each
     * step's polynomial exactly (its Chebyshev series term by term); null when an exact stretch of
     * positive length lies in between (its solution is no polynomial: the caller integrates otherwise).
     */
    double[] integrals(Linear q, double from, double to) {
        double area = 0;
        double moment = 0;
        double[] values = new double[DEGREE + 1];
        double[] c = new double[DEGREE + 2];
        double[] xc = new double[DEGREE + 2];
        double[] anti = new double[DEGREE + 3];
        for (int k = 0; k < size; k++) {
            double a = Math.max(from, start[k]);
            double b = Math.min(to, end[k]);
            if (!(b > a)) {
                continue;
            }
            if (nodesAt[k] < 0) {
                return null;
            }
            combine(q, nodesAt[k], values);
            double h = span(k);
            if (a == start[k] && b == end[k]) {
                // a whole step: ∫ p dx and ∫ x p dx over [−1, 1] are fixed combinations of the node values
                double ip = 0;
                double ixp = 0;
                for (int j = 0; j <= DEGREE; j++) {
                    ip += AREA_WEIGHTS[j] * values[j];
                    ixp += MOMENT_WEIGHTS[j] * values[j];
                }
                area += h / 2 * ip;
                moment += h / 2 * ((start[k] + h / 2) * ip + h / 2 * ixp);
                continue;
            }
            chebyshev(values, 0, 1, c);
            c[DEGREE + 1] = 0;
            double xa = 2 * (a - start[k]) / h - 1;
            double xb = 2 * (b - start[k]) / h - 1;
            // t = t0 + h(x + 1)/2, dt = h/2 dx: ∫ q dt = h/2 ∫ p dx, ∫ t q dt = h/2 [(t0 + h/2) ∫ p dx + h/2 ∫ x p dx]
            double ip = definite(c, DEGREE, anti, xa, xb);
            timesX(c, DEGREE, xc);
            double ixp = definite(xc, DEGREE + 1, anti, xa, xb);
            area += h / 2 * ip;
            moment += h / 2 * ((start[k] + h / 2) * ip + h / 2 * ixp);
        }
        return new double[] {area, moment};
    }

    /** The linear quantity's values at the six nodes of the polynomial piece whose nodes start at {@code o}. */
    private void combine(Linear q, int o, double[] values) {
        int[] states = q.states();
        double[] weights = q.weights();
        for (int j = 0; j <= DEGREE; j++) {
            double v = q.constant();
            for (int i = 0; i < states.length; i++) {
                v += weights[i] * nodes[o + j * n + states[i]];
            }
            values[j] = v;
        }
    }

    /** The coefficients of x·Σ c_k T_k (degree d + 1) from those of degree d: x T_k = (T_{k+1} + T_{|k−1|})/2. */
    private static void timesX(double[] c, int d, double[] out) {
        Arrays.fill(out, 0, d + 2, 0.0);
        out[1] += c[0];
        for (int k = 1; k <= d; k++) {
            out[k + 1] += c[k] / 2;
            out[k - 1] += c[k] / 2;
        }
    }

    /**
     * ∫ Σ c_k T_k dx from xa to xb (degree d): the antiderivative's coefficients C_1 = c_0 − c_2/2,
     * C_k = (c_{k−1} − c_{k+1})/(2k) for k ≥ 2, evaluated at both ends by Clenshaw's recurrence.
     */
    private static double definite(double[] c, int d, double[] anti, double xa, double xb) {
        anti[0] = 0;
        for (int k = 1; k <= d + 1; k++) {
            double prev = k == 1 ? 2 * c[0] : c[k - 1];
            double next = k + 1 <= d ? c[k + 1] : 0;
            anti[k] = (prev - next) / (2 * k);
        }
        return series(anti, d + 1, xb) - series(anti, d + 1, xa);
    }

    /** Σ c_k T_k(x), k ≤ d, by Clenshaw's recurrence. */
    private static double series(double[] c, int d, double x) {
        double b1 = 0;
        double b2 = 0;
        for (int m = d; m >= 1; m--) {
            double b0 = c[m] + 2 * x * b1 - b2;
            b2 = b1;
            b1 = b0;
        }
        return c[0] + x * b1 - b2;
    }

    /** A quantity's value and slope at a time of one piece, as the maximum search reads them; as a function, the slope. */
    private abstract static class Probe implements UnivariateFunction {
        double value;
        double slope;

        abstract void piece(int k);

        abstract void at(double t);

        /** An upper bound of the quantity on the current piece (+∞ when none is known). */
        double bound() {
            return Double.POSITIVE_INFINITY;
        }

        /** Makes the piece ready for {@link #at} once it is to be searched. */
        void prepare() {
        }

        @Override
        public double value(double t) {
            at(t);
            return slope;
        }
    }

    /** Any quantity: the whole state and its derivative at t, then the quantity of them. */
    private final class StateProbe extends Probe {
        private final Quantity q;
        private final double[] y = new double[n];
        private final double[] dy = new double[n];
        private int k;

        StateProbe(Quantity q) {
            this.q = q;
        }

        @Override
        void piece(int piece) {
            k = piece;
        }

        @Override
        void at(double t) {
            slope = slope(q, k, t, y, dy);
            value = q.value(y, t);
        }
    }

    /**
     * A linear quantity on a polynomial piece: the Chebyshev series of its combination of states and that
     * of its derivative, evaluated as {@link #state} and {@link #derivative} evaluate one state.
     */
    private final class PolynomialProbe extends Probe {
        private final Linear q;
        private final double[] values = new double[DEGREE + 1];
        private final double[] c = new double[DEGREE + 1];
        private final double[] d = new double[DEGREE];
        private double t0;
        private double h;

        PolynomialProbe(Linear q) {
            this.q = q;
        }

        @Override
        void piece(int k) {
            t0 = start[k];
            h = span(k);
            combine(q, nodesAt[k], values);
        }

        @Override
        void prepare() {
            chebyshev(values, 0, 1, c);
            derivativeCoefficients(c, 0, d);
        }

        /**
         * The interpolant of node values v_j with largest M and smallest m: p − M = Σ (v_j − M)·l_j, so
         * p ≤ M + Λ·(M − m), Λ = max Σ|l_j| the Lebesgue constant of the 6 Chebyshev–Lobatto points
         * (1.9889; 2.5 taken), widened by far more than the rounding of evaluating p, so that no value the
         * piece's samples or roots compute can exceed it.
         */
        @Override
        double bound() {
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (double v : values) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
            return max + 2.5 * (max - min) + 1e-12 * Math.max(Math.abs(max), Math.abs(min));
        }

        @Override
        void at(double t) {
            double x = h == 0 ? -1 : 2 * (t - t0) / h - 1;
            value = clenshaw(c, 0, x);
            slope = h == 0 ? 0 : derivativeSum(d, x) * 2 / h;
        }
    }

    /** Geometric samples of an exact stretch after its start: from 1e-9 of its length up by {@link #RATIO}. */
    private static final int GEOMETRIC = (int) Math.ceil(Math.log(1e9) / Math.log(RATIO)) + 1;

    /** How many intervals piece k is sampled in for maxima (its samples are 0..count). */
    private int samples(int k) {
        return span(k) == 0 ? 0 : nodesAt[k] >= 0 ? SAMPLES : GEOMETRIC;
    }

    /**
     * Sample j of piece k: evenly for a step; geometrically from the start for an exact stretch (a sum
     * of exponentials, whose features scale with its time constants: geometric sampling from 1e-9 of
     * the stretch resolves them at every scale).
     */
    private double sampleTime(int k, int j, int count) {
        if (j == 0) {
            return start[k];
        }
        if (j == count) {
            return end[k];
        }
        return nodesAt[k] >= 0 ? start[k] + span(k) * j / SAMPLES : start[k] + span(k) * Math.pow(RATIO, j - count);
    }

    /** The number of pieces (for tests). */
    int pieces() {
        return size;
    }
}
