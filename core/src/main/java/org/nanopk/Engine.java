package org.nanopk;

import java.util.Arrays;
import java.util.PriorityQueue;

import org.nanopk.internal.Budget;
import org.nanopk.internal.Checks;
import org.nanopk.solve.Integrator;
import org.nanopk.solve.Solver;
import org.nanopk.solve.SolverException;
import org.nanopk.solve.SolverStats;

/**
 * The dosing engine: walks through dose records and output times in NONMEM's order, integrating the
 * model between discontinuities. A bolus is a jump in the state; an infusion start or end changes the
 * zero-order input; each is a breakpoint where the integrator restarts.
 *
 * <p>Records are given as parallel arrays in processing order: {@code times[i]}, and {@code doses[i]}
 * (null for an output time). Implied events (additional doses, lagged doses, infusion ends) that fall
 * at or before the time of the next record are applied first, so that doses landing exactly on an
 * output time enter before that output.
 */
final class Engine {

    /** One row per reported record; states are flat, {@code stateCount} per row. */
    record Result(double[] times, double[] states, int stateCount, double[] dosed, int[] evid, double totalDosed,
                  SolverStats stats, int steadyStateCycles) {
    }

    /** Most implied events waiting at once: bounds the memory a regimen can claim (about 64 bytes each). */
    static final int MAX_PENDING = 4_000_000;

    private static final int BOLUS = 0;
    private static final int INFUSION_START = 1;
    private static final int INFUSION_STOP = 2;

    /** An implied event waiting for its time. */
    private record Event(double time, long seq, int kind, int compartment, double amount, double rate,
                         double duration) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Double.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final Kinetics kin;
    private final CompiledModel cm;
    private final ModelSystem sys;
    private final Integrator integrator;
    /** Where the continuous solution is recorded, or null. */
    private Trajectory path;
    private final Solver solver;
    private int steadyStateCycles;
    /** Rows recorded so far (rows are recorded in time order). */
    private int rowsDone;
    private final int n;
    private final double[] y;
    private final PriorityQueue<Event> pending = new PriorityQueue<>();
    /** Running infusions per compartment: their number and their rates (amount/h). */
    private final int[] running;
    private final double[][] rates;
    private long seq;
    private double t;
    private double dosed;
    private double totalDosed;
    private final double[] times;
    private final int[] rowOf;
    private final double[] rows;
    private final double[] rowDosed;

    private Engine(Kinetics kin, double[] times, Dose[] doses, boolean[] report, Solver solver) {
        this.kin = kin;
        this.cm = kin.model();
        this.sys = kin.newSystem();
        this.n = cm.stateCount();
        this.y = new double[n];
        this.running = new int[cm.compartmentCount()];
        this.rates = new double[cm.compartmentCount()][0];
        this.times = times;
        this.rowOf = new int[times.length];
        int rowCount = 0;
        for (int i = 0; i < times.length; i++) {
            rowOf[i] = doses[i] == null || report[i] ? rowCount++ : -1;
        }
        // the rows, and the outputs a simulation evaluates from them
        long values = (long) rowCount * (n + cm.outputs().size() + 1);
        Budget.require(8.0 * values + 8.0 * rowCount * n, rowCount + " output rows × " + (n + cm.outputs().size())
            + " columns", "ask for fewer output times");
        this.rows = new double[rowCount * n];
        this.rowDosed = new double[rowCount];
        double horizon = times.length == 0 ? 0 : times[times.length - 1];
        // atol is in %ID of the largest dose, so results do not depend on the amount unit (mg or ng)
        double scale = doseScale(doses) / 100;
        Solver scaled = scale == 1 ? solver
            : solver.withTolerances(solver.relativeTolerance(), solver.absoluteTolerance() * scale);
        this.integrator = scaled.integrator(sys, Math.max(horizon, 1e-9));
        this.solver = scaled;
    }

    /** The largest amount a record doses (F·AMT, or a steady infusion's rate over 1 h); 100 if none. */
    private double doseScale(Dose[] doses) {
        double max = 0;
        for (Dose d : doses) {
            if (d != null && d.givesDose()) {
                int c = cm.compartmentIndex(d.compartment());
                double f = c >= 0 ? kin.bioavailability(c) : 1;
                if (!Double.isFinite(f * d.amount())) {
                    throw new IllegalArgumentException("dose into '" + d.compartment() + "' at " + Checks.g(d.time())
                        + " h: F·AMT = " + Checks.g(f) + " × " + Checks.g(d.amount()) + " overflows; expected a "
                        + "finite amount (check the bioavailability F)");
                }
                max = Math.max(max, d.amount() > 0 ? f * d.amount() : Math.max(d.rate(), 0));
            }
        }
        return max > 0 ? max : 100;
    }

    /**
     * Simulates the records; validates every dose against the model first.
     *
     * @param times record times, non-decreasing
     * @param doses the dose record at each time, or null for an output time
     * @param report whether a dose record gets a row of its own (output times always do)
     */
    static Result run(Model model, double[] times, Dose[] doses, boolean[] report, Solver solver) {
        return run(model, times, doses, report, solver, null);
    }

    /** As {@link #run(Model, double[], Dose[], boolean[], Solver)}, recording the continuous solution into {@code path}. */
    static Result run(Model model, double[] times, Dose[] doses, boolean[] report, Solver solver, Trajectory path) {
        Kinetics kin = model.kinetics();
        for (Dose d : doses) {
            if (d != null && d.givesDose() && kin.model().compartmentIndex(d.compartment()) < 0) {
                throw new IllegalArgumentException("dose into '" + d.compartment() + "': " + Checks.unknown(
                    "compartment", d.compartment(), kin.model().compartments()).getMessage());
            }
        }
        Engine e = new Engine(kin, times, doses, report, solver);
        e.path = path;
        e.integrator.listen(path);
        try {
            e.process(doses, report);
        } catch (SolverException failure) {
            throw new Failure(failure, e.result(times, doses, e.rowsDone));
        }
        return e.result(times, doses, e.rowDosed.length);
    }

    /** A numerical failure with the rows recorded before it. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Result partial;

        Failure(SolverException cause, Result partial) {
            super(cause.getMessage(), cause, false, false);
            this.partial = partial;
        }

        SolverException cause() {
            return (SolverException) getCause();
        }
    }

    /** The first {@code rowCount} rows as a result. */
    private Result result(double[] times, Dose[] doses, int rowCount) {
        double[] rowTimes = new double[rowCount];
        int[] evid = new int[rowCount];
        for (int i = 0; i < times.length; i++) {
            int r = rowOf[i];
            if (r >= 0 && r < rowCount) {
                rowTimes[r] = times[i];
                evid[r] = doses[i] == null ? 0 : doses[i].kind().evid();
            }
        }
        boolean all = rowCount == rowDosed.length;
        return new Result(rowTimes, all ? rows : Arrays.copyOf(rows, rowCount * n), n,
            all ? rowDosed : Arrays.copyOf(rowDosed, rowCount), evid, totalDosed, integrator.stats(),
            steadyStateCycles);
    }

    private void process(Dose[] doses, boolean[] report) {
        int i = 0;
        int count = times.length;
        while (i < count) {
            if (doses[i] == null) {
                int j = i;
                while (j + 1 < count && doses[j + 1] == null) {
                    j++;
                }
                advance(times[j], i, j + 1);
                i = j + 1;
            } else {
                advance(times[i], i, i);
                apply(doses[i]);
                flush(t);
                if (report[i]) {
                    record(i);
                }
                i++;
            }
        }
    }

    private void record(int i) {
        int r = rowOf[i];
        rowsDone = Math.max(rowsDone, r + 1);
        System.arraycopy(y, 0, rows, r * n, n);
        rowDosed[r] = dosed;
    }

    /** Integrates to {@code target}, applying due events, filling the output rows of records [k, end). */
    private void advance(double target, int k, int end) {
        while (true) {
            double next = pending.isEmpty() ? Double.POSITIVE_INFINITY : pending.peek().time();
            if (next <= target) {
                int stop = k;
                while (stop < end && times[stop] < next) {
                    stop++;
                }
                segment(next, k, stop);
                k = stop;
                flush(next);
            } else {
                segment(target, k, end);
                return;
            }
        }
    }

    /** Integrates from t to t1 with the current inputs; outputs of records [k, end) in [t, t1] are filled. */
    private void segment(double t1, int k, int end) {
        while (k < end && times[k] <= t) {
            record(k++);
        }
        if (t1 <= t) {
            return;
        }
        double input = sys.totalInput();
        boolean quiet = input == 0 && cm.isQuietAtZero() && allZero();
        if (quiet && path != null) {
            path.zero(t, t1);
        }
        if (k < end) {
            int first = rowOf[k];
            if (quiet) {
                // all amounts zero, nothing flowing in, and every rate law gives 0 at zero amounts
                Arrays.fill(rows, first * n, (first + end - k) * n, 0.0);
            } else {
                try {
                    integrator.integrate(t, y, t1, times, k, end, rows, first * n);
                } catch (SolverException failure) {
                    // the rows before the failure time were written: keep them as the partial result
                    for (int r = k; r < end && times[r] < failure.time(); r++) {
                        rowDosed[rowOf[r]] = dosed + input * (times[r] - t);
                        rowsDone = rowOf[r] + 1;
                    }
                    throw failure;
                }
            }
            for (int r = k; r < end; r++) {
                rowDosed[rowOf[r]] = dosed + input * (times[r] - t);
            }
        } else if (!quiet) {
            integrator.integrate(t, y, t1, times, k, k, rows, 0);
        }
        dosed += input * (t1 - t);
        totalDosed += input * (t1 - t);
        t = t1;
    }

    private boolean allZero() {
        for (double v : y) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** Applies every pending event due at or before {@code now}. */
    private void flush(double now) {
        while (!pending.isEmpty() && pending.peek().time() <= now) {
            Event e = pending.poll();
            int c = e.compartment();
            if (e.kind() == BOLUS) {
                y[c] += e.amount();
                dosed += e.amount();
                totalDosed += e.amount();
            } else if (e.kind() == INFUSION_START) {
                // the end time as doubles can represent it; the rate is set so that exactly the amount
                // enters over the represented span
                double end = e.time() + e.duration();
                double span = end - e.time();
                if (!(span > 0)) {
                    throw new IllegalArgumentException("infusion into '" + cm.compartments().get(c) + "' at "
                        + Checks.g(e.time()) + " h over " + e.duration() + " h: that duration cannot be represented "
                        + "at this time (times there are " + Checks.g(Math.ulp(e.time())) + " h apart); give it as a bolus or "
                        + "over a longer time");
                }
                double rate = e.amount() / span;
                startInfusion(c, rate);
                schedule(end, INFUSION_STOP, c, 0, rate, 0);
            } else {
                stopInfusion(c, e.rate());
            }
        }
    }

    private void schedule(double time, int kind, int c, double amount, double rate, double duration) {
        if (pending.size() >= MAX_PENDING) {
            throw new IllegalArgumentException("more than " + MAX_PENDING + " dose events pending at t = "
                + Checks.g(t) + " h (additional doses, infusion ends): expected fewer additional doses (ADDL)");
        }
        pending.add(new Event(time, seq++, kind, c, amount, rate, duration));
    }

    /** All amounts to zero, infusions and pending doses cancelled (EVID 3). */
    private void reset() {
        Arrays.fill(y, 0.0);
        pending.clear();
        Arrays.fill(running, 0);
        for (int c = 0; c < running.length; c++) {
            sys.setInput(c, 0);
        }
        dosed = 0;
    }

    /**
     * The input into a compartment is the sum of its running infusions' rates, summed anew at every
     * start and stop: subtracting a stopped rate from a running total would leave the round-off of a
     * large rate (a short infusion) in the rates that keep running.
     */
    private void startInfusion(int c, double rate) {
        if (running[c] == rates[c].length) {
            rates[c] = Arrays.copyOf(rates[c], Math.max(4, 2 * running[c]));
        }
        rates[c][running[c]++] = rate;
        sys.setInput(c, sumOfRates(c));
    }

    private void stopInfusion(int c, double rate) {
        double[] r = rates[c];
        for (int i = 0; i < running[c]; i++) {
            if (r[i] == rate) {
                r[i] = r[--running[c]];
                break;
            }
        }
        sys.setInput(c, sumOfRates(c));
    }

    private double sumOfRates(int c) {
        double s = 0;
        for (int i = 0; i < running[c]; i++) {
            s += rates[c][i];
        }
        return s;
    }

    private void apply(Dose d) {
        if (d.kind() != Dose.Kind.DOSE) {
            reset();
        }
        if (!d.givesDose()) {
            return;
        }
        int c = cm.compartmentIndex(d.compartment());
        if (d.steadyState() != 0) {
            if (d.interval() == 0) {
                steadyInfusion(d, c);
            } else {
                steadyTrain(d, c);
            }
            return;
        }
        double amount = kin.bioavailability(c) * d.amount();
        if (amount == 0) {
            return;
        }
        double lag = kin.lag(c);
        double[] shape = d.isBolus() ? null : infusionShape(d, c, amount);
        for (int k = 0; k <= d.additional(); k++) {
            administer(d.time() + k * d.interval() + lag, c, amount, shape);
        }
    }

    private void administer(double when, int c, double amount, double[] shape) {
        if (shape == null) {
            schedule(when, BOLUS, c, amount, 0, 0);
        } else {
            schedule(when, INFUSION_START, c, amount, shape[0], shape[1]);
        }
    }

    /**
     * SS = 1 or 2 with an interval: the steady state of an infinite train of this dose every II
     * (F, lag and infusion duration included), the record's own dose being the last of the train.
     * Train doses before the record time are in the steady state; their infusions still running at the
     * record time keep running; train doses at or after it (a lag longer than II) are scheduled.
     */
    private void steadyTrain(Dose d, int c) {
        double tau = d.interval();
        double amount = kin.bioavailability(c) * d.amount();
        double lag = kin.lag(c);
        double[] shape = d.isBolus() || amount == 0 ? null : infusionShape(d, c, amount);
        double[] bolus = new double[n];
        double[] r1 = new double[n];
        double[] r2 = new double[n];
        double split = tau;
        if (shape == null) {
            bolus[c] = amount;
        } else {
            // within a cycle, floor(D/τ)+1 infusions run on [0, D mod τ) and floor(D/τ) after
            double dur = shape[1];
            double q = Math.floor(dur / tau);
            double rem = dur - q * tau;
            if (rem <= 1e-12 * tau) {
                r1[c] = q * shape[0];
            } else {
                split = rem;
                r1[c] = (q + 1) * shape[0];
                r2[c] = q * shape[0];
            }
        }
        int future = (int) Math.floor(lag / tau + 1e-12); // train doses k = 1..future fall at or after TIME
        double phase = (future + 1) * tau - lag;
        org.nanopk.solve.SteadyState.Result ss;
        try {
            ss = org.nanopk.solve.SteadyState.periodic(kin.newSystem(), cm.accumulators(),
                new org.nanopk.solve.SteadyState.Cycle(tau, bolus, split, r1, r2), phase, solver,
                solver.maxSteadyStateCycles());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dose into '" + d.compartment() + "' at " + d.time() + " h (SS = "
                + d.steadyState() + "): " + e.getMessage(), e);
        }
        steadyStateCycles += ss.cycles();
        if (d.steadyState() == 1) {
            reset();
        }
        double added = 0;
        for (int i = 0; i < n; i++) {
            y[i] += ss.state()[i];
            if (i < running.length) {
                added += ss.state()[i];
            }
        }
        dosed += added;
        totalDosed += added;
        if (shape != null) {
            // infusions of earlier train doses still running at TIME keep running
            for (int k = future + 1; k * tau - lag < shape[1]; k++) {
                double end = d.time() + lag - k * tau + shape[1];
                startInfusion(c, shape[0]);
                schedule(end, INFUSION_STOP, c, 0, shape[0], 0);
            }
        }
        for (int k = future; k >= 1; k--) {
            administer(d.time() + lag - k * tau, c, amount, shape);
        }
        for (int k = 0; k <= d.additional(); k++) {
            administer(d.time() + k * tau + lag, c, amount, shape);
        }
    }

    /**
     * SS = 1 with AMT = 0 and II = 0: the system starts at the steady state of a constant infusion at
     * RATE (or the modelled rate for RATE = -1, or no input for RATE = 0), which stops at the record time.
     * Bioavailability does not apply: there is no amount to scale.
     */
    private void steadyInfusion(Dose d, int c) {
        String where = "dose into '" + d.compartment() + "' at " + d.time() + " h";
        if (d.steadyState() != 1) {
            throw new IllegalArgumentException(where + ": a steady-state constant infusion (interval 0) needs SS = 1, "
                + "got SS = " + d.steadyState());
        }
        if (d.additional() > 0) {
            throw new IllegalArgumentException(where + ": a steady-state constant infusion cannot have additional "
                + "doses (ADDL = " + d.additional() + ")");
        }
        double rate;
        if (d.rate() == Dose.MODELLED_RATE) {
            rate = kin.modelledRate(c);
            if (Double.isNaN(rate)) {
                throw new IllegalArgumentException(where + " has RATE = -1 (rate modelled), but compartment '"
                    + d.compartment() + "' has no modelled rate; give the compartment a rate");
            }
        } else if (d.rate() == Dose.MODELLED_DURATION) {
            throw new IllegalArgumentException(where + ": a steady-state constant infusion cannot have RATE = -2 "
                + "(there is no amount whose duration could be modelled); give a rate");
        } else {
            rate = d.rate();
        }
        double[] rates = new double[n];
        rates[c] = rate;
        org.nanopk.solve.SteadyState.Result ss;
        try {
            ss = org.nanopk.solve.SteadyState.constant(kin.newSystem(), cm.accumulators(), rates, solver, 200);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " (SS = 1, constant infusion): " + e.getMessage(), e);
        }
        steadyStateCycles += ss.cycles();
        reset();
        double added = 0;
        for (int i = 0; i < n; i++) {
            y[i] = ss.state()[i];
            if (i < running.length) {
                added += y[i];
            }
        }
        dosed = added;
        totalDosed += added;
    }

    /** {rate, duration} of an infusion of {@code amount} (F already applied), per NONMEM's RATE rules. */
    private double[] infusionShape(Dose d, int c, double amount) {
        String where = "dose into '" + d.compartment() + "' at " + d.time() + " h";
        if (d.duration() > 0) {
            return new double[] {amount / d.duration(), d.duration()};
        }
        if (d.rate() > 0) {
            return new double[] {d.rate(), amount / d.rate()};
        }
        if (d.rate() == Dose.MODELLED_DURATION) {
            double dur = kin.modelledDuration(c);
            if (Double.isNaN(dur)) {
                throw new IllegalArgumentException(where + " has RATE = -2 (duration modelled), but compartment '"
                    + d.compartment() + "' has no modelled duration; give the compartment a duration");
            }
            return new double[] {amount / dur, dur};
        }
        double rate = kin.modelledRate(c);
        if (Double.isNaN(rate)) {
            throw new IllegalArgumentException(where + " has RATE = -1 (rate modelled), but compartment '"
                + d.compartment() + "' has no modelled rate; give the compartment a rate");
        }
        return new double[] {rate, amount / rate};
    }
}
