package org.nanopk.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.nanopk.Model;
import org.nanopk.Simulation;
import org.nanopk.Times;
import org.nanopk.mechanism.Presets;
import org.nanopk.solve.Solver;

/**
 * One model shared by many threads gives bit-identical results to a single-threaded run, and the
 * library holds no static mutable state that could make it otherwise.
 */
class ConcurrencyTest {
    static final int THREADS = 8;
    static final int RUNS = 10_000;

    /** A case: one shared model and solver, and how to vary it per run. */
    record Case(String name, Model model, Solver solver, double[] times) {
    }

    /**
     * NP9 (non-stiff, DOPRI5), NP9-stiff (Rodas5P with the shared sparse LU symbolic analysis), a
     * linear model (the exact solver's shared matrix-exponential cache) and Ouyang 2020, each with a
     * parameter varied per run through {@code with}, 10,000 runs over 8 threads at once.
     */
    @Test
    void oneModelFromEightThreadsGivesBitIdenticalResults() throws Exception {
        Model linear = Model.builder("linear").compartment("B", 1).compartment("T", 1).sink("U")
            .parameter("k", 0.1).parameter("kT", 0.05).firstOrder("B", "U", "k").firstOrder("B", "T", "kT")
            .firstOrder("T", "B", "0.02").dose(org.nanopk.Dose.bolus("B", 100)).build();
        List<Case> cases = List.of(
            new Case("np9", Presets.np9(), Solver.auto(), Times.grid(0, 168, 4)),
            new Case("np9-stiff", Presets.np9Stiff(), Solver.stiff().withTolerances(1e-6, 1e-9), Times.grid(0, 48, 2)),
            new Case("linear", linear, Solver.exact(), Times.grid(0, 48, 0.5)),
            new Case("ouyang2020", Presets.ouyang2020(), Solver.auto(), Times.grid(0, 24, 1)));
        int variants = 25;
        // the single-threaded reference: run r uses case r % 4 and parameter variant (r / 4) % 25
        double[][][] reference = new double[cases.size()][variants][];
        for (int c = 0; c < cases.size(); c++) {
            for (int v = 0; v < variants; v++) {
                reference[c][v] = run(cases.get(c), v);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger mismatches = new AtomicInteger();
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int th = 0; th < THREADS; th++) {
                futures.add(pool.submit(() -> {
                    int done = 0;
                    for (int r = next.getAndIncrement(); r < RUNS; r = next.getAndIncrement()) {
                        int c = r % cases.size();
                        int v = (r / cases.size()) % variants;
                        if (!Arrays.equals(reference[c][v], run(cases.get(c), v))) {
                            mismatches.incrementAndGet();
                        }
                        done++;
                    }
                    return done;
                }));
            }
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get();
            }
            assertEquals(RUNS, total);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, mismatches.get(), "runs that differ from the single-threaded result");
    }

    /** All amounts and outputs of one run, the model's first parameter scaled by variant v. */
    private static double[] run(Case c, int v) {
        String p = c.model().parameters().names().get(0);
        Model m = v == 0 ? c.model() : c.model().with(p, c.model().parameter(p) * (1 + 0.01 * v));
        Simulation s = m.simulate(m.regimen(), c.times(), c.solver());
        List<String> names = s.names();
        double[] all = new double[names.size() * c.times().length];
        for (int i = 0; i < names.size(); i++) {
            System.arraycopy(s.series(names.get(i)).values(), 0, all, i * c.times().length, c.times().length);
        }
        return all;
    }

    /** Immutable JDK types a static final field may hold. */
    static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Double.class, Integer.class, Long.class,
        Boolean.class, Character.class, java.util.regex.Pattern.class, java.util.Locale.class,
        java.math.BigDecimal.class, java.math.MathContext.class, java.time.Duration.class, Class.class);

    /**
     * Private coefficient tables of a numerical method: arrays, so mutable in principle, but private to
     * their class and written only while the class is initialised. Each is named, with the reason.
     */
    static final Map<String, String> TABLES = Map.of(
        "org.nanopk.solve.Rosenbrock.A", "Rodas5P coefficients",
        "org.nanopk.solve.Rosenbrock.C", "Rodas5P coefficients",
        "org.nanopk.solve.Rosenbrock.D", "Rodas5P coefficients",
        "org.nanopk.solve.Rosenbrock.H", "Rodas5P dense-output coefficients",
        "org.nanopk.solve.Rosenbrock.NODES", "Rodas5P coefficients",
        "org.nanopk.Trajectory.NODES", "Chebyshev-Lobatto nodes",
        "org.nanopk.Trajectory.AREA_WEIGHTS", "quadrature weights of the Chebyshev-Lobatto nodes",
        "org.nanopk.Trajectory.MOMENT_WEIGHTS", "quadrature weights of the Chebyshev-Lobatto nodes");

    /**
     * Every static field of every main class is final and holds an immutable value: a primitive, a
     * string or boxed number, an enum constant, an unmodifiable collection of immutable values, an
     * object whose class is final with only final fields holding immutable values (checked
     * recursively), one of the few thread-safe library objects in {@link #threadSafe(String)}, or a
     * private coefficient table listed in {@link #TABLES}.
     */
    @Test
    void noStaticMutableState() throws Exception {
        Path classes = Path.of("target/classes");
        List<String> problems = new ArrayList<>();
        int fields = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.endsWith("module-info.class")).toList()) {
                String name = classes.relativize(f).toString().replace('/', '.').replace(".class", "");
                Class<?> cls = Class.forName(name, true, getClass().getClassLoader());
                for (Field field : cls.getDeclaredFields()) {
                    int mod = field.getModifiers();
                    if (!Modifier.isStatic(mod) || field.isSynthetic() || field.isEnumConstant()
                        || field.getType().isPrimitive() && Modifier.isFinal(mod)) {
                        continue;
                    }
                    fields++;
                    String where = name + "." + field.getName();
                    if (!Modifier.isFinal(mod)) {
                        problems.add(where + " is not final");
                        continue;
                    }
                    if (TABLES.containsKey(where) && Modifier.isPrivate(mod)) {
                        continue;
                    }
                    field.setAccessible(true);
                    String why = mutability(field.get(null), new java.util.IdentityHashMap<>(), 0);
                    if (why != null) {
                        problems.add(where + " " + why);
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot scan " + classes.toAbsolutePath(), e);
        }
        assertTrue(fields > 10, "the scan found only " + fields + " static fields: is " + classes + " right?");
        assertTrue(problems.isEmpty(), "static mutable state:\n" + String.join("\n", problems));
    }

    /** Null if the value is immutable, else why not. */
    private static String mutability(Object value, Map<Object, Boolean> seen, int depth) throws Exception {
        if (value == null || IMMUTABLE.contains(value.getClass()) || value instanceof Enum<?>
            || threadSafe(value.getClass().getName()) != null || seen.put(value, true) != null) {
            return null;
        }
        Class<?> c = value.getClass();
        if (depth > 20) {
            return "nests objects too deeply to check";
        }
        if (c.isArray()) {
            return "is or holds an array (" + c.getSimpleName() + "): its elements can be changed";
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            String cls = c.getName();
            boolean unmodifiable = cls.startsWith("java.util.ImmutableCollections") || cls.contains("Unmodifiable")
                || cls.startsWith("java.util.Collections$Empty") || cls.startsWith("java.util.Collections$Singleton");
            if (!unmodifiable) {
                return "is or holds a modifiable " + cls;
            }
            Collection<?> items = value instanceof Map<?, ?> m ? concat(m.keySet(), m.values()) : (Collection<?>) value;
            for (Object item : items) {
                String why = mutability(item, seen, depth + 1);
                if (why != null) {
                    return why;
                }
            }
            return null;
        }
        if (c.getName().startsWith("java.") || c.getName().startsWith("javax.")) {
            return "holds a " + c.getName() + ", not known to be immutable";
        }
        if (!Modifier.isFinal(c.getModifiers()) && !c.isRecord() && !c.isAnonymousClass() && !c.isSynthetic()) {
            return "holds a " + c.getName() + ", a class that is not final";
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                if (!Modifier.isFinal(f.getModifiers())) {
                    return "holds a " + c.getName() + " whose field " + f.getName() + " is not final";
                }
                if (f.getType().isPrimitive()) {
                    continue;
                }
                f.setAccessible(true);
                String why = mutability(f.get(value), seen, depth + 1);
                if (why != null) {
                    return why;
                }
            }
        }
        return null;
    }

    private static Collection<Object> concat(Collection<?> a, Collection<?> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Library objects that are mutable in principle but safe to share, each with the reason; else null. */
    private static String threadSafe(String className) {
        return switch (className) {
            // configured once in the static initialiser, then only read: documented thread-safe
            case "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.databind.json.JsonMapper" ->
                "Jackson: thread-safe after configuration";
            case "org.apache.commons.csv.CSVFormat" -> "Commons CSV: CSVFormat is immutable";
            default -> null;
        };
    }
}
