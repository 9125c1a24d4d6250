package org.nanopk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVPrinter;
import org.nanopk.internal.Checks;
import org.nanopk.internal.Csv;
import org.nanopk.internal.SafeFiles;

/**
 * The NCA of several subjects (or one sparse design), written as CDISC-style long CSV with the columns
 * {@code subject,PPTESTCD,value}: one row per subject and parameter, a missing parameter with an empty
 * value (its reason is in {@link #missing()} and the printed report). Immutable.
 */
public final class NcaReport {
    private final Map<String, NcaResult> results;
    private final List<String> notes;

    private NcaReport(Map<String, NcaResult> results, List<String> notes) {
        this.results = results;
        this.notes = List.copyOf(notes);
    }

    /** A report of results by subject, in the map's order. */
    public static NcaReport of(Map<String, ? extends NcaResult> bySubject) {
        return of(bySubject, List.of());
    }

    /** A report of results by subject, in the map's order, with notes on how the data were read. */
    public static NcaReport of(Map<String, ? extends NcaResult> bySubject, List<String> notes) {
        Checks.notNull("NCA results", bySubject);
        Checks.notNull("notes", notes);
        if (bySubject.isEmpty()) {
            throw new IllegalArgumentException("an NCA report needs at least one subject; there are none");
        }
        Map<String, NcaResult> m = new LinkedHashMap<>();
        bySubject.forEach((s, r) -> m.put(Checks.notNull("subject", s), Checks.notNull("NCA of subject " + s, r)));
        return new NcaReport(Collections.unmodifiableMap(m), notes);
    }

    /**
     * The NCA of every subject's profile of {@code name} in a fit's observations (values in their
     * quantity's unit; a value below the limit of quantification read as 0). A subject's dose is
     * {@code options}' dose, or if none is given, the single dose of the subject's own regimen (stated in
     * the notes).
     *
     * @param name the compartment or output; null if the observations hold only one
     */
    public static NcaReport of(Observations observations, String name, NcaOptions options) {
        Checks.notNull("observations", observations);
        Checks.notNull("NCA options", options);
        String n = nameOf(observations, name);
        Map<String, NcaResult> out = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        int censored = 0;
        for (String subject : observations.subjects()) {
            List<Observations.Point> ps = new ArrayList<>();
            for (Observations.Point p : observations.subject(subject).points()) {
                if (p.name().equals(n)) {
                    ps.add(p);
                }
            }
            if (ps.isEmpty()) {
                continue;
            }
            ps.sort((a, b) -> Double.compare(a.time(), b.time()));
            double[] t = new double[ps.size()];
            double[] c = new double[ps.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = ps.get(i).time();
                c[i] = ps.get(i).censored() ? 0 : ps.get(i).value();
                censored += ps.get(i).censored() ? 1 : 0;
            }
            NcaOptions o = options;
            Regimen r = observations.regimen(subject);
            if (!o.hasDose() && r != null && r.doses().size() == 1 && r.doses().get(0).amount() > 0) {
                o = o.withDose(r.doses().get(0).amount());
                notes.add("subject " + subject + ": dose " + Checks.g(o.dose()) + " from its regimen");
            }
            out.put(subject, Nca.of(Series.of(n, unitOf(ps), t, c), o));
        }
        if (censored > 0) {
            notes.add(censored + " value" + (censored == 1 ? "" : "s") + " below the limit of quantification read as 0");
        }
        return of(out, notes);
    }

    /**
     * The sparse NCA ({@link SparseNca}) of {@code name} in observations where each subject is one animal
     * sampled once (or a few times): all subjects' samples pooled by time.
     */
    public static NcaReport sparse(Observations observations, String name) {
        Checks.notNull("observations", observations);
        String n = nameOf(observations, name);
        List<Observations.Point> ps = new ArrayList<>();
        for (Observations.Point p : observations.points()) {
            if (p.name().equals(n)) {
                ps.add(p);
            }
        }
        double[] t = new double[ps.size()];
        double[] c = new double[ps.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = ps.get(i).time();
            c[i] = ps.get(i).censored() ? 0 : ps.get(i).value();
        }
        Map<String, NcaResult> m = new LinkedHashMap<>();
        m.put(n, SparseNca.of(t, c, unitOf(ps)));
        return of(m, List.of());
    }

    private static String nameOf(Observations observations, String name) {
        Set<String> names = new LinkedHashSet<>();
        for (Observations.Point p : observations.points()) {
            names.add(p.name());
        }
        if (name == null) {
            if (names.size() != 1) {
                throw new IllegalArgumentException("the observations hold " + names.size() + " compartments or "
                    + "outputs " + names + "; expected the name of the one to analyse");
            }
            return names.iterator().next();
        }
        if (!names.contains(name)) {
            throw new IllegalArgumentException("no observations of '" + name + "'; the observations hold " + names);
        }
        return name;
    }

    private static String unitOf(List<Observations.Point> ps) {
        Set<Observations.Quantity> qs = new LinkedHashSet<>();
        ps.forEach(p -> qs.add(p.quantity()));
        if (qs.size() > 1) {
            throw new IllegalArgumentException("the observations of '" + ps.get(0).name() + "' mix quantities " + qs
                + "; expected one quantity per profile");
        }
        return ps.isEmpty() ? "" : ps.get(0).quantity().unit();
    }

    /** The subjects, in order. */
    public List<String> subjects() {
        return List.copyOf(results.keySet());
    }

    /** The result of a subject. */
    public NcaResult result(String subject) {
        NcaResult r = results.get(Checks.notNull("subject", subject));
        if (r == null) {
            throw Checks.unknown("subject", subject, results.keySet());
        }
        return r;
    }

    /** The missing parameters by subject, each with the reason. */
    public Map<String, Map<String, String>> missing() {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        results.forEach((s, r) -> {
            if (!r.missing().isEmpty()) {
                m.put(s, r.missing());
            }
        });
        return Collections.unmodifiableMap(m);
    }

    /** How the data were read (doses taken from the data, censored values), in words. */
    public List<String> notes() {
        return notes;
    }

    /** The long CSV: header {@code subject,PPTESTCD,value}, a row per subject and parameter. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        try {
            writeCsv(sb);
        } catch (IOException e) {
            throw new AssertionError("a StringBuilder does not fail", e);
        }
        return sb.toString();
    }

    /** Writes the long CSV to {@code file}, atomically (an existing file is replaced only when complete). */
    public void write(Path file) {
        SafeFiles.write(file, this::writeCsv);
    }

    private void writeCsv(Appendable out) throws IOException {
        CSVPrinter p = Csv.printer(out);
        Csv.record(p, List.of("subject", "PPTESTCD", "value"));
        for (Map.Entry<String, NcaResult> e : results.entrySet()) {
            for (String code : codes(e.getValue())) {
                Double v = e.getValue().parameters().get(code);
                Csv.record(p, List.of(e.getKey(), code, v == null ? "" : Csv.number(v)));
            }
        }
        p.flush();
    }

    /** "subject 3" for a subject's NCA, the group's name for a sparse design's. */
    private String label(String s) {
        return results.get(s) instanceof SparseNca ? s : "subject " + s;
    }

    /** A result's codes in {@link NcaParameter} order, computed and missing. */
    private static List<String> codes(NcaResult r) {
        List<String> codes = new ArrayList<>();
        for (NcaParameter p : NcaParameter.values()) {
            if (r.parameters().containsKey(p.name()) || r.missing().containsKey(p.name())) {
                codes.add(p.name());
            }
        }
        return codes;
    }

    /**
     * A table with a row per parameter and a column per subject (eight subjects per block), then the
     * reasons of missing parameters, grouped, and the notes.
     */
    @Override
    public String toString() {
        List<String> subjects = subjects();
        StringBuilder sb = new StringBuilder();
        for (int from = 0; from < subjects.size(); from += 8) {
            List<String> block = subjects.subList(from, Math.min(subjects.size(), from + 8));
            Set<String> codes = new LinkedHashSet<>();
            block.forEach(s -> codes.addAll(codes(results.get(s))));
            List<String> header = new ArrayList<>();
            header.add("PPTESTCD");
            header.add("unit");
            block.forEach(s -> header.add(label(s)));
            Table.Builder t = Table.builder(header);
            String unit = results.get(block.get(0)).unit();
            for (String code : codes) {
                List<Object> row = new ArrayList<>();
                row.add(code);
                row.add(NcaParameter.of(code).unit(unit, ""));
                for (String s : block) {
                    Double v = results.get(s).parameters().get(code);
                    row.add(v != null ? Checks.g(v) : results.get(s).missing().containsKey(code) ? "missing" : "");
                }
                t.row(row.toArray());
            }
            if (from > 0) {
                sb.append("\n\n");
            }
            sb.append(t);
        }
        // each reason once, with the parameters and subjects it applies to
        Map<String, Set<String>> codesBy = new LinkedHashMap<>();
        Map<String, Set<String>> subjectsBy = new LinkedHashMap<>();
        results.forEach((s, r) -> r.missing().forEach((code, reason) -> {
            codesBy.computeIfAbsent(reason, k -> new LinkedHashSet<>()).add(code);
            subjectsBy.computeIfAbsent(reason, k -> new LinkedHashSet<>()).add(label(s));
        }));
        codesBy.forEach((reason, codes) -> {
            Set<String> ss = subjectsBy.get(reason);
            sb.append("\nmissing ").append(String.join(", ", codes)).append(": ").append(reason)
                .append(ss.size() == results.size() ? "" : " (" + String.join(", ", ss) + ")");
        });
        Set<String> allNotes = new LinkedHashSet<>(notes);
        results.forEach((s, r) -> r.notes().forEach(n -> allNotes.add(results.size() == 1 ? n : label(s) + ": " + n)));
        allNotes.forEach(n -> sb.append("\nnote: ").append(n));
        return sb.toString();
    }
}
