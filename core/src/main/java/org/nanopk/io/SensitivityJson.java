package org.nanopk.io;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nanopk.Model;
import org.nanopk.internal.Checks;
import org.nanopk.internal.SafeFiles;
import org.nanopk.population.Sensitivity;

/**
 * A sensitivity analysis as JSON, a spec that can travel to a cluster's workers: the model, the readout
 * (declared, as in a {@link StudyJson study}) and its name, the output times, the parameters, the CV and
 * N of the Sobol design, and the solver. Written and read back, it gives bit for bit the same indices.
 *
 * <pre>{@code
 * {"format": "nanopk-sensitivity", "version": 1, "model": {...},
 *  "readoutName": "DE24", "readout": {"percentId": "Tumor", "at": 24},
 *  "times": [0, 24], "parameters": ["kEPR", "VmL"], "cv": 0.3, "samples": 512,
 *  "solver": {"method": "auto", "rtol": 1e-8, "atol": 1e-10}}
 * }</pre>
 */
public final class SensitivityJson {
    /** The format's name, the value of {@code "format"}. */
    public static final String FORMAT = "nanopk-sensitivity";
    /** The version written; files of this version or older are read. */
    public static final int VERSION = 1;

    private static final List<String> TOP = List.of("format", "version", "model", "readoutName", "readout", "times",
        "parameters", "cv", "samples", "solver");

    private SensitivityJson() {
    }

    /** Reads an analysis file (UTF-8, at most {@link ModelJson#MAX_FILE_BYTES}). */
    public static Sensitivity read(Path file) {
        return StudyJson.readFile(file, ModelJson.MAX_FILE_BYTES, "sensitivity file", SensitivityJson::fromTree);
    }

    /** Parses an analysis from JSON text. */
    public static Sensitivity parse(String json) {
        return StudyJson.read(json, "sensitivity JSON", SensitivityJson::fromTree);
    }

    private static Sensitivity fromTree(JsonNode root) {
        Model model = StudyJson.header(root, TOP, FORMAT, VERSION);
        JsonNode readout = root.get("readout");
        if (readout == null) {
            throw new IllegalArgumentException("no \"readout\"; expected what is analysed, e.g. {\"auc\": \"Tumor\"}");
        }
        String name = root.has("readoutName") ? ModelJson.text("readoutName", root.get("readoutName")) : "readout";
        Sensitivity s = Sensitivity.of(model, name, StudyJson.readout("readout", readout));
        if (root.has("times")) {
            s = s.withTimes(StudyJson.doubles("times", root.get("times")));
        }
        if (root.has("parameters")) {
            s = s.withParameters(StudyJson.strings("parameters", root.get("parameters")).toArray(new String[0]));
        }
        if (root.has("cv")) {
            s = s.withCv(ModelJson.number("cv", root.get("cv")));
        }
        if (root.has("samples")) {
            JsonNode n = root.get("samples");
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                throw new IllegalArgumentException("samples = " + n + ": expected a whole number");
            }
            s = s.withSamples(n.intValue());
        }
        if (root.has("solver")) {
            s = s.withSolver(StudyJson.solver(root.get("solver")));
        }
        return s;
    }

    /**
     * The analysis as pretty-printed JSON.
     *
     * @throws IllegalArgumentException if the readout is a function rather than a declared readout
     */
    public static String toJson(Sensitivity s) {
        Checks.notNull("sensitivity analysis", s);
        ObjectNode root = StudyJson.headerTree(FORMAT, VERSION, s.model());
        root.put("readoutName", s.readoutName());
        StudyJson.readoutTree(root.putObject("readout"), s.readoutName(), s.readout());
        ArrayNode times = root.putArray("times");
        for (double t : s.times()) {
            times.add(t);
        }
        ArrayNode ps = root.putArray("parameters");
        s.parameters().forEach(ps::add);
        root.put("cv", s.cv());
        root.put("samples", s.samples());
        StudyJson.solverTree(root.putObject("solver"), s.solver());
        return StudyJson.text(root);
    }

    /** Writes the analysis to a file (UTF-8), replacing it only once the new content is complete. */
    public static void write(Sensitivity s, Path file) {
        String json = toJson(s);
        SafeFiles.write(file, w -> w.write(json));
    }
}
