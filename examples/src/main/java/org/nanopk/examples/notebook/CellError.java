package org.nanopk.examples.notebook;

import java.util.List;

/**
 * A cell that did not run to its end: a compile error (with the line of the cell and a caret under the
 * position), an unresolved name, or an exception thrown by the user's code (with its frames in the
 * cell's snippets). {@link #lines()} is what the notebook shows.
 */
public final class CellError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error's kind for Jupyter's "ename": "CompileError" or the exception's class name. */
    private final String kind;
    private final transient List<String> lines;

    CellError(String kind, String message, List<String> lines) {
        super(message);
        this.kind = kind;
        this.lines = List.copyOf(lines);
    }

    /** No Java stack of the kernel: what the user needs is in {@link #lines()}. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** "CompileError", or the simple class name of the exception the cell threw. */
    public String kind() {
        return kind;
    }

    /** The lines the notebook shows: the message, then the source line and caret or the frames. */
    public List<String> lines() {
        return lines;
    }
}
