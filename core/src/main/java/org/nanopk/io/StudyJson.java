package org.nanopk.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.fit.ErrorModel;
import org.nanopk.internal.Checks;
import org.nanopk.internal.SafeFiles;
import org.nanopk.population.Population;
import org.nanopk.population.Readout;
import org.nanopk.solve.Solver;

/**
 * A population study as JSON, a spec that can travel (to a cluster's workers, into a file): the model,
 * the variability of its parameters, the body weight covariate, the residual error, the seed, the
 * solver and its tolerances, the output times, the tracked names, the percentiles and the readouts,
 * declared by what they read. Written and read back, a study gives bit for bit the same results.
 *
 * <pre>{@code
 * {"format": "nanopk-study", "version": 1,
 *  "model": {...a model file's object...},
 *  "variability": {"cv": {"kEPR": 0.3}, "omega": {"VmL": 0.29}},
 *  "bodyWeight": {"median": 0.025, "cv": 0.1, "exponents": {"QC": 0.75}},
 *  "residualError": {"kind": "proportional", "proportional": 0.1},
 *  "seed": 42, "solver": {"method": "auto", "rtol": 1e-6, "atol": 1e-10},
 *  "times": [0, 1, 2, 24], "track": ["Tumor"], "percentiles": [5, 50, 95],
 *  "readouts": {"DE24": {"percentId": "Tumor", "at": 24}, "DEmax": {"maxPercentId": "Tumor"},
 *               "AUC": {"auc": "Tumor"}, "Cmax": {"max": "Tumor"}, "Tmax": {"timeOfMax": "Tumor"},
 *               "A24": {"amount": "Tumor", "at": 24}}}
 * }</pre>
 * Variability is given as CVs (ω² = ln(1 + CV²)), ω's, or {@code "covariance": {"parameters": [...],
 * "matrix": [[...]]}}; a study is written with its covariance matrix (exact). The number of threads is not
 * part of a study (results do not depend on it).
 */
public final class StudyJson {
    /** The format's name, the value of {@code "format"}. */
    public static final String FORMAT = "nanopk-study";
    /** The version written; files of this version or older are read. */
    public static final int VERSION = 1;

    private static final List<String> TOP = List.of("format", "version", "model", "variability", "bodyWeight",
        "residualError", "seed", "solver", "times", "track", "percentiles", "readouts");
    private static final List<String> VARIABILITY = List.of("cv", "omega", "covariance");
    private static final List<String> SOLVER = List.of("method", "rtol", "atol", "maxSteps", "maxSteadyStateCycles");
    /** A readout's one field naming what it reads, and the time field of those read at a time. */
    private static final Map<String, Readout.Kind> READOUTS = Map.of("auc", Readout.Kind.AUC, "max",
        Readout.Kind.MAX, "timeOfMax", Readout.Kind.TIME_OF_MAX, "maxPercentId", Readout.Kind.MAX_PERCENT_ID,
        "amount", Readout.Kind.AMOUNT_AT, "percentId", Readout.Kind.PERCENT_ID_AT);

    private StudyJson() {
    }

    /** Reads a study file (UTF-8, at most {@link ModelJson#MAX_FILE_BYTES}). */
    public static Population.Study read(Path file) {
        return readFile(file, ModelJson.MAX_FILE_BYTES, "study file", StudyJson::fromTree);
    }

    /** Reads a JSON file of at most {@code maxBytes} (UTF-8) and builds from its tree, messages naming the file. */
    static <T> T readFile(Path file, long maxBytes, String what, java.util.function.Function<JsonNode, T> build) {
        Checks.notNull(what, file);
        return read(SafeFiles.readText(file, maxBytes, what), file.toString(), build);
    }

    /** Parses a study from JSON text. */
    public static Population.Study parse(String json) {
        return parse(json, "study JSON");
    }

    private static Population.Study parse(String json, String source) {
        return read(json, source, StudyJson::fromTree);
    }

    /** Parses JSON text and builds from its tree, every message prefixed by where it came from. */
    static <T> T read(String json, String source, java.util.function.Function<JsonNode, T> build) {
        Checks.notNull(source, json);
        JsonNode root;
        try {
            root = ModelJson.MAPPER.readTree(json.startsWith("\uFEFF") ? json.substring(1) : json);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            throw new IllegalArgumentException(source + ": malformed JSON" + (loc != null ? " at line "
                + loc.getLineNr() + ", column " + loc.getColumnNr() : "") + ": " + e.getOriginalMessage(), e);
        }
        try {
            return build.apply(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** Checks the top object's fields, format and version, and reads its "model". */
    static Model header(JsonNode root, List<String> fields, String format, int maxVersion) {
        ModelJson.requireObject("$", root);
        ModelJson.checkFields("$", root, fields);
        if (!format.equals(ModelJson.text("format", root.get("format")))) {
            throw new IllegalArgumentException("format '" + root.get("format").asText() + "'; expected '" + format
                + "'");
        }
        double version = ModelJson.number("version", root.get("version"));
        if (version != Math.rint(version) || version < 1 || version > maxVersion) {
            throw new IllegalArgumentException("version " + root.get("version") + "; expected 1 to " + maxVersion);
        }
        JsonNode modelNode = root.get("model");
        if (modelNode == null) {
            throw new IllegalArgumentException("no \"model\"; expected the model as a JSON object");
        }
        try {
            return ModelJson.fromTree(modelNode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model: " + e.getMessage(), e);
        }
    }

    private static Population.Study fromTree(JsonNode root) {
        Model model = header(root, TOP, FORMAT, VERSION);
        Population pop = Population.of(model);
        if (root.has("variability")) {
            pop = variability(pop, root.get("variability"));
        }
        if (root.has("bodyWeight")) {
            JsonNode bw = root.get("bodyWeight");
            ModelJson.requireObject("bodyWeight", bw);
            ModelJson.checkFields("bodyWeight", bw, List.of("median", "cv", "exponents"));
            pop = pop.withBodyWeight(ModelJson.number("bodyWeight.median", bw.get("median")),
                bw.has("cv") ? ModelJson.number("bodyWeight.cv", bw.get("cv")) : 0,
                bw.has("exponents") ? numbers("bodyWeight.exponents", bw.get("exponents")) : Map.of());
        }
        if (root.has("residualError")) {
            pop = pop.withResidualError(errorModel(root.get("residualError")));
        }
        if (root.has("seed")) {
            JsonNode seed = root.get("seed");
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                throw new IllegalArgumentException("seed = " + seed + ": expected a whole number (a long)");
            }
            pop = pop.withSeed(seed.longValue());
        }
        if (root.has("solver")) {
            pop = pop.withSolver(solver(root.get("solver")));
        }
        JsonNode times = root.get("times");
        if (times == null) {
            throw new IllegalArgumentException("no \"times\"; expected the output times (h) as an array");
        }
        Population.Study study = pop.study(doubles("times", times));
        if (root.has("track")) {
            study = study.track(strings("track", root.get("track")).toArray(new String[0]));
        }
        if (root.has("percentiles")) {
            study = study.percentiles(doubles("percentiles", root.get("percentiles")));
        }
        if (root.has("readouts")) {
            JsonNode r = root.get("readouts");
            ModelJson.requireObject("readouts", r);
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                study = study.readout(e.getKey(), readout("readouts." + e.getKey(), e.getValue()));
            }
        }
        return study;
    }

    private static Population variability(Population pop, JsonNode v) {
        ModelJson.requireObject("variability", v);
        ModelJson.checkFields("variability", v, VARIABILITY);
        if (v.has("covariance")) {
            JsonNode c = v.get("covariance");
            ModelJson.requireObject("variability.covariance", c);
            ModelJson.checkFields("variability.covariance", c, List.of("parameters", "matrix"));
            JsonNode ps = c.get("parameters");
            if (ps == null) {
                throw new IllegalArgumentException("variability.covariance: no \"parameters\"; expected their names");
            }
            List<String> names = strings("variability.covariance.parameters", ps);
            JsonNode m = c.get("matrix");
            if (m == null) {
                throw new IllegalArgumentException("variability.covariance: no \"matrix\"; expected one row per "
                    + "parameter");
            }
            ModelJson.requireArray("variability.covariance.matrix", m);
            double[][] rows = new double[m.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = doubles("variability.covariance.matrix[" + i + "]", m.get(i));
            }
            pop = pop.withCovariance(names, rows);
        }
        if (v.has("cv")) {
            for (Map.Entry<String, Double> e : numbers("variability.cv", v.get("cv")).entrySet()) {
                pop = pop.withVariability(e.getKey(), e.getValue());
            }
        }
        if (v.has("omega")) {
            for (Map.Entry<String, Double> e : numbers("variability.omega", v.get("omega")).entrySet()) {
                pop = pop.withOmega(e.getKey(), e.getValue());
            }
        }
        return pop;
    }

    private static ErrorModel errorModel(JsonNode e) {
        ModelJson.requireObject("residualError", e);
        ModelJson.checkFields("residualError", e, List.of("kind", "additive", "proportional"));
        String kind = ModelJson.text("residualError.kind", e.get("kind"));
        ErrorModel.Kind k = switch (kind) {
            case "additive" -> ErrorModel.Kind.ADDITIVE;
            case "proportional" -> ErrorModel.Kind.PROPORTIONAL;
            case "combined" -> ErrorModel.Kind.COMBINED;
            default -> throw new IllegalArgumentException("residualError.kind '" + kind + "'; known: additive, "
                + "proportional, combined");
        };
        double a = k == ErrorModel.Kind.PROPORTIONAL ? Double.NaN
            : ModelJson.number("residualError.additive", e.get("additive"));
        double b = k == ErrorModel.Kind.ADDITIVE ? Double.NaN
            : ModelJson.number("residualError.proportional", e.get("proportional"));
        return new ErrorModel(k, a, b, false);
    }

    static Solver solver(JsonNode s) {
        ModelJson.requireObject("solver", s);
        ModelJson.checkFields("solver", s, SOLVER);
        Solver solver = Solver.named(s.has("method") ? ModelJson.text("solver.method", s.get("method")) : "auto");
        if (s.has("rtol") || s.has("atol")) {
            solver = solver.withTolerances(s.has("rtol") ? ModelJson.number("solver.rtol", s.get("rtol"))
                : solver.relativeTolerance(), s.has("atol") ? ModelJson.number("solver.atol", s.get("atol"))
                : solver.absoluteTolerance());
        }
        if (s.has("maxSteps")) {
            solver = solver.withMaxSteps(whole("solver.maxSteps", s.get("maxSteps")));
        }
        if (s.has("maxSteadyStateCycles")) {
            solver = solver.withMaxSteadyStateCycles(whole("solver.maxSteadyStateCycles",
                s.get("maxSteadyStateCycles")));
        }
        return solver;
    }

    static Readout readout(String where, JsonNode r) {
        ModelJson.requireObject(where, r);
        Readout.Kind kind = null;
        String name = null;
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equals("at")) {
                continue;
            }
            if (!READOUTS.containsKey(f) || kind != null) {
                throw new IllegalArgumentException(where + ": field '" + f + "'; expected one of "
                    + new java.util.TreeSet<>(READOUTS.keySet()) + " naming a compartment or output (and \"at\" for "
                    + "amount and percentId)");
            }
            kind = READOUTS.get(f);
            name = ModelJson.text(where + "." + f, r.get(f));
        }
        if (kind == null) {
            throw new IllegalArgumentException(where + ": no readout; expected one of "
                + new java.util.TreeSet<>(READOUTS.keySet()) + " naming a compartment or output");
        }
        boolean timed = kind == Readout.Kind.AMOUNT_AT || kind == Readout.Kind.PERCENT_ID_AT;
        if (timed != r.has("at")) {
            throw new IllegalArgumentException(where + ": " + (timed ? "no \"at\"; expected the time (h) it reads at"
                : "\"at\" given; only amount and percentId read at a time"));
        }
        return switch (kind) {
            case AUC -> Readout.auc(name);
            case MAX -> Readout.max(name);
            case TIME_OF_MAX -> Readout.timeOfMax(name);
            case MAX_PERCENT_ID -> Readout.maxPercentId(name);
            case AMOUNT_AT -> Readout.amountAt(name, ModelJson.number(where + ".at", r.get("at")));
            case PERCENT_ID_AT -> Readout.percentIdAt(name, ModelJson.number(where + ".at", r.get("at")));
        };
    }

    private static int whole(String where, JsonNode n) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException(where + " = " + n + ": expected a whole number");
        }
        return n.intValue();
    }

    /** An array of strings. */
    static List<String> strings(String where, JsonNode a) {
        ModelJson.requireArray(where, a);
        List<String> v = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            v.add(ModelJson.text(where + "[" + i + "]", a.get(i)));
        }
        return v;
    }

    static double[] doubles(String where, JsonNode a) {
        ModelJson.requireArray(where, a);
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ModelJson.number(where + "[" + i + "]", a.get(i));
        }
        return v;
    }

    private static Map<String, Double> numbers(String where, JsonNode o) {
        ModelJson.requireObject(where, o);
        Map<String, Double> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), ModelJson.number(where + "." + e.getKey(), e.getValue()));
        }
        return m;
    }

    // ---- writing -------------------------------------------------------------------------------

    /**
     * The study as pretty-printed JSON.
     *
     * @throws IllegalArgumentException if a readout is a function rather than a declared {@link Readout}
     */
    public static String toJson(Population.Study study) {
        return text(toTree(study));
    }

    /** Writes the study to a file (UTF-8), replacing it only once the new content is complete. */
    public static void write(Population.Study study, Path file) {
        String json = toJson(study);
        SafeFiles.write(file, w -> w.write(json));
    }

    private static ObjectNode toTree(Population.Study study) {
        Checks.notNull("study", study);
        Population pop = study.population();
        ObjectNode root = headerTree(FORMAT, VERSION, pop.model());
        if (!pop.parameters().isEmpty()) {
            ObjectNode cov = root.putObject("variability").putObject("covariance");
            ArrayNode names = cov.putArray("parameters");
            pop.parameters().forEach(names::add);
            ArrayNode m = cov.putArray("matrix");
            for (double[] row : pop.omega()) {
                ArrayNode r = m.addArray();
                for (double x : row) {
                    r.add(x);
                }
            }
        }
        if (!Double.isNaN(pop.bodyWeightMedian())) {
            ObjectNode bw = root.putObject("bodyWeight");
            bw.put("median", pop.bodyWeightMedian());
            bw.put("cv", pop.bodyWeightCv());
            ObjectNode ex = bw.putObject("exponents");
            pop.allometry().forEach(ex::put);
        }
        pop.residualError().ifPresent(e -> {
            ObjectNode r = root.putObject("residualError");
            r.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
            if (e.kind() != ErrorModel.Kind.PROPORTIONAL) {
                r.put("additive", e.additive());
            }
            if (e.kind() != ErrorModel.Kind.ADDITIVE) {
                r.put("proportional", e.proportional());
            }
        });
        root.put("seed", pop.seed());
        solverTree(root.putObject("solver"), pop.solver());
        ArrayNode times = root.putArray("times");
        for (double t : study.times()) {
            times.add(t);
        }
        ArrayNode track = root.putArray("track");
        study.tracked().forEach(track::add);
        ArrayNode pc = root.putArray("percentiles");
        for (double p : study.percentileList()) {
            pc.add(p);
        }
        ObjectNode readouts = root.putObject("readouts");
        for (Map.Entry<String, ToDoubleFunction<Simulation>> e : study.readouts().entrySet()) {
            readoutTree(readouts.putObject(e.getKey()), e.getKey(), e.getValue());
        }
        return root;
    }

    /** The top object: format, version and model. */
    static ObjectNode headerTree(String format, int version, Model model) {
        ObjectNode root = ModelJson.MAPPER.createObjectNode();
        root.put("format", format);
        root.put("version", version);
        root.set("model", ModelJson.toTree(model));
        return root;
    }

    /** Pretty-printed JSON of a tree. */
    static String text(ObjectNode root) {
        try {
            return ModelJson.MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A solver's method, tolerances and limits. */
    static void solverTree(ObjectNode o, Solver s) {
        o.put("method", s.name());
        o.put("rtol", s.relativeTolerance());
        o.put("atol", s.absoluteTolerance());
        o.put("maxSteps", s.maxSteps());
        o.put("maxSteadyStateCycles", s.maxSteadyStateCycles());
    }

    /** A declared readout: the field naming what it reads, and "at" for those read at a time. */
    static void readoutTree(ObjectNode o, String name, ToDoubleFunction<Simulation> f) {
        if (!(f instanceof Readout r)) {
            throw new IllegalArgumentException("readout " + name + " is a function, which JSON cannot hold; "
                + "expected a declared Readout (auc, max, timeOfMax, maxPercentId, amountAt, percentIdAt)");
        }
        String field = READOUTS.entrySet().stream().filter(x -> x.getValue() == r.kind()).findFirst()
            .orElseThrow().getKey();
        o.put(field, r.name());
        if (!Double.isNaN(r.time())) {
            o.put("at", r.time());
        }
    }
}
