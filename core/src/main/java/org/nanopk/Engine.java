package org.nanopk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

import org.nanopk.internal.CompiledModel;
import org.nanopk.internal.Kinetics;
import org.nanopk.internal.ModelSystem;
import org.nanopk.solve.Integrator;
import org.nanopk.solve.Solver;

/**
 * The dosing engine: walks through dose records and output times in NONMEM's order, integrating the
 * model between discontinuities. A bolus is a jump in the state; an infusion start or end changes the
 * zero-order input; each is a breakpoint where the integrator restarts.
 *
 * <p>Order: records are processed in the given order (time-sorted); implied events (additional doses,
 * lagged doses, infusion ends) that fall at or before the time of the next record are applied first,
 * so that doses landing exactly on an observation time enter before that observation.
 */
final class Engine {

    /** One record to process: a dose record, or an output time. */
    record Item(double time, Dose dose, boolean report, int evid) {
        static Item observe(double time) {
            return new Item(time, null, true, 0);
        }

        static Item dose(Dose dose, boolean report) {
            return new Item(dose.time(), dose, report, dose.kind().evid());
        }

        boolean isObservation() {
            return dose == null;
        }
    }

    /** What the engine produces: one row per reported item. */
    record Result(double[] times, double[][] states, double[] dosed, int[] evid, double totalDosed,
                  org.nanopk.solve.SolverStats stats) {
    }

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

    private final Model model;
    private final Kinetics kin;
    private final CompiledModel cm;
    private final ModelSystem sys;
    private final Integrator integrator;
    private final int n;
    private final double[] y;
    private final PriorityQueue<Event> pending = new PriorityQueue<>();
    private final int[] running;
    private long seq;
    private double t;
    private double dosed;
    private double totalDosed;
    private final double[] itemTimes;
    private final double[][] rows;
    private final double[] rowDosed;

    private Engine(Model model, List<Item> items, Solver solver) {
        this.model = model;
        this.kin = model.kinetics();
        this.cm = kin.model();
        this.sys = kin.newSystem();
        this.n = cm.stateCount();
        this.y = new double[n];
        this.running = new int[cm.compartmentCount()];
        double horizon = 0;
        for (Item it : items) {
            horizon = Math.max(horizon, it.time());
        }
        this.integrator = solver.integrator(sys, Math.max(horizon, 1e-9));
        this.itemTimes = new double[items.size()];
        this.rows = new double[items.size()][];
        this.rowDosed = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            itemTimes[i] = items.get(i).time();
            if (items.get(i).report()) {
                rows[i] = new double[n];
            }
        }
    }

    /** Simulates the model's response to the records; validates every dose against the model first. */
    static Result run(Model model, List<Item> items, Solver solver) {
        for (Item it : items) {
            if (it.dose() != null && it.dose().givesDose()) {
                String c = it.dose().compartment();
                if (model.kinetics().model().compartmentIndex(c) < 0) {
                    throw new IllegalArgumentException("dose into '" + c + "': "
                        + org.nanopk.internal.Checks.unknown("compartment", c,
                            model.kinetics().model().compartments()).getMessage());
                }
            }
        }
        Engine e = new Engine(model, items, solver);
        e.process(items);
        List<Integer> reported = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).report()) {
                reported.add(i);
            }
        }
        int m = reported.size();
        double[] times = new double[m];
        double[][] states = new double[m][];
        double[] dosedOut = new double[m];
        int[] evid = new int[m];
        for (int r = 0; r < m; r++) {
            int i = reported.get(r);
            times[r] = items.get(i).time();
            states[r] = e.rows[i];
            dosedOut[r] = e.rowDosed[i];
            evid[r] = items.get(i).evid();
        }
        return new Result(times, states, dosedOut, evid, e.totalDosed, e.integrator.stats());
    }

    private void process(List<Item> items) {
        int i = 0;
        while (i < items.size()) {
            Item it = items.get(i);
            if (it.isObservation()) {
                int j = i;
                while (j + 1 < items.size() && items.get(j + 1).isObservation()) {
                    j++;
                }
                advance(items.get(j).time(), i, j + 1);
                i = j + 1;
            } else {
                advance(it.time(), i, i);
                apply(it.dose());
                flush(t);
                if (it.report()) {
                    record(i);
                }
                i++;
            }
        }
    }

    private void record(int i) {
        System.arraycopy(y, 0, rows[i], 0, n);
        rowDosed[i] = dosed;
    }

    /** Integrates to {@code target}, applying due events, filling output rows [k, end). */
    private void advance(double target, int k, int end) {
        while (true) {
            double next = pending.isEmpty() ? Double.POSITIVE_INFINITY : pending.peek().time();
            if (next <= target) {
                int stop = k;
                while (stop < end && itemTimes[stop] < next) {
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

    /** Integrates from t to t1 with the current inputs; outputs in [t, t1] are filled. */
    private void segment(double t1, int k, int end) {
        while (k < end && itemTimes[k] <= t) {
            record(k++);
        }
        if (t1 <= t) {
            return;
        }
        double input = sys.totalInput();
        if (input == 0 && cm.isQuietAtZero() && !hasNonZero()) {
            // all amounts zero, nothing flowing in, and every rate law gives 0 at zero amounts
            for (int r = k; r < end; r++) {
                Arrays.fill(rows[r], 0.0);
                rowDosed[r] = dosed;
            }
        } else {
            integrator.integrate(t, y, t1, itemTimes, k, end, rows);
            for (int r = k; r < end; r++) {
                rowDosed[r] = dosed + input * (itemTimes[r] - t);
            }
        }
        dosed += input * (t1 - t);
        totalDosed += input * (t1 - t);
        t = t1;
    }

    private boolean hasNonZero() {
        for (double v : y) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    /** Applies every pending event due at or before {@code now}. */
    private void flush(double now) {
        while (!pending.isEmpty() && pending.peek().time() <= now) {
            Event e = pending.poll();
            switch (e.kind()) {
                case BOLUS -> {
                    y[e.compartment()] += e.amount();
                    dosed += e.amount();
                    totalDosed += e.amount();
                }
                case INFUSION_START -> {
                    int c = e.compartment();
                    running[c]++;
                    sys.setInput(c, sys.input(c) + e.rate());
                    schedule(e.time() + e.duration(), INFUSION_STOP, c, 0, e.rate(), 0);
                }
                default -> {
                    int c = e.compartment();
                    running[c]--;
                    sys.setInput(c, running[c] == 0 ? 0 : sys.input(c) - e.rate());
                }
            }
        }
    }

    private void schedule(double time, int kind, int c, double amount, double rate, double duration) {
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

    private void apply(Dose d) {
        if (d.kind() != Dose.Kind.DOSE) {
            reset();
        }
        if (!d.givesDose()) {
            return;
        }
        if (d.steadyState() != 0) {
            throw new IllegalArgumentException("dose into '" + d.compartment() + "' at " + d.time()
                + " h: steady state (SS = " + d.steadyState() + ") needs the steady-state engine");
        }
        int c = cm.compartmentIndex(d.compartment());
        double f = kin.bioavailability(c);
        double lag = kin.lag(c);
        double amount = f * d.amount();
        if (amount == 0) {
            return;
        }
        double[] shape = d.isBolus() ? null : infusionShape(d, c, amount);
        for (int k = 0; k <= d.additional(); k++) {
            double when = d.time() + k * d.interval() + lag;
            if (shape == null) {
                schedule(when, BOLUS, c, amount, 0, 0);
            } else {
                schedule(when, INFUSION_START, c, 0, shape[0], shape[1]);
            }
        }
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
