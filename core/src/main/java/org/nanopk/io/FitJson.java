package org.nanopk.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nanopk.Fit;
import org.nanopk.Model;
import org.nanopk.internal.Checks;
import org.nanopk.internal.SafeFiles;

/**
 * A fit's result as JSON: everything {@link Fit.Summary} holds (the fitted model, the estimates with
 * their standard errors and intervals, the correlation, the objective, residuals, curves and the
 * optimiser's report), so that a fit made elsewhere (on a cluster's worker) reads back as the same
 * {@link Fit}: the same table, warnings, CSV files and charts. Numbers that are not finite are written
 * as the strings "NaN", "Infinity" and "-Infinity".
 */
public final class FitJson {
    /** The format's name, the value of {@code "format"}. */
    public static final String FORMAT = "nanopk-fit";
    /** The version written; files of this version or older are read. */
    public static final int VERSION = 1;

    private static final List<String> TOP = List.of("format", "version", "model", "estimates", "correlation",
        "conditionNumber", "objective", "observations", "residuals", "iterations", "evaluations", "converged",
        "reason", "starts", "errorModel", "unidentified", "curves", "comparisons");

    private FitJson() {
    }

    /** The fit as pretty-printed JSON. */
    public static String toJson(Fit fit) {
        Fit.Summary s = Checks.notNull("fit", fit).summary();
        ObjectNode root = StudyJson.headerTree(FORMAT, VERSION, s.model());
        ArrayNode es = root.putArray("estimates");
        for (Fit.Estimate e : s.estimates()) {
            ObjectNode o = es.addObject();
            o.put("name", e.name());
            put(o, "value", e.value());
            put(o, "se", e.se());
            put(o, "seEstimationScale", e.seEstimationScale());
            put(o, "rse", e.rse());
            put(o, "lower", e.lower());
            put(o, "upper", e.upper());
            o.put("logScale", e.logScale());
            o.put("errorParameter", e.errorParameter());
            put(o, "profileLower", e.profileLower());
            put(o, "profileUpper", e.profileUpper());
            o.put("unit", e.unit());
            put(o, "lowerBound", e.lowerBound());
            put(o, "upperBound", e.upperBound());
            o.put("atBound", e.atBound());
        }
        ArrayNode corr = root.putArray("correlation");
        for (double[] row : s.correlation()) {
            ArrayNode r = corr.addArray();
            for (double x : row) {
                add(r, x);
            }
        }
        put(root, "conditionNumber", s.conditionNumber());
        put(root, "objective", s.objective());
        root.put("observations", s.observations());
        ArrayNode res = root.putArray("residuals");
        for (Fit.Residual r : s.residuals()) {
            ObjectNode o = res.addObject();
            o.put("subject", r.subject());
            put(o, "time", r.time());
            o.put("name", r.name());
            put(o, "observed", r.observed());
            put(o, "predicted", r.predicted());
            put(o, "raw", r.raw());
            put(o, "weighted", r.weighted());
            o.put("censored", r.censored());
            o.put("unit", r.unit());
        }
        root.put("iterations", s.iterations());
        root.put("evaluations", s.evaluations());
        root.put("converged", s.converged());
        root.put("reason", s.reason());
        root.put("starts", s.starts());
        root.put("errorModel", s.errorModel());
        ArrayNode un = root.putArray("unidentified");
        s.unidentified().forEach(un::add);
        ArrayNode curves = root.putArray("curves");
        for (Fit.Curve c : s.curves()) {
            ObjectNode o = curves.addObject();
            o.put("subject", c.subject());
            o.put("name", c.name());
            o.put("unit", c.unit());
            ArrayNode t = o.putArray("times");
            for (double x : c.times()) {
                add(t, x);
            }
            ArrayNode v = o.putArray("values");
            for (double x : c.values()) {
                add(v, x);
            }
        }
        ArrayNode cmp = root.putArray("comparisons");
        s.comparisons().forEach(cmp::add);
        return StudyJson.text(root);
    }

    /** Writes the fit to a file (UTF-8), replacing it only once the new content is complete. */
    public static void write(Fit fit, Path file) {
        String json = toJson(fit);
        SafeFiles.write(file, w -> w.write(json));
    }

    /** Parses a fit from JSON text. */
    public static Fit parse(String json) {
        return StudyJson.read(json, "fit JSON", FitJson::fromTree);
    }

    /** Reads a fit file (UTF-8, at most {@link ModelJson#MAX_FILE_BYTES}). */
    public static Fit read(Path file) {
        return StudyJson.readFile(file, ModelJson.MAX_FILE_BYTES, "fit file", FitJson::fromTree);
    }

    private static Fit fromTree(JsonNode root) {
        Model model = StudyJson.header(root, TOP, FORMAT, VERSION);
        List<Fit.Estimate> estimates = new ArrayList<>();
        JsonNode es = array(root, "estimates");
        for (int i = 0; i < es.size(); i++) {
            JsonNode o = es.get(i);
            String w = "estimates[" + i + "]";
            estimates.add(new Fit.Estimate(text(o, w, "name"), num(o, w, "value"), num(o, w, "se"),
                num(o, w, "seEstimationScale"), num(o, w, "rse"), num(o, w, "lower"), num(o, w, "upper"),
                bool(o, w, "logScale"), bool(o, w, "errorParameter"), num(o, w, "profileLower"),
                num(o, w, "profileUpper"), text(o, w, "unit"), num(o, w, "lowerBound"), num(o, w, "upperBound"),
                bool(o, w, "atBound")));
        }
        JsonNode c = array(root, "correlation");
        double[][] corr = new double[c.size()][];
        for (int i = 0; i < corr.length; i++) {
            corr[i] = doubles(c.get(i), "correlation[" + i + "]");
        }
        List<Fit.Residual> residuals = new ArrayList<>();
        JsonNode rs = array(root, "residuals");
        for (int i = 0; i < rs.size(); i++) {
            JsonNode o = rs.get(i);
            String w = "residuals[" + i + "]";
            residuals.add(new Fit.Residual(text(o, w, "subject"), num(o, w, "time"), text(o, w, "name"),
                num(o, w, "observed"), num(o, w, "predicted"), num(o, w, "raw"), num(o, w, "weighted"),
                bool(o, w, "censored"), text(o, w, "unit")));
        }
        List<Fit.Curve> curves = new ArrayList<>();
        JsonNode cs = array(root, "curves");
        for (int i = 0; i < cs.size(); i++) {
            JsonNode o = cs.get(i);
            String w = "curves[" + i + "]";
            curves.add(new Fit.Curve(text(o, w, "subject"), text(o, w, "name"), text(o, w, "unit"),
                doubles(o.get("times"), w + ".times"), doubles(o.get("values"), w + ".values")));
        }
        return Fit.of(new Fit.Summary(model, estimates, corr, num(root, "$", "conditionNumber"),
            num(root, "$", "objective"), whole(root, "observations"), residuals, whole(root, "iterations"),
            whole(root, "evaluations"), bool(root, "$", "converged"), text(root, "$", "reason"),
            whole(root, "starts"), text(root, "$", "errorModel"),
            StudyJson.strings("unidentified", array(root, "unidentified")), curves,
            StudyJson.strings("comparisons", array(root, "comparisons"))));
    }

    private static void put(ObjectNode o, String field, double x) {
        if (Double.isFinite(x)) {
            o.put(field, x);
        } else {
            o.put(field, Double.toString(x));
        }
    }

    private static void add(ArrayNode a, double x) {
        if (Double.isFinite(x)) {
            a.add(x);
        } else {
            a.add(Double.toString(x));
        }
    }

    private static double num(JsonNode o, String where, String field) {
        return number(o.get(field), where + "." + field);
    }

    private static double number(JsonNode n, String where) {
        if (n != null && n.isTextual()) {
            return switch (n.asText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException(where + " = \"" + n.asText() + "\": expected a number, "
                    + "\"NaN\", \"Infinity\" or \"-Infinity\"");
            };
        }
        return ModelJson.number(where, n);
    }

    private static double[] doubles(JsonNode a, String where) {
        if (a == null) {
            throw new IllegalArgumentException(where + ": missing; expected an array of numbers");
        }
        ModelJson.requireArray(where, a);
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(a.get(i), where + "[" + i + "]");
        }
        return v;
    }

    private static String text(JsonNode o, String where, String field) {
        return ModelJson.text(where + "." + field, o.get(field));
    }

    private static boolean bool(JsonNode o, String where, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isBoolean()) {
            throw new IllegalArgumentException(where + "." + field + ": expected true or false");
        }
        return n.booleanValue();
    }

    private static int whole(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException(field + " = " + n + ": expected a whole number");
        }
        return n.intValue();
    }

    private static JsonNode array(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null) {
            throw new IllegalArgumentException("no \"" + field + "\"; expected an array");
        }
        ModelJson.requireArray(field, n);
        return n;
    }

}
