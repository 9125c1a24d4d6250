package org.nanopk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape of the library as an embedder sees it: the packages form no cycle (read by the JDK's own
 * {@code jdeps} from the compiled classes), the module exports exactly the API packages, and no public
 * member of an exported type hands out a type the module does not export.
 */
class ArchitectureTest {
    static final Path CLASSES = Path.of("target/classes");

    /** Package → the NanoPK packages its classes use, as jdeps reports them. */
    static Map<String, Set<String>> packageGraph(Path scratch) throws IOException {
        // jdeps reads a directory holding module-info.class as a module and then wants every dependency
        // on a module path; a copy without the descriptor is read as plain classes
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.endsWith("module-info.class"))
                .toList()) {
                Path to = scratch.resolve(CLASSES.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "-verbose:package",
            "--ignore-missing-deps", "-e", "org\\.nanopk.*", scratch.toString());
        assertEquals(0, rc, "jdeps failed: " + out);
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 3 && w[1].equals("->") && w[0].startsWith("org.nanopk") && w[2].startsWith("org.nanopk")
                && !w[0].equals(w[2])) {
                graph.computeIfAbsent(w[0], k -> new TreeSet<>()).add(w[2]);
            }
        }
        return graph;
    }

    @Test
    void packagesFormNoCycle(@TempDir Path scratch) throws IOException {
        Map<String, Set<String>> graph = packageGraph(scratch);
        assertTrue(graph.containsKey("org.nanopk.fit"), "jdeps output not understood: " + graph);
        List<String> cycle = findCycle(graph);
        assertTrue(cycle.isEmpty(), "package cycle: " + String.join(" -> ", cycle) + "; graph " + graph);
        // the layers: solve and internal build on no other NanoPK package
        assertFalse(graph.containsKey("org.nanopk.solve"), "solve depends on " + graph.get("org.nanopk.solve"));
        assertFalse(graph.containsKey("org.nanopk.internal"), "internal depends on " + graph.get("org.nanopk.internal"));
        for (String p : List.of("org.nanopk", "org.nanopk.solve", "org.nanopk.fit", "org.nanopk.population",
            "org.nanopk.io", "org.nanopk.mechanism")) {
            assertFalse(graph.getOrDefault(p, Set.of()).contains("org.nanopk.plot"), p + " depends on plot");
        }
    }

    /** A cycle in the graph as a path a -> ... -> a, or empty (depth-first search with colours). */
    static List<String> findCycle(Map<String, Set<String>> graph) {
        Map<String, Integer> colour = new HashMap<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            if (visit(start, graph, colour, path)) {
                return path;
            }
        }
        return List.of();
    }

    private static boolean visit(String node, Map<String, Set<String>> graph, Map<String, Integer> colour,
                                 List<String> path) {
        int c = colour.getOrDefault(node, 0);
        if (c == 2) {
            return false;
        }
        path.add(node);
        if (c == 1) {
            path.subList(0, path.indexOf(node)).clear();
            return true;
        }
        colour.put(node, 1);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (visit(next, graph, colour, path)) {
                return true;
            }
        }
        colour.put(node, 2);
        path.remove(path.size() - 1);
        return false;
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Set<String>> g = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")));
        assertEquals(List.of("a", "b", "c", "a"), findCycle(g));
        assertEquals(List.of(), findCycle(Map.of("a", Set.of("b"), "b", Set.of())));
    }

    static ModuleDescriptor descriptor() {
        return ModuleFinder.of(CLASSES).findAll().iterator().next().descriptor();
    }

    static Set<String> exported() {
        Set<String> e = new TreeSet<>();
        descriptor().exports().forEach(x -> {
            assertTrue(x.targets().isEmpty(), "qualified export " + x);
            e.add(x.source());
        });
        return e;
    }

    @Test
    void theModuleExportsTheApiPackagesOnly() {
        ModuleDescriptor d = descriptor();
        assertEquals("org.nanopk", d.name());
        assertEquals(Set.of("org.nanopk", "org.nanopk.fit", "org.nanopk.io", "org.nanopk.mechanism", "org.nanopk.plot",
            "org.nanopk.population", "org.nanopk.solve"), exported());
        assertTrue(d.packages().contains("org.nanopk.internal"));
        assertTrue(d.opens().isEmpty(), "opens " + d.opens());
        // XChart only for charts, and optional
        d.requires().stream().filter(r -> r.name().equals("org.knowm.xchart")).findFirst().ifPresentOrElse(
            r -> assertTrue(r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC), "XChart not static"),
            () -> { });
    }

    /**
     * Every public or protected member of every public type in an exported package uses, in its
     * signature, only public types of exported packages (or of the JDK and the libraries): nothing an
     * embedder holds reaches a type it may not name.
     */
    @Test
    void noPublicSignatureLeaksAHiddenType() throws Exception {
        Set<String> exported = exported();
        List<String> leaks = new ArrayList<>();
        int members = 0;
        for (Class<?> c : classesOf(exported)) {
            if (!Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            List<Executable> ex = new ArrayList<>(List.of(c.getDeclaredMethods()));
            ex.addAll(List.of(c.getDeclaredConstructors()));
            for (Executable e : ex) {
                if (e.isSynthetic() || !(Modifier.isPublic(e.getModifiers()) || Modifier.isProtected(e.getModifiers()))) {
                    continue;
                }
                members++;
                List<Type> types = new ArrayList<>(List.of(e.getGenericParameterTypes()));
                types.addAll(List.of(e.getGenericExceptionTypes()));
                if (e instanceof Method m) {
                    types.add(m.getGenericReturnType());
                }
                for (Type t : types) {
                    check(t, exported, c.getName() + "." + e.getName(), leaks, new HashSet<>());
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers()) || Modifier.isProtected(f.getModifiers())) {
                    members++;
                    check(f.getGenericType(), exported, c.getName() + "." + f.getName(), leaks, new HashSet<>());
                }
            }
        }
        assertTrue(members > 300, "only " + members + " public members found");
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
    }

    private static void check(Type t, Set<String> exported, String where, List<String> leaks, Set<Type> seen) {
        if (!seen.add(t)) {
            return;
        }
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.isPrimitive() || !c.getName().startsWith("org.nanopk")) {
                return;
            }
            if (!exported.contains(c.getPackageName()) || !isAccessible(c)) {
                leaks.add(where + " uses " + c.getName());
            }
        } else if (t instanceof ParameterizedType p) {
            check(p.getRawType(), exported, where, leaks, seen);
            for (Type a : p.getActualTypeArguments()) {
                check(a, exported, where, leaks, seen);
            }
        } else if (t instanceof GenericArrayType g) {
            check(g.getGenericComponentType(), exported, where, leaks, seen);
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(b, exported, where, leaks, seen);
            }
            for (Type b : w.getLowerBounds()) {
                check(b, exported, where, leaks, seen);
            }
        }
    }

    private static boolean isAccessible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    static List<Class<?>> classesOf(Set<String> packages) throws Exception {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.endsWith("module-info.class"))
                .toList()) {
                String name = CLASSES.relativize(f).toString().replace('/', '.').replace(".class", "");
                Class<?> c = Class.forName(name, false, ArchitectureTest.class.getClassLoader());
                if (packages.contains(c.getPackageName())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    @Test
    void theOdeSystemOfAModelIsOnlyAnOdeSystem() {
        Model m = Model.builder("one").compartment("B").sink("U").parameter("k", 0.1).firstOrder("B", "U", "k")
            .output("rate", "k*B").build();
        Object sys = m.odeSystem();
        // the class cannot be named outside the package: no cast reaches the compiled numbers
        assertFalse(Modifier.isPublic(sys.getClass().getModifiers()), sys.getClass().getName());
        for (Method method : sys.getClass().getMethods()) {
            if (method.getDeclaringClass() != Object.class) {
                assertTrue(declares(org.nanopk.solve.OdeSystem.class, method), "public method " + method
                    + " beyond OdeSystem");
            }
        }
        assertFalse(Modifier.isPublic(Kinetics.class.getModifiers()));
        assertFalse(Modifier.isPublic(CompiledModel.class.getModifiers()));
    }

    private static boolean declares(Class<?> type, Method m) {
        try {
            type.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void everyPackageHasItsDescription() throws IOException {
        Path src = Path.of("src/main/java");
        try (Stream<Path> dirs = Files.walk(src)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                boolean hasJava;
                try (Stream<Path> files = Files.list(d)) {
                    hasJava = files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("module-info.java"));
                }
                if (hasJava) {
                    assertTrue(Files.exists(d.resolve("package-info.java")), d + " has no package-info.java");
                }
            }
        }
    }
}
