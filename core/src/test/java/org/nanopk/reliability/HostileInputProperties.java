package org.nanopk.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.nanopk.Compartment;
import org.nanopk.Dose;
import org.nanopk.Model;
import org.nanopk.PkException;
import org.nanopk.RateLaw;
import org.nanopk.Simulation;
import org.nanopk.io.ModelJson;
import org.nanopk.io.NonmemData;
import org.nanopk.io.ObservationsCsv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * Hostile inputs: malformed, truncated, deeply nested, huge and type-confused model files, and data
 * files with missing columns, non-numeric cells, duplicate headers, byte-order marks, mixed units and
 * NaN/Inf. Every case either reads (the damage happened to leave a valid file) or ends in an
 * {@link IllegalArgumentException} whose message names the source and the problem; any other
 * throwable (NullPointerException, ClassCastException, StackOverflowError, OutOfMemoryError, ...) fails.
 */
class HostileInputProperties {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A model using every serialisable feature: all laws, dose modifiers, masses, outputs, integrals, doses. */
    static Model richModel() {
        return Model.builder("rich")
            .parameter("BW", 0.02).parameter("Q", "16.5*BW^0.75").parameter("k", 0.1).parameter("vm", 20)
            .parameter("km", 5).parameter("n", 2).parameter("cap", 100).parameter("F1", 0.8)
            .compartment(Compartment.of("depot", 1).withBioavailability("F1").withLag("0.5").withRate("10")
                .withDuration("2"))
            .compartment("blood", 1.7).compartment("liver", 1.1, 1.2).compartment("tumor", 0.2, 0.2)
            .compartment("cells", 0.1).sink("urine")
            .firstOrder("depot", "blood", "k")
            .transfer("blood", "liver", RateLaw.flow("Q"))
            .transfer("liver", "blood", RateLaw.permeability("Q", "2"))
            .transfer("blood", "tumor", RateLaw.michaelisMenten("vm", "km"))
            .transfer("tumor", "cells", RateLaw.hill("vm", "km", "n"))
            .transfer("liver", "cells", RateLaw.capacity("k", "cap"))
            .transfer("blood", "cells", RateLaw.bimolecularCapacity("1e-4", "cap"))
            .transfer("tumor", "urine", RateLaw.hillTime("k", "4", "n"))
            .transfer("cells", "urine", RateLaw.zeroOrder("1e-3"))
            .transfer("blood", "urine", RateLaw.expression("k*blood/(1+liver/cap)"))
            .output("Tumor", "tumor+cells").output("CLiver", "liver/1.1", "1.2")
            .integral("AUCblood", "blood/1.7")
            .dose(Dose.bolus("blood", 100))
            .dose(Dose.infusion("blood", 50, 1).at(24).repeated(3, 24))
            .dose(Dose.bolus("depot", 10).at(6).withRate(Dose.MODELLED_DURATION))
            .build();
    }

    static final String VALID_JSON = ModelJson.toJson(richModel());

    static final String VALID_NONMEM = String.join("\n",
        "ID,TIME,EVID,AMT,CMT,RATE,II,ADDL,SS,DV,MDV",
        "1,0,1,100,2,0,0,0,0,.,1",
        "1,1,0,0,2,0,0,0,0,50.5,0",
        "1,2,1,20,2,10,12,2,0,.,1",
        "1,4,0,0,3,0,0,0,0,12.2,0",
        "2,0,4,30,1,-2,0,0,0,.,1",
        "2,8,3,0,1,0,0,0,0,.,1",
        "2,9,0,0,2,0,0,0,0,1.5,0", "");

    static final String VALID_OBSERVATIONS = String.join("\n",
        "subject,time (min),compartment,value,unit,sd,lloq",
        "A,30,blood,12.5,%ID,1.1,",
        "A,60,liver,40,%ID/g,,",
        "A,120,tumor,BLQ,%ID,,0.1",
        "B,60,blood,0.4,µg/mL,0.05,",
        "B,240,Tumor,2.2,%ID,,", "");

    // ---- model files -------------------------------------------------------------------------

    /** Random byte-level damage to a valid model file: deletions, insertions, replacements, swaps. */
    @Property(tries = 3000, seed = "20261201")
    void damagedModelFiles(@ForAll long seed) {
        String text = damage(VALID_JSON, new SplittableRandom(seed), "{}[]\":,.-+eE0123456789 nult\\/ax");
        readsOrNamesTheProblem(() -> ModelJson.parse(text), text);
    }

    /** A model file cut anywhere is malformed JSON, reported with its line and column. */
    @Property(tries = 1000, seed = "20261202")
    void truncatedModelFiles(@ForAll @IntRange(min = 0, max = 100_000) int at) {
        String whole = VALID_JSON.strip(); // cut before the closing brace, not in the trailing newline
        String text = whole.substring(0, at % whole.length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelJson.parse(text));
        assertTrue(e.getMessage().startsWith("model JSON: "), e.getMessage());
        Statistics.collect(e.getMessage().contains("line") ? "malformed, with line" : "other");
    }

    /**
     * One value of a valid file replaced by a value of another type (string, number, boolean, null,
     * array, object, huge, negative, NaN text, deep array): read, or rejected with the JSON path.
     */
    @Property(tries = 3000, seed = "20261203")
    void typeConfusedModelFiles(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        JsonNode root = MAPPER.readTree(VALID_JSON);
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(r.nextInt(containers.size()));
        JsonNode replacement = confusing(r);
        if (target instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            String key = r.nextInt(8) == 0 ? "unexpected" : keys.get(r.nextInt(keys.size()));
            if (r.nextInt(6) == 0) {
                o.remove(key);
            } else {
                o.set(key, replacement);
            }
        } else if (target instanceof ArrayNode a && a.size() > 0) {
            a.set(r.nextInt(a.size()), replacement);
        }
        String text = MAPPER.writeValueAsString(root);
        Outcome o = readsOrNamesTheProblem(() -> ModelJson.parse(text), text);
        Statistics.collect(o.kind());
    }

    @Example
    void deeplyNestedJsonIsRejected() {
        String arrays = "[".repeat(100_000) + "]".repeat(100_000);
        rejected(() -> ModelJson.parse(arrays), "nesting depth");
        String objects = "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000);
        rejected(() -> ModelJson.parse(objects), "nesting depth");
        String nested = VALID_JSON.replace("\"k*blood/(1+liver/cap)\"",
            "\"" + "(".repeat(10_000) + "k" + ")".repeat(10_000) + "\"");
        rejected(() -> ModelJson.parse(nested), "nested more than");
    }

    @Example
    void longFlatExpressionsAndParameterChainsDoNotOverflowTheStack() {
        // a long flat sum would be a deep tree: rejected above 1000 operations, fine below
        String sum = "k" + "+k".repeat(40_000);
        rejected(() -> Model.builder("flat").parameter("k", 1).parameter("s", sum).compartment("a", 1).build(),
            "more than 1000 operations");
        rejected(() -> Model.builder("flat").parameter("k", 1).compartment("a", 1).sink("u")
            .transfer("a", "u", RateLaw.expression("k*a" + "+0*a".repeat(20_000))).build(), "operations");
        Model flat = Model.builder("flat").parameter("k", 1).parameter("s", "k" + "+k".repeat(999))
            .compartment("a", 1).sink("u").transfer("a", "u", RateLaw.expression("k*a" + "+0*a".repeat(400)))
            .dose(Dose.bolus("a", 1)).build();
        assertEquals(1000.0, flat.parameter("s"));
        assertEquals(Math.exp(-1), flat.simulate(0, 1).amount("a").values()[1], 1e-8);
        Model.Builder chain = Model.builder("chain").parameter("p0", 1).compartment("a", 1).sink("u");
        for (int i = 1; i <= 20_000; i++) {
            chain.parameter("p" + i, "p" + (i - 1) + "*1");
        }
        Outcome read = readsOrNamesTheProblem(() -> chain.firstOrder("a", "u", "p20000").build(), "chain");
        assertEquals(Kind.READ, read.kind(), "a chain of 20,000 parameters is a valid model: " + read.value());
        assertEquals(1.0, ((Model) read.value()).parameter("p20000"));
        Model.Builder cycle = Model.builder("cycle").parameter("p0", "p5000").compartment("a", 1);
        for (int i = 1; i <= 5000; i++) {
            cycle.parameter("p" + i, "p" + (i - 1) + "+1");
        }
        rejected(cycle::build, "cycl");
    }

    @Example
    void hugeInputsAreRejectedBeforeTheyAreRead() throws IOException {
        Path dir = Files.createTempDirectory("nanopk-huge");
        try {
            hugeInputs(dir);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private void hugeInputs(Path dir) throws IOException {
        Path big = dir.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(100L << 20); // 100 MB, sparse: nothing is written
        }
        rejected(() -> ModelJson.read(big), "too large");
        Path bigCsv = dir.resolve("big.csv");
        Files.move(big, bigCsv);
        rejected(() -> NonmemData.read(bigCsv), "too large");
        rejected(() -> ObservationsCsv.read(bigCsv), "too large");
        // a 100 MB stream is read to the limit, not to its end
        InputStream endless = new InputStream() {
            long left = 100L << 20;

            @Override
            public int read() {
                return left-- > 0 ? ' ' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                int n = (int) Math.min(len, left);
                if (n <= 0) {
                    return -1;
                }
                java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                left -= n;
                return n;
            }
        };
        rejected(() -> ModelJson.read(endless, "stream"), "larger than");
        // many compartments: a short file asking for a huge model
        StringBuilder many = new StringBuilder("{\"compartments\":[");
        for (int i = 0; i < 100_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"name\":\"c").append(i).append("\",\"volume\":1}");
        }
        String manyText = many.append("]}").toString();
        rejected(() -> ModelJson.parse(manyText), "at most " + Model.MAX_STATES);
        // a long string value
        String longName = VALID_JSON.replace("\"rich\"", "\"" + "x".repeat(5_000_000) + "\"");
        readsOrNamesTheProblem(() -> ModelJson.parse(longName), "long name");
        // a regimen asking for a billion doses
        rejected(() -> Dose.bolus("blood", 1).withAdditional(1_000_000_000, 1), "additional");
        String addl = "ID,TIME,AMT,CMT,II,ADDL\n1,0,1,1,1,5000000\n";
        rejected(() -> NonmemData.parse(addl), "additional");
        rejected(() -> NonmemData.parse(addl.replace("5000000", "2000000000")), "whole number");
    }

    // ---- data files --------------------------------------------------------------------------

    @Property(tries = 3000, seed = "20261204")
    void damagedNonmemFiles(@ForAll long seed) {
        String text = damage(VALID_NONMEM, new SplittableRandom(seed), ",.\n\"-+eE0123456789 ANIDTMEV\uFEFF");
        Outcome o = readsOrNamesTheProblem(() -> simulateAll(NonmemData.parse(text)), text);
        Statistics.collect(o.kind());
    }

    @Property(tries = 3000, seed = "20261205")
    void damagedObservationFiles(@ForAll long seed) {
        String text = damage(VALID_OBSERVATIONS, new SplittableRandom(seed), ",.\n\"-+eE0123456789 %/IDgmLµn\uFEFF");
        Outcome o = readsOrNamesTheProblem(() -> ObservationsCsv.parse(text, Map.of()), text);
        Statistics.collect(o.kind());
    }

    /**
     * The named classes of bad data: a required column missing, a non-numeric, NaN or infinite cell,
     * a duplicate header, an unknown unit: each rejected with the row or column it is in. A byte-order
     * mark and units mixed between rows are fine.
     */
    @Property(tries = 1000, seed = "20261206")
    void namedClassesOfBadData(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] lines = VALID_OBSERVATIONS.split("\n");
        String[] header = lines[0].split(",", -1);
        int row = 1 + r.nextInt(lines.length - 1);
        String[] cells = lines[row].split(",", -1);
        switch (r.nextInt(6)) {
            case 0 -> { // a required column missing
                int col = 1 + r.nextInt(3); // time, compartment or value
                String text = dropColumn(lines, col);
                rejected(() -> ObservationsCsv.parse(text, Map.of()), "column");
            }
            case 1 -> { // a non-numeric, NaN or infinite time or value or sd
                int col = List.of(1, 3, 5).get(r.nextInt(3));
                cells[col] = List.of("abc", "NaN", "Infinity", "-Infinity", "1e999", "0x1p3", "\"1,5\"").get(r.nextInt(7));
                lines[row] = String.join(",", cells);
                String text = String.join("\n", lines);
                rejected(() -> ObservationsCsv.parse(text, Map.of()), "row " + (row + 1));
            }
            case 2 -> { // a duplicate header
                header[r.nextInt(header.length)] = header[r.nextInt(header.length)].toUpperCase();
                lines[0] = String.join(",", header);
                String text = String.join("\n", lines);
                readsOrNamesTheProblem(() -> ObservationsCsv.parse(text, Map.of()), text);
                if (java.util.Arrays.stream(header).map(String::toLowerCase).distinct().count() < header.length) {
                    rejected(() -> ObservationsCsv.parse(text, Map.of()), "duplicate column");
                }
            }
            case 3 -> { // an unknown unit
                cells[4] = List.of("furlongs", "%IDx", "mol", "kg/h").get(r.nextInt(4));
                lines[row] = String.join(",", cells);
                String text = String.join("\n", lines);
                rejected(() -> ObservationsCsv.parse(text, Map.of()), "unit");
            }
            case 4 -> { // a byte-order mark: reads as without
                String text = "\uFEFF" + VALID_OBSERVATIONS;
                assertEquals(ObservationsCsv.parse(VALID_OBSERVATIONS, Map.of()).toString(),
                    ObservationsCsv.parse(text, Map.of()).toString());
            }
            default -> { // NONMEM data: a bad cell in a numeric column
                String[] nm = VALID_NONMEM.split("\n");
                int nrow = 1 + r.nextInt(nm.length - 1);
                String[] c = nm[nrow].split(",", -1);
                int col = r.nextInt(c.length);
                c[col] = List.of("abc", "NaN", "Inf", "-Infinity", "1e999").get(r.nextInt(5));
                nm[nrow] = String.join(",", c);
                String text = String.join("\n", nm);
                if (col == 0) {
                    readsOrNamesTheProblem(() -> NonmemData.parse(text), text); // IDs are text
                } else {
                    rejected(() -> NonmemData.parse(text), "row " + (nrow + 1));
                }
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    enum Kind { READ, REJECTED }

    record Outcome(Kind kind, Object value) {
        @Override
        public String toString() {
            return kind.name().toLowerCase();
        }
    }

    /** Runs a read: success or an IllegalArgumentException with a message; anything else fails the test. */
    static Outcome readsOrNamesTheProblem(Supplier<?> read, String input) {
        try {
            Object v = read.get();
            if (v != null) {
                assertTrue(!v.toString().isEmpty());
            }
            return new Outcome(Kind.READ, v);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && e.getMessage().length() > 10, "uninformative message: " + e);
            return new Outcome(Kind.REJECTED, e.getMessage());
        } catch (Throwable t) {
            fail("input led to " + t + " instead of an IllegalArgumentException:\n" + shorten(input), t);
            return null;
        }
    }

    static void rejected(Supplier<?> read, String expected) {
        Outcome o = readsOrNamesTheProblem(read, "(see the test)");
        assertEquals(Kind.REJECTED, o.kind(), "expected a rejection mentioning '" + expected + "'");
        assertTrue(o.value().toString().contains(expected), "'" + o.value() + "' should mention '" + expected + "'");
    }

    static void rejected(Runnable read, String expected) {
        rejected(() -> {
            read.run();
            return "ran";
        }, expected);
    }

    /**
     * Simulates a data set that was read, when its regimen is small enough for a unit test (damage can
     * turn ADDL 2 into ADDL 222222); a numerical failure is a PkException that says where.
     */
    private static Object simulateAll(NonmemData data) {
        boolean small = data.rows().stream().allMatch(row -> row.time() <= 1000 && row.addl() <= 100
            && (row.ii() == 0 || row.ii() >= 0.1));
        if (!small) {
            return data;
        }
        try {
            List<Simulation> sims = data.simulate(RICH, org.nanopk.solve.Solver.auto());
            return sims.isEmpty() ? "no subjects" : NonmemData.toCsv(sims);
        } catch (PkException e) {
            assertTrue(e.getMessage().contains(" h"), "a numerical failure should say when: " + e.getMessage());
            return e.getMessage();
        }
    }

    static final Model RICH = richModel();

    /** 1–8 random edits: delete, insert or replace a character, delete or duplicate a span, swap two spans. */
    static String damage(String text, SplittableRandom r, String alphabet) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + r.nextInt(8);
        for (int e = 0; e < edits && s.length() > 0; e++) {
            int at = r.nextInt(s.length());
            char c = alphabet.charAt(r.nextInt(alphabet.length()));
            switch (r.nextInt(6)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, c);
                case 2 -> s.setCharAt(at, c);
                case 3 -> s.delete(at, Math.min(s.length(), at + 1 + r.nextInt(20)));
                case 4 -> s.insert(at, s.substring(at, Math.min(s.length(), at + 1 + r.nextInt(40))));
                default -> {
                    int len = 1 + r.nextInt(10);
                    int other = r.nextInt(s.length());
                    if (at + len <= s.length() && other + len <= s.length()) {
                        String a = s.substring(at, at + len);
                        String b = s.substring(other, other + len);
                        s.replace(at, at + len, b);
                        s.replace(other, other + len, a);
                    }
                }
            }
        }
        return s.toString();
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), containers);
            }
        }
    }

    private static JsonNode confusing(SplittableRandom r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (r.nextInt(14)) {
            case 0 -> f.textNode("x");
            case 1 -> f.textNode("");
            case 2 -> f.numberNode(-1);
            case 3 -> f.numberNode(0);
            case 4 -> f.numberNode(1e308);
            case 5 -> f.numberNode(new java.math.BigDecimal("1e400"));
            case 6 -> f.booleanNode(true);
            case 7 -> f.nullNode();
            case 8 -> f.arrayNode();
            case 9 -> f.objectNode();
            case 10 -> f.textNode("NaN");
            case 11 -> f.textNode("1/0");
            case 12 -> f.numberNode(Long.MAX_VALUE);
            default -> {
                ArrayNode a = f.arrayNode();
                ArrayNode cur = a;
                for (int i = 0; i < 50; i++) {
                    ArrayNode next = f.arrayNode();
                    cur.add(next);
                    cur = next;
                }
                yield a;
            }
        };
    }

    private static String dropColumn(String[] lines, int col) {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(col);
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    private static String shorten(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }
}
