package org.nanopk.examples;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs JShell lessons non-interactively through the JDK's JShell API, in this JVM: the startup script
 * (examples/jshell/startup.jsh) first, then the lesson snippet by snippet. Any snippet that is rejected,
 * stays unresolved or throws stops the run with an error naming the lesson, the snippet and the cause.
 */
public final class Lessons {
    private Lessons() {
    }

    /** The repository root: the system property nanopk.home, else the working directory. */
    static Path home() {
        return Path.of(System.getProperty("nanopk.home", ".")).toAbsolutePath().normalize();
    }

    /** The lesson files of a repository, in order. */
    public static List<Path> list(Path home) {
        Path dir = home.resolve("examples/lessons");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no lessons in " + dir + "; run from the NanoPK repository root or "
                + "set -Dnanopk.home");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsh")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lesson whose file name starts with {@code number} (e.g. "03"). */
    public static Path find(Path home, String number) {
        List<Path> all = list(home);
        for (Path p : all) {
            if (p.getFileName().toString().startsWith(number + "-")
                || p.getFileName().toString().startsWith(String.format("%02d-", parse(number)))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown lesson '" + number + "'; known: "
            + String.join(", ", all.stream().map(p -> p.getFileName().toString()).toList()));
    }

    private static int parse(String n) {
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Runs one lesson.
     *
     * @param lesson the .jsh file
     * @param home the repository root (for examples/data and the startup script)
     * @param charts where the lesson's charts are saved
     * @param out where the lesson's output goes
     * @return the number of snippets run
     */
    public static int run(Path lesson, Path home, Path charts, PrintStream out) {
        System.setProperty("nanopk.home", home.toString());
        System.setProperty("nanopk.out", charts.toAbsolutePath().toString());
        System.setProperty("java.awt.headless", "true");
        int count = 0;
        // The local execution engine runs snippets in this JVM, where they print to System.out: route that
        // to the caller's stream for the duration of the lesson.
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(out);
        System.setErr(out);
        try (JShell js = JShell.builder().executionEngine("local").out(out).err(out).build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    js.addToClasspath(entry);
                }
            }
            count += evalAll(js, home.resolve("examples/jshell/startup.jsh"), out);
            count += evalAll(js, lesson, out);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return count;
    }

    private static int evalAll(JShell js, Path file, PrintStream out) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        SourceCodeAnalysis sca = js.sourceCodeAnalysis();
        String remaining = text;
        int count = 0;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(remaining);
            if (ci.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (!ci.completeness().isComplete()) {
                throw new IllegalStateException(file.getFileName() + ": incomplete snippet at the end: "
                    + remaining.strip());
            }
            String src = ci.source();
            remaining = ci.remaining();
            count++;
            for (SnippetEvent e : js.eval(src)) {
                String where = file.getFileName() + ", snippet " + count + " (" + firstLine(src) + ")";
                if (e.status() == Snippet.Status.REJECTED) {
                    StringBuilder d = new StringBuilder();
                    js.diagnostics(e.snippet()).forEach(x -> d.append(' ').append(x.getMessage(null)));
                    throw new IllegalStateException(where + " was rejected:" + d);
                }
                if (e.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    throw new IllegalStateException(where + " has unresolved references: "
                        + js.unresolvedDependencies((jdk.jshell.DeclarationSnippet) e.snippet()).toList());
                }
                if (e.exception() != null) {
                    Throwable x = e.exception();
                    String name = x instanceof EvalException ee ? ee.getExceptionClassName() : x.getClass().getName();
                    throw new IllegalStateException(where + " threw " + name + ": " + x.getMessage(), x);
                }
                if (e.value() != null && e.snippet().kind() == Snippet.Kind.EXPRESSION) {
                    out.println(e.value());
                }
            }
        }
        return count;
    }

    private static String firstLine(String src) {
        String s = src.strip();
        for (String line : s.split("\n")) {
            if (!line.strip().startsWith("//") && !line.isBlank()) {
                return line.strip().length() > 60 ? line.strip().substring(0, 60) + "…" : line.strip();
            }
        }
        return s;
    }

}
