package org.nanopk.io;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nanopk.Fit;
import org.nanopk.Model;
import org.nanopk.Observations;
import org.nanopk.fit.ErrorModel;
import org.nanopk.fit.Fitter;
import org.nanopk.internal.Checks;
import org.nanopk.internal.SafeFiles;
import org.nanopk.solve.Solver;

/**
 * A batch of fits that can travel (to a cluster's workers, into a file): a model, the data as the text
 * of their CSV file (tidy, or NONMEM-style with ID, TIME, DV, …), how to read them, and how to fit —
 * the parameters to estimate, the error model, the starts and their seed, the amount unit, M3 for values
 * below LLOQ, profile likelihoods and the solver. Each subject is fitted on its own ({@link #fit}); the
 * fits equal those of {@link Fitter#bySubject()} on the same data. As JSON:
 *
 * <pre>{@code
 * {"format": "nanopk-fit-job", "version": 1, "model": {...}, "data": "subject,time,compartment,value,unit\n...",
 *  "estimate": ["kEPR", "kBack"], "errorModel": "proportional", "starts": 4, "seed": 1}
 * }</pre>
 * Further fields: {@code "map"} (data name → model name), {@code "observe"} and {@code "dvUnit"}
 * (NONMEM-style data), {@code "amountUnit"}, {@code "m3"}, {@code "profiles"}, {@code "solver"}. Immutable.
 */
public final class FitJob {
    /** The format's name, the value of {@code "format"}. */
    public static final String FORMAT = "nanopk-fit-job";
    /** The version written; files of this version or older are read. */
    public static final int VERSION = 1;

    private static final List<String> TOP = List.of("format", "version", "model", "data", "dataSource", "map", "observe", "dvUnit",
        "estimate", "errorModel", "starts", "seed", "amountUnit", "m3", "profiles", "solver");

    private record Spec(Model model, String data, String source, Map<String, String> map, String observe, String dvUnit,
                        List<String> estimate, String errorModel, int starts, long seed, String amountUnit, boolean m3,
                        List<String> profiles, Solver solver) {
    }

    private final Spec spec;

    private FitJob(Spec spec) {
        this.spec = spec;
    }

    /**
     * Fits of {@code model}'s parameters {@code estimate} to the data of a CSV file's text, with a
     * proportional error model and one start until changed.
     */
    public static FitJob of(Model model, String dataCsv, List<String> estimate) {
        return of(model, dataCsv, "data", estimate);
    }

    /** A job of data {@code dataCsv} read from {@code source} (a file name, for messages). */
    private static FitJob of(Model model, String dataCsv, String source, List<String> estimate) {
        Checks.notNull("model", model);
        Checks.notNull("data", dataCsv);
        if (Checks.notNull("parameters to estimate", estimate).isEmpty()) {
            throw new IllegalArgumentException("parameters to estimate: none; expected at least one of "
                + model.parameters().names());
        }
        return new FitJob(new Spec(model, dataCsv, Checks.notNull("data source", source), Map.of(), null, "", List.copyOf(estimate), "proportional", 1, 1,
            null, false, List.of(), null));
    }

    /** A job reading the data file {@code file}. */
    public static FitJob of(Model model, Path file, List<String> estimate) {
        Checks.notNull("data file", file);
        return of(model, SafeFiles.readText(file, CsvTable.MAX_BYTES, "data file"), file.toString(), estimate);
    }

    private FitJob with(Map<String, String> map, String observe, String dvUnit, String errorModel, int starts,
                        long seed, String amountUnit, boolean m3, List<String> profiles, Solver solver) {
        return new FitJob(new Spec(spec.model(), spec.data(), spec.source(), map, observe, dvUnit, spec.estimate(), errorModel,
            starts, seed, amountUnit, m3, profiles, solver));
    }

    /** Data names renamed to the model's (only mapped names are fitted when given). */
    public FitJob withMap(Map<String, String> dataToModel) {
        Map<String, String> m = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(
            Checks.notNull("name map", dataToModel)));
        return with(m, spec.observe(), spec.dvUnit(), spec.errorModel(), spec.starts(), spec.seed(), spec.amountUnit(),
            spec.m3(), spec.profiles(), spec.solver());
    }

    /** NONMEM-style data: the compartment or output DV measures (null: the amount in CMT), and DV's unit. */
    public FitJob withNonmem(String observe, String dvUnit) {
        return with(spec.map(), observe, Checks.notNull("DV unit", dvUnit), spec.errorModel(), spec.starts(),
            spec.seed(), spec.amountUnit(), spec.m3(), spec.profiles(), spec.solver());
    }

    /** The error model by name: additive, proportional or combined (estimated). */
    public FitJob withErrorModel(String name) {
        ErrorModel.named(name); // refuse an unknown name now, not on a worker
        return with(spec.map(), spec.observe(), spec.dvUnit(), name, spec.starts(), spec.seed(), spec.amountUnit(),
            spec.m3(), spec.profiles(), spec.solver());
    }

    /** {@code n} starts, the random ones drawn with {@code seed}. */
    public FitJob withStarts(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("starts = " + n + ": expected at least 1");
        }
        return with(spec.map(), spec.observe(), spec.dvUnit(), spec.errorModel(), n, seed, spec.amountUnit(),
            spec.m3(), spec.profiles(), spec.solver());
    }

    /** The model's amount unit (ng, µg, mg, g) when data are amounts or concentrations. */
    public FitJob withAmountUnit(String unit) {
        return with(spec.map(), spec.observe(), spec.dvUnit(), spec.errorModel(), spec.starts(), spec.seed(),
            Checks.notNull("amount unit", unit), spec.m3(), spec.profiles(), spec.solver());
    }

    /** Values below LLOQ used through the M3 likelihood. */
    public FitJob withM3() {
        return with(spec.map(), spec.observe(), spec.dvUnit(), spec.errorModel(), spec.starts(), spec.seed(),
            spec.amountUnit(), true, spec.profiles(), spec.solver());
    }

    /** Profile-likelihood intervals for these parameters. */
    public FitJob withProfiles(List<String> names) {
        return with(spec.map(), spec.observe(), spec.dvUnit(), spec.errorModel(), spec.starts(), spec.seed(),
            spec.amountUnit(), spec.m3(), List.copyOf(Checks.notNull("profiles", names)), spec.solver());
    }

    /** The solver of the fits (default the fitter's). */
    public FitJob withSolver(Solver s) {
        return with(spec.map(), spec.observe(), spec.dvUnit(), spec.errorModel(), spec.starts(), spec.seed(),
            spec.amountUnit(), spec.m3(), spec.profiles(), Checks.notNull("solver", s));
    }

    /** The model fitted. */
    public Model model() {
        return spec.model();
    }

    /**
     * The observations: NONMEM-style data (columns EVID or AMT, and DV) through {@link NonmemData}, tidy
     * data through {@link ObservationsCsv}.
     */
    public Observations observations() {
        CsvTable table = CsvTable.parse(spec.data(), spec.source());
        if (nonmem(table)) {
            return NonmemData.of(table).observations(spec.model(), spec.observe(), spec.dvUnit());
        }
        if (spec.observe() != null || !spec.dvUnit().isEmpty()) {
            throw new IllegalArgumentException((spec.observe() != null ? "observe" : "DV unit") + " is for "
                + "NONMEM-style data (ID, TIME, DV, ...); these data are tidy: their compartment and unit columns say "
                + "what each value measures");
        }
        return ObservationsCsv.read(table, spec.map());
    }

    /** True when the data are NONMEM-style (columns EVID or AMT, and DV), false when tidy. */
    public boolean nonmemStyle() {
        return nonmem(CsvTable.parse(spec.data(), spec.source()));
    }

    private static boolean nonmem(CsvTable table) {
        return (table.column("EVID") >= 0 || table.column("AMT") >= 0) && table.column("DV") >= 0;
    }

    /** The subjects of the data, in order of appearance. */
    public List<String> subjects() {
        return observations().subjects();
    }

    /** The fitter of these observations with the job's settings. */
    public Fitter fitter(Observations data) {
        Fitter f = Fitter.of(spec.model(), data).estimate(spec.estimate().toArray(new String[0]))
            .withErrorModel(ErrorModel.named(spec.errorModel())).withStarts(spec.starts(), spec.seed());
        if (spec.amountUnit() != null) {
            f = f.withAmountUnit(spec.amountUnit());
        }
        if (spec.m3()) {
            f = f.withM3();
        }
        if (!spec.profiles().isEmpty()) {
            f = f.withProfiles(spec.profiles().toArray(new String[0]));
        }
        if (spec.solver() != null) {
            f = f.withSolver(spec.solver());
        }
        return f;
    }

    /** The fit of one subject (the same as its entry of {@link Fitter#bySubject()}). */
    public Fit fit(String subject) {
        Observations all = observations();
        if (!all.subjects().contains(Checks.notNull("subject", subject))) {
            throw Checks.unknown("subject", subject, all.subjects());
        }
        try {
            return fitter(all.subject(subject)).fit();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("subject " + subject + ": " + e.getMessage(), e);
        }
    }

    /** The fits of every subject on this machine, by subject in order of appearance. */
    public Map<String, Fit> bySubject() {
        return fitter(observations()).bySubject();
    }

    /** The job as pretty-printed JSON. */
    public String toJson() {
        ObjectNode root = StudyJson.headerTree(FORMAT, VERSION, spec.model());
        root.put("data", spec.data());
        root.put("dataSource", spec.source());
        if (!spec.map().isEmpty()) {
            ObjectNode m = root.putObject("map");
            spec.map().forEach(m::put);
        }
        if (spec.observe() != null) {
            root.put("observe", spec.observe());
        }
        if (!spec.dvUnit().isEmpty()) {
            root.put("dvUnit", spec.dvUnit());
        }
        ArrayNode e = root.putArray("estimate");
        spec.estimate().forEach(e::add);
        root.put("errorModel", spec.errorModel());
        root.put("starts", spec.starts());
        root.put("seed", spec.seed());
        if (spec.amountUnit() != null) {
            root.put("amountUnit", spec.amountUnit());
        }
        root.put("m3", spec.m3());
        ArrayNode p = root.putArray("profiles");
        spec.profiles().forEach(p::add);
        if (spec.solver() != null) {
            StudyJson.solverTree(root.putObject("solver"), spec.solver());
        }
        return StudyJson.text(root);
    }

    /** Parses a job from JSON text. */
    public static FitJob parse(String json) {
        return StudyJson.read(json, "fit job JSON", FitJob::fromTree);
    }

    /** Reads a job file (UTF-8, at most {@link CsvTable#MAX_BYTES}). */
    public static FitJob read(Path file) {
        return StudyJson.readFile(file, CsvTable.MAX_BYTES, "fit job file", FitJob::fromTree);
    }

    private static FitJob fromTree(JsonNode root) {
        Model model = StudyJson.header(root, TOP, FORMAT, VERSION);
        String data = ModelJson.text("data", root.get("data"));
        JsonNode e = root.get("estimate");
        if (e == null) {
            throw new IllegalArgumentException("no \"estimate\"; expected the parameters to estimate");
        }
        FitJob job = of(model, data, root.has("dataSource") ? ModelJson.text("dataSource", root.get("dataSource"))
            : "data", StudyJson.strings("estimate", e));
        if (root.has("map")) {
            JsonNode m = root.get("map");
            ModelJson.requireObject("map", m);
            Map<String, String> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> x = it.next();
                map.put(x.getKey(), ModelJson.text("map." + x.getKey(), x.getValue()));
            }
            job = job.withMap(map);
        }
        if (root.has("observe") || root.has("dvUnit")) {
            job = job.withNonmem(root.has("observe") ? ModelJson.text("observe", root.get("observe")) : null,
                root.has("dvUnit") ? ModelJson.text("dvUnit", root.get("dvUnit")) : "");
        }
        if (root.has("errorModel")) {
            job = job.withErrorModel(ModelJson.text("errorModel", root.get("errorModel")));
        }
        if (root.has("starts") || root.has("seed")) {
            JsonNode n = root.get("starts");
            JsonNode s = root.get("seed");
            if (n != null && (!n.isIntegralNumber() || !n.canConvertToInt())) {
                throw new IllegalArgumentException("starts = " + n + ": expected a whole number");
            }
            if (s != null && (!s.isIntegralNumber() || !s.canConvertToLong())) {
                throw new IllegalArgumentException("seed = " + s + ": expected a whole number (a long)");
            }
            job = job.withStarts(n != null ? n.intValue() : 1, s != null ? s.longValue() : 1);
        }
        if (root.has("amountUnit")) {
            job = job.withAmountUnit(ModelJson.text("amountUnit", root.get("amountUnit")));
        }
        if (root.has("m3")) {
            JsonNode m3 = root.get("m3");
            if (!m3.isBoolean()) {
                throw new IllegalArgumentException("m3 = " + m3 + ": expected true or false");
            }
            if (m3.booleanValue()) {
                job = job.withM3();
            }
        }
        if (root.has("profiles")) {
            job = job.withProfiles(StudyJson.strings("profiles", root.get("profiles")));
        }
        if (root.has("solver")) {
            job = job.withSolver(StudyJson.solver(root.get("solver")));
        }
        return job;
    }

    @Override
    public String toString() {
        return "Fit job: " + spec.estimate() + " of " + spec.model().name() + ", " + spec.errorModel() + " error, "
            + spec.starts() + " start" + (spec.starts() == 1 ? "" : "s");
    }
}
