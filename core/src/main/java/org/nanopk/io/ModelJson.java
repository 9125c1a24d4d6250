package org.nanopk.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nanopk.Compartment;
import org.nanopk.Dose;
import org.nanopk.Integral;
import org.nanopk.Model;
import org.nanopk.Output;
import org.nanopk.RateLaw;
import org.nanopk.Transfer;
import org.nanopk.internal.Checks;
import org.nanopk.internal.SafeFiles;

/**
 * The JSON model file format: read, write, and a round trip that returns an equal model.
 *
 * <pre>{@code
 * {
 *   "name": "two-compartment with saturable uptake",
 *   "parameters": {"k": 0.1, "VmL": 20, "KmL": 5, "BW": 0.02, "QC": "16.5*BW^0.75"},
 *   "compartments": [{"name": "blood", "volume": 1.7}, {"name": "urine", "sink": true}],
 *   "transfers": [{"from": "blood", "to": "urine", "law": {"type": "firstOrder", "k": "k"}}],
 *   "outputs": {"Cblood": "blood/1.7"},
 *   "doses": [{"into": "blood", "amount": 100, "time": 0}]
 * }
 * }</pre>
 *
 * <p>Every number field may instead be a string: a parameter name or an expression of parameters.
 * Outputs are strings, or objects {@code {"expression": ..., "mass": ...}}; {@code integrals} maps
 * names to integrands. Doses have {@code into, amount, time, duration | rate, every, count,
 * steadyState, reset}. Errors name the JSON path, e.g.
 * {@code transfers[3].law.km: unknown parameter 'Km_L'; known: KmL, VmL, k}.
 */
public final class ModelJson {
    /** Largest model file read (bytes); larger files are rejected before they are read. */
    public static final long MAX_FILE_BYTES = 16L << 20;

    static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(64).maxStringLength(1 << 20).maxNumberLength(100).build());
    }

    private static final List<String> TOP = List.of("name", "parameters", "compartments", "transfers", "outputs",
        "integrals", "doses", "description");
    private static final List<String> COMPARTMENT = List.of("name", "volume", "mass", "sink", "bioavailability",
        "lag", "duration", "rate");
    private static final List<String> TRANSFER = List.of("from", "to", "law");
    private static final List<String> DOSE = List.of("into", "amount", "time", "duration", "rate", "every", "count",
        "additional", "interval", "steadyState", "reset");
    private ModelJson() {
    }

    /** Reads a model file (UTF-8, at most {@link #MAX_FILE_BYTES}, counted while reading). */
    public static Model read(Path file) {
        Checks.notNull("model file", file);
        return parse(SafeFiles.readText(file, MAX_FILE_BYTES, "model file"), file.toString());
    }

    /** Reads a model from a stream (UTF-8, at most {@link #MAX_FILE_BYTES}). */
    public static Model read(InputStream in, String source) {
        Checks.notNull("input", in);
        try {
            byte[] b = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (b.length > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(source + ": model larger than " + MAX_FILE_BYTES
                    + " bytes; expected a smaller file");
            }
            return parse(SafeFiles.decode(b, source), source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Parses a model from JSON text. */
    public static Model parse(String json) {
        return parse(json, "model JSON");
    }

    private static Model parse(String json, String source) {
        Checks.notNull("model JSON", json);
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            String msg = e.getOriginalMessage();
            var loc = e.getLocation();
            throw new IllegalArgumentException(source + ": malformed JSON"
                + (loc != null ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "") + ": "
                + msg, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException(source + ": empty; expected a JSON object describing a model");
        }
        try {
            return fromTree(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    static Model fromTree(JsonNode root) {
        requireObject("$", root);
        checkFields("$", root, TOP);
        String name = root.has("name") ? text("name", root.get("name")) : "model";
        Model.Builder b = Model.builder(name);
        JsonNode params = root.get("parameters");
        if (params != null && !params.isNull()) {
            requireObject("parameters", params);
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = "parameters." + e.getKey();
                Checks.name(where + ": parameter name", e.getKey());
                b.parameter(e.getKey(), value(where, e.getValue()));
            }
        }
        JsonNode comps = root.get("compartments");
        if (comps == null) {
            throw new IllegalArgumentException("compartments: missing; expected an array of compartments");
        }
        requireArray("compartments", comps);
        for (int i = 0; i < comps.size(); i++) {
            b.compartment(compartment("compartments[" + i + "]", comps.get(i)));
        }
        JsonNode transfers = root.get("transfers");
        if (transfers != null && !transfers.isNull()) {
            requireArray("transfers", transfers);
            for (int i = 0; i < transfers.size(); i++) {
                b.transfer(transfer("transfers[" + i + "]", transfers.get(i)));
            }
        }
        JsonNode outputs = root.get("outputs");
        if (outputs != null && !outputs.isNull()) {
            requireObject("outputs", outputs);
            for (Iterator<Map.Entry<String, JsonNode>> it = outputs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                b.output(output("outputs." + e.getKey(), e.getKey(), e.getValue()));
            }
        }
        JsonNode integrals = root.get("integrals");
        if (integrals != null && !integrals.isNull()) {
            requireObject("integrals", integrals);
            for (Iterator<Map.Entry<String, JsonNode>> it = integrals.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = "integrals." + e.getKey();
                Checks.name(where + ": integral name", e.getKey());
                b.integral(new Integral(e.getKey(), value(where, e.getValue())));
            }
        }
        JsonNode doses = root.get("doses");
        if (doses != null && !doses.isNull()) {
            requireArray("doses", doses);
            for (int i = 0; i < doses.size(); i++) {
                b.dose(dose("doses[" + i + "]", doses.get(i)));
            }
        }
        return b.build();
    }

    private static Compartment compartment(String where, JsonNode n) {
        requireObject(where, n);
        checkFields(where, n, COMPARTMENT);
        if (!n.has("name")) {
            throw new IllegalArgumentException(where + ": missing field 'name'");
        }
        String name = text(where + ".name", n.get("name"));
        Checks.name(where + ".name: compartment name", name);
        boolean sink = n.has("sink") && bool(where + ".sink", n.get("sink"));
        return new Compartment(name, opt(where + ".volume", n.get("volume")), opt(where + ".mass", n.get("mass")),
            sink, opt(where + ".bioavailability", n.get("bioavailability")), opt(where + ".lag", n.get("lag")),
            opt(where + ".duration", n.get("duration")), opt(where + ".rate", n.get("rate")));
    }

    private static Transfer transfer(String where, JsonNode n) {
        requireObject(where, n);
        checkFields(where, n, TRANSFER);
        for (String f : TRANSFER) {
            if (!n.has(f)) {
                throw new IllegalArgumentException(where + ": missing field '" + f + "'; expected from, to and law");
            }
        }
        String from = text(where + ".from", n.get("from"));
        String to = text(where + ".to", n.get("to"));
        Checks.name(where + ".from: compartment name", from);
        Checks.name(where + ".to: compartment name", to);
        return new Transfer(from, to, law(where + ".law", n.get("law")));
    }

    private static RateLaw law(String where, JsonNode n) {
        requireObject(where, n);
        if (!n.has("type")) {
            throw new IllegalArgumentException(where + ": missing field 'type'; known types: "
                + String.join(", ", RateLaw.types()));
        }
        String type = text(where + ".type", n.get("type"));
        if (!RateLaw.types().contains(type)) {
            throw new IllegalArgumentException(where + ".type: unknown law type '" + type + "'; known: "
                + String.join(", ", RateLaw.types()));
        }
        List<String> fields = RateLaw.fieldsOf(type);
        List<String> allowed = new ArrayList<>(fields);
        allowed.add("type");
        checkFields(where, n, allowed);
        return RateLaw.of(type, f -> {
            if (!n.has(f)) {
                throw new IllegalArgumentException(where + ": missing field '" + f + "' of " + type + "; expected "
                    + String.join(", ", fields));
            }
            return value(where + "." + f, n.get(f));
        });
    }

    private static Output output(String where, String name, JsonNode n) {
        Checks.name(where + ": output name", name);
        if (n.isObject()) {
            checkFields(where, n, List.of("expression", "mass", "volume", "unit"));
            if (!n.has("expression")) {
                throw new IllegalArgumentException(where + ": missing field 'expression'");
            }
            JsonNode unit = n.get("unit");
            if (unit != null && !unit.isNull() && !unit.isTextual()) {
                throw new IllegalArgumentException(where + ".unit: " + unit + "; expected a unit such as \"mg/L\"");
            }
            return new Output(name, value(where + ".expression", n.get("expression")),
                opt(where + ".mass", n.get("mass")), opt(where + ".volume", n.get("volume")),
                unit == null || unit.isNull() ? null : unit.asText());
        }
        return new Output(name, value(where, n), null);
    }

    private static Dose dose(String where, JsonNode n) {
        requireObject(where, n);
        checkFields(where, n, DOSE);
        boolean reset = n.has("reset") && bool(where + ".reset", n.get("reset"));
        double time = n.has("time") ? number(where + ".time", n.get("time")) : 0;
        if (!n.has("into")) {
            if (reset) {
                return Dose.reset(time);
            }
            throw new IllegalArgumentException(where + ": missing field 'into' (the dosed compartment)");
        }
        String into = text(where + ".into", n.get("into"));
        if (!n.has("amount")) {
            throw new IllegalArgumentException(where + ": missing field 'amount'");
        }
        double amount = number(where + ".amount", n.get("amount"));
        // two spellings of one NONMEM field are contradictory together, whatever their values
        for (String[] pair : new String[][] {{"count", "additional"}, {"every", "interval"}, {"rate", "duration"}}) {
            if (n.has(pair[0]) && n.has(pair[1])) {
                throw new IllegalArgumentException(where + ": both '" + pair[0] + "' (" + n.get(pair[0]) + ") and '"
                    + pair[1] + "' (" + n.get(pair[1]) + ") are given; expected one of them ("
                    + (pair[0].equals("count") ? "count = doses in all, additional = doses after the first"
                        : pair[0].equals("every") ? "both are the dosing interval in h"
                        : "an infusion has a rate or a duration") + ")");
            }
        }
        double rate = n.has("rate") ? number(where + ".rate", n.get("rate")) : 0;
        double duration = n.has("duration") ? number(where + ".duration", n.get("duration")) : 0;
        double interval = n.has("every") ? number(where + ".every", n.get("every"))
            : n.has("interval") ? number(where + ".interval", n.get("interval")) : 0;
        int additional = 0;
        if (n.has("count")) {
            int count = integer(where + ".count", n.get("count"));
            if (count < 1) {
                throw new IllegalArgumentException(where + ".count = " + count + ": expected at least 1 dose");
            }
            additional = count - 1;
        }
        if (n.has("additional")) {
            additional = integer(where + ".additional", n.get("additional"));
        }
        int ss = n.has("steadyState") ? integer(where + ".steadyState", n.get("steadyState")) : 0;
        try {
            return new Dose(reset ? Dose.Kind.RESET_AND_DOSE : Dose.Kind.DOSE, into, time, amount, rate, duration,
                interval, additional, ss);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    // ---- field helpers -------------------------------------------------------------------------

    static String kind(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isNumber()) {
            return "a number";
        }
        return "a string";
    }

    static void requireObject(String where, JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object, got " + kind(n));
        }
    }

    static void requireArray(String where, JsonNode n) {
        if (!n.isArray()) {
            throw new IllegalArgumentException(where + ": expected a JSON array, got " + kind(n));
        }
    }

    static void checkFields(String where, JsonNode n, List<String> known) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new IllegalArgumentException(where + ": unknown field '" + f + "'; known: "
                    + String.join(", ", known));
            }
        }
    }

    static String text(String where, JsonNode n) {
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(where + ": expected a string, got " + kind(n));
        }
        return n.asText();
    }

    private static boolean bool(String where, JsonNode n) {
        if (!n.isBoolean()) {
            throw new IllegalArgumentException(where + ": expected true or false, got " + kind(n));
        }
        return n.asBoolean();
    }

    static double number(String where, JsonNode n) {
        if (n == null || !n.isNumber()) {
            throw new IllegalArgumentException(where + ": expected a number, got " + kind(n));
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(where + " = " + n.asText() + ": expected a finite number");
        }
        return v;
    }

    private static int integer(String where, JsonNode n) {
        double v = number(where, n);
        if (v != Math.rint(v) || Math.abs(v) > 1_000_000) {
            throw new IllegalArgumentException(where + " = " + n.asText()
                + ": expected a whole number between -1000000 and 1000000");
        }
        return (int) v;
    }

    /** A number, or a string holding a parameter name or expression. */
    private static String value(String where, JsonNode n) {
        if (n != null && n.isNumber()) {
            return Checks.number(where, number(where, n));
        }
        if (n != null && n.isTextual()) {
            String s = n.asText().trim();
            if (s.isEmpty()) {
                throw new IllegalArgumentException(where + ": empty string; expected a number, a parameter name "
                    + "or an expression");
            }
            return s;
        }
        throw new IllegalArgumentException(where + ": expected a number or a string (a parameter name or an "
            + "expression), got " + kind(n));
    }

    private static String opt(String where, JsonNode n) {
        return n == null || n.isNull() ? null : value(where, n);
    }

    // ---- writing -------------------------------------------------------------------------------

    /** The model as pretty-printed JSON. */
    public static String toJson(Model model) {
        try {
            return MAPPER.writeValueAsString(toTree(model)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the model to a file (UTF-8). */
    public static void write(Model model, Path file) {
        String json = toJson(model);
        SafeFiles.write(file, w -> w.write(json));
    }

    static ObjectNode toTree(Model m) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("name", m.name());
        ObjectNode params = root.putObject("parameters");
        m.parameterDefinitions().forEach((k, v) -> put(params, k, v));
        ArrayNode comps = root.putArray("compartments");
        for (Compartment c : m.compartments()) {
            ObjectNode o = comps.addObject();
            o.put("name", c.name());
            if (c.sink()) {
                o.put("sink", true);
            }
            putOpt(o, "volume", c.volume());
            putOpt(o, "mass", c.mass());
            putOpt(o, "bioavailability", c.bioavailability());
            putOpt(o, "lag", c.lag());
            putOpt(o, "duration", c.duration());
            putOpt(o, "rate", c.rate());
        }
        ArrayNode trans = root.putArray("transfers");
        for (Transfer t : m.transfers()) {
            if (t.law() instanceof RateLaw.Custom c) {
                throw new IllegalArgumentException("transfer " + t.from() + " -> " + t.to() + " has a custom law ("
                    + c.description() + "), which is Java code and cannot be written to a model file; "
                    + "use an expression law instead");
            }
            ObjectNode o = trans.addObject();
            o.put("from", t.from());
            o.put("to", t.to());
            ObjectNode law = o.putObject("law");
            law.put("type", t.law().type());
            for (int i = 0; i < t.law().fieldNames().size(); i++) {
                put(law, t.law().fieldNames().get(i), t.law().fieldValues().get(i));
            }
        }
        if (!m.outputs().isEmpty()) {
            ObjectNode outs = root.putObject("outputs");
            for (Output o : m.outputs()) {
                if (o.mass() == null && o.volume() == null && o.unit() == null) {
                    outs.put(o.name(), o.expression());
                } else {
                    ObjectNode on = outs.putObject(o.name());
                    on.put("expression", o.expression());
                    if (o.mass() != null) {
                        put(on, "mass", o.mass());
                    }
                    if (o.volume() != null) {
                        put(on, "volume", o.volume());
                    }
                    if (o.unit() != null) {
                        on.put("unit", o.unit());
                    }
                }
            }
        }
        if (!m.integrals().isEmpty()) {
            ObjectNode ints = root.putObject("integrals");
            m.integrals().forEach(i -> ints.put(i.name(), i.rate()));
        }
        if (!m.regimen().isEmpty()) {
            ArrayNode doses = root.putArray("doses");
            for (Dose d : m.regimen().doses()) {
                ObjectNode o = doses.addObject();
                if (d.kind() != Dose.Kind.DOSE) {
                    o.put("reset", true);
                }
                if (d.givesDose()) {
                    o.put("into", d.compartment());
                    o.put("amount", d.amount());
                }
                o.put("time", d.time());
                if (!d.givesDose()) {
                    continue;
                }
                if (d.duration() > 0) {
                    o.put("duration", d.duration());
                }
                if (d.rate() != 0) {
                    o.put("rate", d.rate());
                }
                if (d.interval() > 0) {
                    o.put("every", d.interval());
                }
                if (d.additional() > 0) {
                    o.put("count", d.additional() + 1);
                }
                if (d.steadyState() != 0) {
                    o.put("steadyState", d.steadyState());
                }
            }
        }
        return root;
    }

    private static void putOpt(ObjectNode o, String field, String value) {
        if (value != null) {
            put(o, field, value);
        }
    }

    /** Writes a number as a JSON number, anything else as a string. */
    private static void put(ObjectNode o, String field, String value) {
        if (Checks.isDecimal(value)) {
            double v = Double.parseDouble(value);
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                o.put(field, (long) v);
            } else {
                o.put(field, v);
            }
        } else {
            o.put(field, value);
        }
    }

    /** Names of the law types and their fields, as in model files. */
    public static Map<String, List<String>> lawTypes() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String type : RateLaw.types()) {
            m.put(type, RateLaw.fieldsOf(type));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    static Set<String> topLevelFields() {
        return Set.copyOf(TOP);
    }
}
