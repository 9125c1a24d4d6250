package org.nanopk.examples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jshell.tool.JavaShellToolBuilder;

/**
 * The lessons: notebooks in examples/notebooks are their source; each has a JShell twin in
 * examples/lessons (its code cells in order, its prose as comments: {@link #jsh(Path)}), which runs in
 * {@code ./nanopk jshell} typed or through {@code /open}. {@link #run} feeds a .jsh file to the JDK's own
 * jshell tool exactly as a user does, and fails on the first error the tool reports.
 */
public final class Lessons {
    private Lessons() {
    }

    /** The repository root: the system property nanopk.home, else the working directory. */
    static Path home() {
        return Path.of(System.getProperty("nanopk.home", ".")).toAbsolutePath().normalize();
    }

    /** The lesson notebooks of a repository, in order. */
    public static List<Path> notebooks(Path home) {
        return files(home.resolve("examples/notebooks"), ".ipynb");
    }

    /** The JShell lessons of a repository, in order. */
    public static List<Path> list(Path home) {
        return files(home.resolve("examples/lessons"), ".jsh");
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no lessons in " + dir + "; run from the NanoPK repository root or "
                + "set -Dnanopk.home");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JShell lesson whose file name starts with {@code number} (e.g. "03"). */
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

    /** The code cells of a notebook, in order. */
    public static List<String> codeCells(Path notebook) {
        List<String> code = new ArrayList<>();
        for (JsonNode cell : read(notebook).path("cells")) {
            if (cell.path("cell_type").asText().equals("code")) {
                code.add(source(cell));
            }
        }
        return code;
    }

    /** A notebook as JSON. */
    static JsonNode read(Path notebook) {
        try {
            return new ObjectMapper().readTree(notebook.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read notebook " + notebook + ": " + e.getMessage(), e);
        }
    }

    /** A cell's source: a string or a list of lines. */
    static String source(JsonNode cell) {
        JsonNode s = cell.path("source");
        if (s.isTextual()) {
            return s.asText();
        }
        StringBuilder sb = new StringBuilder();
        s.forEach(line -> sb.append(line.asText()));
        return sb.toString();
    }

    /** The JShell twin of a lesson notebook: a header, the Markdown cells as // comments, the code cells. */
    public static String jsh(Path notebook) {
        StringBuilder sb = new StringBuilder("// ").append(notebook.getFileName()).append(" as a JShell script, made from ")
            .append("the notebook by ./nanopk lesson --export; run it with /open in ./nanopk jshell.\n");
        for (JsonNode cell : read(notebook).path("cells")) {
            String src = source(cell).strip();
            sb.append('\n');
            if (cell.path("cell_type").asText().equals("code")) {
                sb.append(src).append('\n');
            } else {
                for (String line : src.split("\n", -1)) {
                    sb.append(line.isBlank() ? "//" : "// " + line).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** Writes every notebook's JShell twin into examples/lessons. */
    public static List<Path> export(Path home) {
        List<Path> written = new ArrayList<>();
        for (Path nb : notebooks(home)) {
            String name = nb.getFileName().toString().replaceFirst("\\.ipynb$", ".jsh");
            Path out = home.resolve("examples/lessons").resolve(name);
            try {
                Files.writeString(out, jsh(nb));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            written.add(out);
        }
        return written;
    }

    /**
     * Runs JShell input through the JDK's jshell tool as {@code ./nanopk jshell} starts it (NanoPK on the
     * class path, the startup script), and fails on the first error it reports.
     *
     * @param typed what the user types, line by line (for a lesson: {@code /open FILE})
     * @param home the repository root (examples/data, the startup script)
     * @param out where the tool's output goes, as it prints it
     * @return the tool's output
     * @throws IllegalStateException naming the first error, rejected or unresolved snippet or exception
     */
    public static String run(String typed, Path home, PrintStream out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
                out.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        String input = typed.endsWith("\n") ? typed : typed + "\n";
        try {
            JavaShellToolBuilder.builder().out(both).err(both)
                .in(new ByteArrayInputStream((input + "/exit\n").getBytes(StandardCharsets.UTF_8)), null)
                .run("--class-path", System.getProperty("java.class.path"), "-R-Dnanopk.home=" + home,
                    "-R-Djava.awt.headless=true", "--startup", "DEFAULT", "--startup",
                    home.resolve("examples/jshell/startup.jsh").toString(), "--feedback", "normal");
        } catch (Exception e) {
            throw new IllegalStateException("the jshell tool failed to start: " + e.getMessage(), e);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = printed.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("|  Error") || l.startsWith("|  Exception") || l.contains("cannot be invoked until")
                || l.contains("attempted to use") || l.startsWith("|  File '")) {
                String context = String.join("\n", lines.subList(Math.max(0, i - 1), Math.min(lines.size(), i + 4)));
                throw new IllegalStateException("jshell reported: " + context);
            }
        }
        return printed;
    }

    /** Runs a .jsh lesson through the jshell tool with {@code /open}, as a user does. */
    public static String runOpen(Path lesson, Path home, PrintStream out) {
        return run("/open " + lesson.toAbsolutePath(), home, out);
    }
}
