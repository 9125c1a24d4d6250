package org.nanopk.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nanopk.Nca;
import org.nanopk.NcaOptions;
import org.nanopk.NcaReport;
import org.nanopk.NcaResult;
import org.nanopk.SparseNca;
import org.nanopk.internal.Checks;

/**
 * Reads concentration–time data for non-compartmental analysis and analyses it. Two formats:
 *
 * <ul>
 * <li>a tidy CSV, one value per row: {@code time} and {@code value} (units in the header as
 * {@link ObservationsCsv} reads them, e.g. {@code time_h}), and optionally {@code subject} (or
 * {@code id}, {@code animal}), {@code group} (or {@code dataset_id}), {@code unit}, a compartment column
 * ({@code compartment}, {@code tissue}, {@code name}, {@code output}: the files a fit reads, so the data
 * can be checked before fitting), {@code dose}, and for summary data {@code sd} and {@code n};</li>
 * <li>a NONMEM-style data set ({@code ID, TIME, DV}, with {@code EVID}, {@code MDV}, {@code AMT}): the
 * observations are the EVID 0 rows with a DV, a subject's dose its single dose record at time 0.</li>
 * </ul>
 *
 * <p>A profile is a subject's rows (a group's, without a subject column), in file order: unsorted or
 * repeated times are reported, not reordered. In a sparse design every group's rows are pooled by
 * time, each row one animal, or with {@code sd} or {@code n} columns the mean of n animals. Values are
 * used as given, their unit a label; "ND", "BLQ" and "&lt;LLOQ" are read as 0, and said so. Without a
 * dose in the options, a subject's dose comes from the data ({@code dose} column, AMT), and said so.
 */
public final class NcaCsv {
    private NcaCsv() {
    }

    /**
     * The NCA of every subject in {@code file}, or with {@code sparse}, the sparse NCA of all its
     * animals pooled by time (from summaries when the file has sd and n).
     *
     * @param name the compartment to analyse when the file has a compartment column with several; else null
     */
    public static NcaReport read(Path file, NcaOptions options, String name, boolean sparse) {
        return of(CsvTable.read(file), options, name, sparse);
    }

    /** As {@link #read} for CSV text. */
    public static NcaReport parse(String csv, NcaOptions options, String name, boolean sparse) {
        return of(CsvTable.parse(csv, "NCA data"), options, name, sparse);
    }

    /** As {@link #read} for a CSV table already read. */
    public static NcaReport of(CsvTable t, NcaOptions options, String name, boolean sparse) {
        Checks.notNull("CSV table", t);
        Checks.notNull("NCA options", options);
        boolean nonmem = t.column("DV") >= 0 && ObservationsCsv.prefixed(t, "value") < 0;
        return nonmem ? nonmem(t, options, sparse) : tidy(t, options, name, sparse);
    }

    /** One profile as read: times, values, and for summaries sd and n. */
    private static final class Profile {
        final List<Double> times = new ArrayList<>();
        final List<Double> values = new ArrayList<>();
        final List<Double> sds = new ArrayList<>();
        final List<Integer> counts = new ArrayList<>();
        final Set<String> units = new LinkedHashSet<>();
        double dose = Double.NaN;

        double[] times() {
            return times.stream().mapToDouble(Double::doubleValue).toArray();
        }

        double[] values() {
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }

        String unit(String source, String subject) {
            if (units.size() > 1) {
                throw new IllegalArgumentException(source + ": subject " + subject + " mixes units " + units
                    + "; expected one unit per profile");
            }
            return units.isEmpty() ? "" : units.iterator().next();
        }
    }

    private static NcaReport tidy(CsvTable t, NcaOptions options, String name, boolean sparse) {
        int time = ObservationsCsv.prefixed(t, "time");
        int value = ObservationsCsv.prefixed(t, "value");
        if (time < 0 || value < 0) {
            throw new IllegalArgumentException(t.source() + ": missing column " + (time < 0 ? "time" : "value")
                + "; columns are " + t.header() + "; expected subject, time, value and optionally unit, compartment, "
                + "dose, sd, n (or a NONMEM-style ID, TIME, DV)");
        }
        int animal = ObservationsCsv.column(t, "subject", "id", "animal");
        int group = ObservationsCsv.column(t, "group", "dataset_id");
        // a profile per subject; in a sparse design a profile per group, its animals pooled
        int subject = sparse ? group : animal >= 0 ? animal : group;
        int comp = ObservationsCsv.column(t, "compartment", "tissue", "name", "output");
        int unit = t.column("unit");
        int dose = t.column("dose");
        int sd = t.column("sd");
        int n = t.column("n");
        String timeHeader = t.header().get(time);
        double tf = ObservationsCsv.timeFactor(ObservationsCsv.headerUnit(timeHeader, "time"),
            t.source() + ", column " + timeHeader);
        String headerUnit = ObservationsCsv.headerUnit(t.header().get(value), "value");
        String keep = compartment(t, comp, name);
        Map<String, Profile> profiles = new LinkedHashMap<>();
        int belowLimit = 0;
        for (int r = 0; r < t.size(); r++) {
            if (keep != null && !t.cell(r, comp).equals(keep)) {
                continue;
            }
            String where = t.where(r);
            String s = subject >= 0 ? t.cell(r, subject) : sparse ? "all" : "1";
            Profile p = profiles.computeIfAbsent(s.isEmpty() ? "1" : s, k -> new Profile());
            double tt = t.number(r, time, Double.NaN);
            if (Double.isNaN(tt)) {
                throw new IllegalArgumentException(where + ", column " + timeHeader + ": empty; expected a time");
            }
            String raw = t.cell(r, value);
            double v;
            if (raw.equalsIgnoreCase("ND") || raw.equalsIgnoreCase("BLQ") || raw.equalsIgnoreCase("<LLOQ")) {
                v = 0;
                belowLimit++;
            } else {
                v = t.number(r, value, Double.NaN);
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException(where + ", column " + t.header().get(value)
                        + ": empty; expected a value");
                }
            }
            p.times.add(tt * tf);
            p.values.add(v);
            String u = (unit >= 0 ? t.cell(r, unit) : headerUnit).trim();
            if (!u.isEmpty()) {
                p.units.add(u.split("[ (]", 2)[0]); // the unit's first word, as ObservationsCsv reads it
            }
            if (sparse && (sd >= 0 || n >= 0)) {
                p.sds.add(sd >= 0 ? t.number(r, sd, Double.NaN) : Double.NaN);
                p.counts.add(n >= 0 ? count(t, r, n) : 0);
            }
            if (dose >= 0 && !t.cell(r, dose).isEmpty()) {
                double d = t.number(r, dose, Double.NaN);
                if (!Double.isNaN(p.dose) && d != p.dose) {
                    throw new IllegalArgumentException(where + ", column dose: " + Checks.g(d) + " differs from the "
                        + "subject's earlier dose " + Checks.g(p.dose) + "; expected one single dose per subject");
                }
                p.dose = d;
            }
        }
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException(t.source() + ": no data rows" + (keep != null ? " of " + keep : "")
                + "; expected at least one");
        }
        List<String> notes = new ArrayList<>();
        if (belowLimit > 0) {
            notes.add(belowLimit + " value" + (belowLimit == 1 ? "" : "s") + " below the limit of quantification "
                + "(ND, BLQ, <LLOQ) read as 0");
        }
        if (sparse) {
            return sparse(t.source(), profiles, notes);
        }
        return analyse(t.source(), profiles, options, "the dose column", notes);
    }

    /** Each subject's NCA; without a dose in the options, a subject's dose from the data (said so). */
    private static NcaReport analyse(String source, Map<String, Profile> profiles, NcaOptions options, String from,
                                     List<String> notes) {
        Map<String, NcaResult> results = new LinkedHashMap<>();
        Map<String, List<String>> dosedBy = new LinkedHashMap<>();
        for (Map.Entry<String, Profile> e : profiles.entrySet()) {
            Profile p = e.getValue();
            NcaOptions o = options;
            if (!o.hasDose() && !Double.isNaN(p.dose)) {
                o = o.withDose(p.dose);
                dosedBy.computeIfAbsent(Checks.g(p.dose), k -> new ArrayList<>()).add(e.getKey());
            }
            try {
                results.put(e.getKey(), Nca.of("subject " + e.getKey(), p.unit(source, e.getKey()), p.times(),
                    p.values(), o));
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException(source + ": " + x.getMessage(), x);
            }
        }
        if (dosedBy.size() == 1 && dosedBy.values().iterator().next().size() == profiles.size()) {
            notes.add("dose " + dosedBy.keySet().iterator().next() + " from " + from + " (every subject)");
        } else if (!dosedBy.isEmpty()) {
            List<String> parts = new ArrayList<>();
            dosedBy.forEach((dose, subjects) -> parts.add(dose + " (" + String.join(", ", subjects) + ")"));
            notes.add("doses from " + from + ": " + String.join("; ", parts));
        }
        return NcaReport.of(results, notes);
    }

    /**
     * The number of animals of a summary row: a whole number >= 1, optionally followed by words
     * ("3", "5 (mice)"); 0 if the cell is empty.
     */
    private static int count(CsvTable t, int r, int column) {
        String cell = t.cell(r, column).trim();
        if (cell.isEmpty()) {
            return 0;
        }
        int end = 0;
        while (end < cell.length() && Character.isDigit(cell.charAt(end))) {
            end++;
        }
        if (end == 0 || end > 9 || (end < cell.length() && cell.charAt(end) != ' ') || Integer.parseInt(cell, 0, end, 10) < 1) {
            throw new IllegalArgumentException(t.where(r) + ", column " + t.header().get(column) + ": '" + cell
                + "'; expected the number of animals, a whole number >= 1");
        }
        return Integer.parseInt(cell, 0, end, 10);
    }

    /** The compartment to keep (null: all rows), refusing a choice the file cannot make alone. */
    private static String compartment(CsvTable t, int comp, String name) {
        if (comp < 0) {
            if (name != null) {
                throw new IllegalArgumentException(t.source() + ": no compartment column to pick '" + name
                    + "' from; columns are " + t.header());
            }
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (int r = 0; r < t.size(); r++) {
            names.add(t.cell(r, comp));
        }
        if (name == null) {
            if (names.size() > 1) {
                throw new IllegalArgumentException(t.source() + ": column " + t.header().get(comp) + " holds "
                    + names.size() + " compartments " + names + "; expected the one to analyse to be named");
            }
            return null;
        }
        if (!names.contains(name)) {
            throw Checks.unknown("compartment", name, names);
        }
        return name;
    }

    /** All subjects' samples as one group, "all". */
    private static Map<String, Profile> pooled(Map<String, Profile> profiles) {
        Profile all = new Profile();
        for (Profile p : profiles.values()) {
            all.times.addAll(p.times);
            all.values.addAll(p.values);
            all.units.addAll(p.units);
        }
        Map<String, Profile> m = new LinkedHashMap<>();
        m.put("all", all);
        return m;
    }

    /** A sparse NCA per group: each group's rows pooled by time (summaries when the file has sd or n). */
    private static NcaReport sparse(String source, Map<String, Profile> groups, List<String> notes) {
        Map<String, NcaResult> m = new LinkedHashMap<>();
        boolean anySummary = false;
        boolean withoutN = false;
        for (Map.Entry<String, Profile> e : groups.entrySet()) {
            Profile p = e.getValue();
            String unit = p.unit(source, e.getKey());
            double[] t = p.times();
            double[] v = p.values();
            boolean summary = !p.counts.isEmpty();
            anySummary |= summary;
            try {
                if (summary) {
                    int[] n = new int[t.length];
                    double[] sd = new double[t.length];
                    for (int i = 0; i < n.length; i++) {
                        // a row without n is a mean of unknown size: it counts as one, with no sd
                        n[i] = Math.max(1, p.counts.get(i));
                        sd[i] = p.counts.get(i) >= 2 ? p.sds.get(i) : Double.NaN;
                        withoutN |= p.counts.get(i) == 0;
                    }
                    m.put(e.getKey(), SparseNca.ofSummary(t, v, sd, n, unit));
                } else {
                    m.put(e.getKey(), SparseNca.of(t, v, unit));
                }
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException(source + (groups.size() > 1 ? ", group " + e.getKey() : "") + ": "
                    + x.getMessage(), x);
            }
        }
        if (anySummary) {
            notes.add("summary rows (the file has sd or n columns): each value is the mean of n animals, with its sd");
        }
        if (withoutN) {
            notes.add("rows without n: their means are used; their standard error is unknown");
        }
        return NcaReport.of(m, notes);
    }

    private static NcaReport nonmem(CsvTable t, NcaOptions options, boolean sparse) {
        NonmemData data = NonmemData.of(t);
        Map<String, Profile> profiles = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (String id : data.ids()) {
            Profile p = new Profile();
            int doses = 0;
            for (NonmemData.Row r : data.rows(id)) {
                if (r.evid() == 0 && !r.mdv()) {
                    if (Double.isNaN(r.dv())) {
                        throw new IllegalArgumentException(t.source() + ": row " + r.line() + ", column DV: empty on an "
                            + "observation record; expected a value (or MDV = 1)");
                    }
                    p.times.add(r.time());
                    p.values.add(r.dv());
                } else if ((r.evid() == 1 || r.evid() == 4) && r.amt() > 0) {
                    doses++;
                    if (doses > 1 || r.addl() > 0 || r.ss() != 0) {
                        throw new IllegalArgumentException(t.source() + ": row " + r.line() + ": ID " + id + " has more "
                            + "than one dose; NCA here analyses a single dose at time 0");
                    }
                    if (r.time() != 0) {
                        throw new IllegalArgumentException(t.source() + ": row " + r.line() + ": ID " + id + " is dosed "
                            + "at " + Checks.g(r.time()) + " h; expected the dose at time 0 (times are after the dose)");
                    }
                    p.dose = r.amt();
                }
            }
            if (!p.times.isEmpty()) {
                profiles.put(id, p);
            }
        }
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException(t.source() + ": no observation records (EVID 0 with a DV); expected at "
                + "least one");
        }
        if (sparse) {
            return sparse(t.source(), pooled(profiles), notes);
        }
        return analyse(t.source(), profiles, options, "AMT", notes);
    }
}
