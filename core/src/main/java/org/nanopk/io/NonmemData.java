package org.nanopk.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVPrinter;
import org.nanopk.Compartment;
import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.Regimen;
import org.nanopk.Schedule;
import org.nanopk.Simulation;
import org.nanopk.internal.Checks;
import org.nanopk.internal.Csv;
import org.nanopk.internal.SafeFiles;
import org.nanopk.solve.Solver;

/**
 * A NONMEM-style data set: one row per record with columns ID, TIME, EVID, AMT, CMT, RATE, II, ADDL,
 * SS, DV, MDV (names in any case; all but TIME optional, missing values 0 or NONMEM's "."), and
 * optionally DUR (an infusion duration, as in rxode2). CMT is the 1-based position of a compartment in
 * the model. EVID 0 is an observation, 1 a dose, 2 another event (reported like an observation), 3 a
 * reset and 4 a reset then a dose; without an EVID column a row with AMT &gt; 0 is a dose. Subjects (IDs)
 * are simulated separately, each from an empty state at time 0, and their records in file order.
 */
public final class NonmemData {
    /** One record of the data set. */
    public record Row(int line, String id, double time, int evid, double amt, int cmt, double rate, double ii,
                      int addl, int ss, double dv, boolean mdv, double dur) {
    }

    private final String source;
    private final List<Row> rows;
    /** Subject IDs in order of appearance, and where each one's records start and end in {@link #rows}. */
    private final List<String> ids;
    private final Map<String, int[]> ranges;

    private NonmemData(String source, List<Row> rows) {
        this.source = source;
        this.rows = List.copyOf(rows);
        List<String> order = new ArrayList<>();
        Map<String, int[]> r = new HashMap<>();
        for (int i = 0; i < this.rows.size(); i++) {
            String id = this.rows.get(i).id();
            int[] range = r.get(id);
            if (range == null) {
                order.add(id);
                r.put(id, new int[] {i, i + 1});
            } else if (range[1] == i) {
                range[1] = i + 1;
            } else {
                throw new IllegalArgumentException(source + ": row " + this.rows.get(i).line() + ", column ID: subject "
                    + id + " appears again after other subjects; expected each subject's records together");
            }
        }
        this.ids = List.copyOf(order);
        this.ranges = r;
    }

    /** Reads a data file (UTF-8 CSV, at most 64 MB). */
    public static NonmemData read(Path file) {
        return from(CsvTable.read(file));
    }

    /** Parses CSV text. */
    public static NonmemData parse(String csv) {
        return from(CsvTable.parse(csv, "NONMEM data"));
    }

    /** The data set of a CSV table already read (see {@link #read}). */
    public static NonmemData of(CsvTable t) {
        return from(Checks.notNull("CSV table", t));
    }

    private static NonmemData from(CsvTable t) {
        int time = t.column("TIME");
        if (time < 0) {
            throw new IllegalArgumentException(t.source() + ": no TIME column; columns are " + t.header()
                + "; expected ID, TIME, EVID, AMT, CMT, RATE, II, ADDL, SS, DV, MDV");
        }
        int id = t.column("ID");
        int evid = t.column("EVID");
        int amt = t.column("AMT");
        int cmt = t.column("CMT");
        int rate = t.column("RATE");
        int ii = t.column("II");
        int addl = t.column("ADDL");
        int ss = t.column("SS");
        int dv = t.column("DV");
        int mdv = t.column("MDV");
        int dur = t.column("DUR");
        List<Row> rows = new ArrayList<>(t.size());
        String previousId = null;
        double last = 0;
        for (int r = 0; r < t.size(); r++) {
            String where = t.where(r);
            String subject = id < 0 ? "1" : t.cell(r, id);
            if (subject.isEmpty()) {
                throw new IllegalArgumentException(where + ", column ID: empty; expected a subject ID");
            }
            boolean sameSubject = subject.equals(previousId);
            previousId = subject;
            double tt = t.number(r, time, Double.NaN);
            if (Double.isNaN(tt)) {
                throw new IllegalArgumentException(where + ", column TIME: empty; expected a time in h");
            }
            if (tt < 0) {
                throw new IllegalArgumentException(where + ", column TIME: " + tt + " is negative; expected a time >= 0");
            }
            if (sameSubject && tt < last) {
                throw new IllegalArgumentException(where + ", column TIME: " + tt + " is before the previous time "
                    + last + " of ID " + subject + "; expected non-decreasing times within a subject");
            }
            last = tt;
            double a = t.number(r, amt, 0);
            int e = evid >= 0 ? whole(t, r, evid, 0) : (a > 0 ? 1 : 0);
            if (e < 0 || e > 4) {
                throw new IllegalArgumentException(where + ", column EVID: " + e + "; expected 0 (observation), 1 (dose), "
                    + "2 (other), 3 (reset) or 4 (reset and dose)");
            }
            if (a < 0) {
                throw new IllegalArgumentException(where + ", column AMT: " + a + " is negative; expected an amount >= 0");
            }
            int c = whole(t, r, cmt, 0);
            double rt = t.number(r, rate, 0);
            double interval = t.number(r, ii, 0);
            int n = whole(t, r, addl, 0);
            if (n < 0 || n > org.nanopk.Dose.MAX_ADDITIONAL) {
                throw new IllegalArgumentException(where + ", column ADDL: " + n + " additional doses; expected "
                    + "0 to " + org.nanopk.Dose.MAX_ADDITIONAL);
            }
            int steady = whole(t, r, ss, 0);
            double obs = t.number(r, dv, Double.NaN);
            boolean missing = whole(t, r, mdv, e == 0 ? 0 : 1) != 0 || e != 0;
            double d = t.number(r, dur, 0);
            if (d != 0 && rt != 0) {
                throw new IllegalArgumentException(where + ": RATE = " + Checks.g(rt) + " and DUR = " + Checks.g(d)
                    + " both shape the infusion; expected one of them (RATE = 0 with DUR, or DUR = 0 with RATE)");
            }
            rows.add(new Row((int) t.line(r), subject, tt, e, a, c, rt, interval, n, steady, obs, missing, d));
        }
        return new NonmemData(t.source(), rows);
    }

    private static int whole(CsvTable t, int r, int column, int missing) {
        double v = t.number(r, column, missing);
        if (v != Math.rint(v) || Math.abs(v) > 1e9) {
            throw new IllegalArgumentException(t.where(r) + ", column " + t.header().get(column) + ": " + v
                + " is not a whole number between -1e9 and 1e9");
        }
        return (int) v;
    }

    /**
     * A data set with one subject (ID 1): the regimen's dose records and an observation at each time,
     * doses first where times coincide. CMT is the position of the dosed compartment in {@code model}.
     */
    public static NonmemData of(Model model, Regimen regimen, double... observationTimes) {
        Checks.notNull("model", model);
        Schedule s = Schedule.of(regimen, observationTimes);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            Dose d = s.dose(i);
            if (d == null) {
                rows.add(new Row(i + 2, "1", s.time(i), 0, 0, 0, 0, 0, 0, 0, Double.NaN, true, 0));
            } else {
                int cmt = d.givesDose() ? model.indexOf(d.compartment()) + 1 : 0;
                if (d.givesDose() && cmt == 0) {
                    throw Checks.unknown("compartment", d.compartment(), model.compartmentNames());
                }
                rows.add(new Row(i + 2, "1", d.time(), d.kind().evid(), d.amount(), cmt, d.rate(), d.interval(),
                    d.additional(), d.steadyState(), Double.NaN, true, d.duration()));
            }
        }
        return new NonmemData("data", rows);
    }

    /** The records, in file order. */
    public List<Row> rows() {
        return rows;
    }

    /** The subject IDs in order of appearance. */
    public List<String> ids() {
        return ids;
    }

    /** The records of one subject, in file order. */
    public List<Row> rows(String id) {
        int[] range = ranges.get(Checks.notNull("subject ID", id));
        if (range == null) {
            throw Checks.unknown("subject ID", id, ids);
        }
        return rows.subList(range[0], range[1]);
    }

    /**
     * The records of one subject as a schedule for {@code model}: every record reported (NONMEM-style
     * output, the state after each record).
     *
     * @throws IllegalArgumentException naming the row and column of a record that does not fit the model
     */
    public Schedule schedule(String id, Model model) {
        Checks.notNull("model", model);
        List<Compartment> comps = model.compartments();
        Schedule.Builder b = Schedule.builder();
        for (Row r : rows(id)) {
            String where = source + ": row " + r.line();
            if (r.evid() == 0 || r.evid() == 2) {
                b.observe(r.time());
                continue;
            }
            if (r.evid() == 3) {
                b.dose(Dose.reset(r.time()));
                continue;
            }
            if (r.cmt() < 1 || r.cmt() > comps.size()) {
                throw new IllegalArgumentException(where + ", column CMT: " + r.cmt() + " is not a compartment; expected "
                    + "1 to " + comps.size() + " (" + String.join(", ", model.compartmentNames()) + ")");
            }
            Compartment c = comps.get(r.cmt() - 1);
            if (r.rate() == Dose.MODELLED_DURATION && c.duration() == null) {
                throw new IllegalArgumentException(where + ", column RATE: -2 (duration modelled), but compartment "
                    + c.name() + " has no modelled duration");
            }
            if (r.rate() == Dose.MODELLED_RATE && c.rate() == null) {
                throw new IllegalArgumentException(where + ", column RATE: -1 (rate modelled), but compartment "
                    + c.name() + " has no modelled rate");
            }
            Dose d;
            try {
                d = new Dose(r.evid() == 4 ? Dose.Kind.RESET_AND_DOSE : Dose.Kind.DOSE, c.name(), r.time(), r.amt(),
                    r.dur() > 0 ? 0 : r.rate(), r.dur(), r.ii(), r.addl(), r.ss());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            b.dose(d);
        }
        return b.build().withId(id);
    }

    /**
     * The observation records (EVID 0 with MDV 0 and a DV) as observations of the compartment at CMT,
     * read as the model's amount in it (quantity VALUE, no unit conversion), each subject dosed with its
     * own dose records. To fit concentrations, give the model an output and fit tidy data instead.
     * Samples at the very time of a dose are taken after it.
     *
     * @throws IllegalArgumentException naming the row of an observation without a valid CMT
     */
    public org.nanopk.Observations observations(Model model) {
        return observations(model, null, "");
    }

    /**
     * The observations of every subject, DV measuring {@code observe} (a compartment or output of the
     * model) in {@code unit}: without a unit ({@code ""}) DV is compared with what the model computes for
     * that name, with one (for example {@code "mg/L"}) it is converted as a tidy file's values are
     * ({@link org.nanopk.Observations#unit}); CMT then only routes doses. A null {@code observe} reads DV
     * as the amount in CMT.
     *
     * @throws IllegalArgumentException for a name the model does not have (the known ones listed), an
     *                                  unknown unit, or an observation without a valid CMT when {@code observe} is null
     */
    public org.nanopk.Observations observations(Model model, String observe, String unit) {
        Checks.notNull("model", model);
        Checks.notNull("unit", unit);
        if (observe != null && model.indexOf(observe) < 0
            && model.outputs().stream().noneMatch(o -> o.name().equals(observe))) {
            List<String> known = new ArrayList<>(model.compartmentNames());
            model.outputs().forEach(o -> known.add(o.name()));
            throw Checks.unknown("observed compartment or output", observe, known);
        }
        org.nanopk.Observations.Unit u = unit.isEmpty() ? null : org.nanopk.Observations.unit(unit, "DV unit");
        List<org.nanopk.Observations.Point> points = new ArrayList<>();
        Map<String, Regimen> regimens = new LinkedHashMap<>();
        for (String id : ids()) {
            regimens.put(id, schedule(id, model).regimen());
        }
        for (Row r : rows) {
            if (r.evid() != 0 || r.mdv() || Double.isNaN(r.dv())) {
                continue;
            }
            String where = source + ": row " + r.line();
            if (observe != null) {
                try {
                    points.add(new org.nanopk.Observations.Point(r.id(), r.time(), observe,
                        u == null ? org.nanopk.Observations.Quantity.VALUE : u.quantity(),
                        u == null ? r.dv() : r.dv() * u.factor(), Double.NaN, Double.NaN, r.line()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
                continue;
            }
            if (r.cmt() < 1 || r.cmt() > model.compartments().size()) {
                throw new IllegalArgumentException(where + ", column CMT: " + r.cmt() + " is not a compartment; an "
                    + "observation needs the compartment observed, 1 to " + model.compartments().size() + " ("
                    + String.join(", ", model.compartmentNames()) + ")");
            }
            try {
                points.add(new org.nanopk.Observations.Point(r.id(), r.time(), model.compartmentNames().get(r.cmt() - 1),
                    org.nanopk.Observations.Quantity.VALUE, r.dv(), Double.NaN, Double.NaN, r.line()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return org.nanopk.Observations.of(points, regimens);
    }

    /** Simulates every subject separately; one simulation per ID, one row per record. */
    public List<Simulation> simulate(Model model, Solver solver) {
        List<Simulation> out = new ArrayList<>();
        for (String id : ids()) {
            out.add(model.simulate(schedule(id, model), solver));
        }
        return out;
    }

    /** The data set as CSV: ID, TIME, EVID, AMT, CMT, RATE, II, ADDL, SS, DV, MDV (and DUR if any record has one). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        try {
            writeTo(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    private void writeTo(Appendable out) throws IOException {
        boolean anyDur = rows.stream().anyMatch(r -> r.dur() > 0);
        CSVPrinter p = Csv.printer(out);
        List<String> header = new ArrayList<>(List.of("ID", "TIME", "EVID", "AMT", "CMT", "RATE", "II", "ADDL", "SS",
            "DV", "MDV"));
        if (anyDur) {
            header.add("DUR");
        }
        p.printRecord(header);
        List<String> cells = new ArrayList<>(header.size());
        for (Row r : rows) {
            cells.clear();
            cells.addAll(List.of(r.id(), Csv.number(r.time()), Integer.toString(r.evid()), Csv.number(r.amt()),
                Integer.toString(r.cmt()), Csv.number(r.rate()), Csv.number(r.ii()), Integer.toString(r.addl()),
                Integer.toString(r.ss()), Double.isNaN(r.dv()) ? "." : Csv.number(r.dv()), r.mdv() ? "1" : "0"));
            if (anyDur) {
                cells.add(Csv.number(r.dur()));
            }
            p.printRecord(cells);
        }
        p.flush();
    }

    /** Writes {@link #toCsv()} to a file (UTF-8), replacing it only once the new content is complete. */
    public void write(Path file) {
        SafeFiles.write(file, this::writeTo);
    }

    /**
     * The simulations of {@link #simulate} as one CSV: ID, TIME, EVID, then every compartment, integral
     * and output (amounts), one row per record.
     */
    public static String toCsv(List<Simulation> simulations) {
        StringBuilder sb = new StringBuilder();
        boolean header = true;
        try {
            for (Simulation s : simulations) {
                s.appendCsv(sb, header);
                header = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** Writes {@link #toCsv(List)} to a file, replacing it only once the new content is complete. */
    public static void write(List<Simulation> simulations, Path file) {
        Checks.notNull("simulations", simulations);
        SafeFiles.write(file, w -> {
            boolean header = true;
            for (Simulation s : simulations) {
                s.appendCsv(w, header);
                header = false;
            }
        });
    }

    @Override
    public String toString() {
        return "NONMEM data " + source + ": " + rows.size() + " records, " + ids.size() + " subjects";
    }
}
