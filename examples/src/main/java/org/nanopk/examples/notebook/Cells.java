package org.nanopk.examples.notebook;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * Runs notebook cells in the JDK's JShell, in this JVM (JShell's local execution engine), so the
 * object of a cell's last expression reaches the kernel. A cell is split into snippets exactly as the
 * jshell tool splits typed input ({@link SourceCodeAnalysis#analyzeCompletion}); the first snippet that
 * is rejected, stays unresolved or throws ends the cell with a {@link CellError}. The startup script
 * (the one {@code ./nanopk jshell} uses) runs first: it imports {@code org.nanopk.*} and the sub-packages.
 *
 * <p>One instance runs one cell at a time (a notebook's cells run in order).
 */
public final class Cells implements AutoCloseable {
    /** The value of the last expression, handed from the snippet to the kernel through {@link #keep}. */
    private static volatile Object kept;

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    /** Snippet id → where it starts: cell number and line (from 1) in that cell. */
    private final Map<String, int[]> origin = new HashMap<>();
    private int cellNumber;

    /** The outcome of a cell: whether its last snippet was an expression, and its value. */
    public record Outcome(boolean hasValue, Object value) {
        static final Outcome NONE = new Outcome(false, null);
    }

    private Cells() {
        // snippets print with System.out, which the kernel points at the notebook while a cell runs; JShell's
        // own streams forward to whatever System.out and System.err are then
        PrintStream out = new PrintStream(forward(false), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(forward(true), true, StandardCharsets.UTF_8);
        shell = JShell.builder().executionEngine("local").out(out).err(err).build();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                shell.addToClasspath(entry);
            }
        }
        analysis = shell.sourceCodeAnalysis();
    }

    /** A JShell with NanoPK on its class path and the startup script run. */
    public static Cells start() {
        System.setProperty("java.awt.headless", "true");
        Cells c = new Cells();
        c.run(startupScript());
        c.cellNumber = 0;
        return c;
    }

    /** The startup script shipped in the jar: the imports and helpers of {@code ./nanopk jshell}. */
    static String startupScript() {
        try (InputStream in = Cells.class.getResourceAsStream("/org/nanopk/examples/startup.jsh")) {
            if (in == null) {
                throw new IllegalStateException("the startup script org/nanopk/examples/startup.jsh is missing from the "
                    + "class path; rebuild NanoPK (mvn -B package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called by a snippet the kernel adds: hands the value of the cell's last expression over. */
    public static void keep(Object value) {
        kept = value;
    }

    /**
     * Runs one cell.
     *
     * @return whether its last snippet is an expression, and the expression's value
     * @throws CellError if a snippet is rejected, has unresolved names or throws
     */
    public Outcome run(String cell) {
        cellNumber++;
        String remaining = cell;
        int offset = 0;
        String lastValue = null;
        while (true) {
            SourceCodeAnalysis.CompletionInfo ci = analysis.analyzeCompletion(remaining);
            if (ci.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            int start = offset + startOf(remaining, ci.source());
            if (!ci.completeness().isComplete()) {
                throw compileError(cell, start, "the cell ends inside a statement (a missing ';', ')' or '}'?)");
            }
            lastValue = null;
            for (SnippetEvent e : shell.eval(ci.source())) {
                if (e.causeSnippet() != null) {
                    continue; // an update of an earlier snippet this one affects
                }
                Snippet s = e.snippet();
                // frames count lines from the snippet's first character that is not white space
                int lead = 0;
                while (lead < ci.source().length() && Character.isWhitespace(ci.source().charAt(lead))) {
                    lead++;
                }
                origin.put(s.id(), new int[] {cellNumber, lineOf(cell, start + lead)});
                if (e.status() == Snippet.Status.REJECTED) {
                    List<Diag> diags = shell.diagnostics(s).filter(Diag::isError).toList();
                    Diag d = diags.isEmpty() ? null : diags.get(0);
                    throw compileError(cell, start + (d == null ? 0 : (int) Math.max(0, d.getPosition())),
                        d == null ? "the snippet was rejected" : d.getMessage(null));
                }
                if (s instanceof DeclarationSnippet ds && (e.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED)) {
                    throw compileError(cell, start, "cannot find " + String.join(", ",
                        shell.unresolvedDependencies(ds).toList()));
                }
                if (e.exception() != null) {
                    throw thrown(e.exception());
                }
                if (s instanceof ExpressionSnippet x) {
                    lastValue = x.name();
                } else if (s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                    lastValue = v.name();
                }
            }
            offset += remaining.length() - ci.remaining().length();
            remaining = ci.remaining();
        }
        if (lastValue == null) {
            return Outcome.NONE;
        }
        kept = null;
        for (SnippetEvent e : shell.eval(Cells.class.getName() + ".keep(" + lastValue + ");")) {
            if (e.exception() != null || e.status() == Snippet.Status.REJECTED) {
                return new Outcome(true, "(the value of " + lastValue + " could not be read)");
            }
        }
        Object v = kept;
        kept = null;
        // printf and friends return their stream: like a statement, such a cell shows only what it printed
        return v instanceof java.io.PrintStream || v instanceof java.io.PrintWriter ? Outcome.NONE
            : new Outcome(true, v);
    }

    /** Completions at {@code cursor}: the replacements and where they start. */
    public Completion complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<String> names = new ArrayList<>();
        for (SourceCodeAnalysis.Suggestion s : analysis.completionSuggestions(code, cursor, anchor)) {
            if (!names.contains(s.continuation())) {
                names.add(s.continuation());
            }
        }
        return new Completion(List.copyOf(names), anchor[0], cursor);
    }

    /** Completion candidates replacing {@code code[from, to)}. */
    public record Completion(List<String> candidates, int from, int to) {
    }

    /** The signatures and Javadoc of what is at {@code cursor}, or "" when nothing is known there. */
    public String documentation(String code, int cursor) {
        StringBuilder sb = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : analysis.documentation(code, cursor, true)) {
            sb.append(d.signature()).append('\n');
            if (d.javadoc() != null) {
                sb.append(d.javadoc().strip()).append("\n\n");
            }
        }
        return sb.toString().strip();
    }

    /** Whether typed input is a complete statement: "complete", "incomplete" or "invalid". */
    public String completeness(String code) {
        return switch (analysis.analyzeCompletion(code).completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> "complete";
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "incomplete";
            case UNKNOWN -> "invalid";
        };
    }

    /** Stops the running cell (the kernel's interrupt). */
    public void stop() {
        shell.stop();
    }

    @Override
    public void close() {
        shell.close();
    }

    /**
     * Where in {@code remaining} the snippet {@code source} starts (the source keeps the whitespace before
     * it, and its diagnostics count from there; a ';' JShell added at the end is not in the cell).
     */
    private static int startOf(String remaining, String source) {
        String probe = source.endsWith(";") && !remaining.contains(source) ? source.substring(0, source.length() - 1)
            : source;
        int i = remaining.indexOf(probe);
        return Math.max(i, 0);
    }

    private static int lineOf(String cell, int pos) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, cell.length()); i++) {
            if (cell.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A compile error at {@code pos} of the cell: the message, the line and a caret under the position. */
    private CellError compileError(String cell, int pos, String message) {
        int p = Math.min(Math.max(0, pos), cell.length());
        int from = cell.lastIndexOf('\n', p - 1) + 1;
        int to = cell.indexOf('\n', p);
        String line = cell.substring(from, to < 0 ? cell.length() : to);
        String text = "line " + lineOf(cell, p) + ": " + message.strip().replace('\n', ' ');
        return new CellError("CompileError", text, List.of(text, line, " ".repeat(p - from) + "^"));
    }

    /** An exception thrown by the cell's code: its class, message and the frames in the user's snippets. */
    private CellError thrown(Throwable x) {
        String cls = x instanceof EvalException ee ? ee.getExceptionClassName() : x.getClass().getName();
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        String head = simple + ": " + (x.getMessage() == null ? "" : x.getMessage());
        List<String> lines = new ArrayList<>(List.of(head));
        for (StackTraceElement f : x.getStackTrace()) {
            // frames in snippets have the file name "#id" (the snippet's id) and a line within the snippet
            String file = f.getFileName();
            if (file != null && file.startsWith("#")) {
                int[] o = origin.get(file.substring(1));
                String method = f.getMethodName();
                boolean top = method.isEmpty() || method.startsWith("do_it");
                lines.add("  at " + (o == null ? "snippet " + file : "line " + (o[1] + Math.max(0, f.getLineNumber() - 1))
                    + (o[0] == cellNumber ? " of this cell" : " of cell " + o[0])) + (top ? "" : ", in " + method + "()"));
            }
        }
        return new CellError(simple, head, lines);
    }

    /** A stream writing to whatever System.out (or System.err) is at the time of each write. */
    private static OutputStream forward(boolean err) {
        return new OutputStream() {
            private PrintStream target() {
                return err ? System.err : System.out;
            }

            @Override
            public void write(int b) {
                target().write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                target().write(b, off, len);
            }

            @Override
            public void flush() {
                target().flush();
            }
        };
    }
}
