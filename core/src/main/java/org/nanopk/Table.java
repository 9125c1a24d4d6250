package org.nanopk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;
import org.nanopk.internal.Checks;
import org.nanopk.internal.Csv;
import org.nanopk.internal.SafeFiles;

/**
 * A table of text cells under a header: what NanoPK's readouts, summaries and listings print. Its
 * {@link #toString()} is the table with aligned columns (numbers right-aligned), so in JShell and in a
 * notebook the value shows as a table; {@link #toHtml()} is the same as an HTML table and
 * {@link #toCsv()} as CSV. Immutable.
 *
 * <pre>{@code
 * Table t = Table.builder("parameter", "value", "unit").row("k", 0.1, "1/h").build();
 * }</pre>
 * Numbers are formatted with six significant digits (see {@link #format(double)}).
 */
public final class Table {
    private static final String ELLIPSIS = "…";

    private final String title;
    private final List<String> header;
    private final List<List<String>> rows;

    private Table(String title, List<String> header, List<List<String>> rows) {
        this.title = title;
        this.header = header;
        this.rows = rows;
    }

    /** A builder of a table with these column names. */
    public static Builder builder(String... header) {
        Checks.notNull("header", header);
        if (header.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        for (int i = 0; i < header.length; i++) {
            Checks.notNull("column " + (i + 1) + " name", header[i]);
        }
        return new Builder(List.of(header));
    }

    /** A builder of a table with these column names. */
    public static Builder builder(List<String> header) {
        return builder(Checks.notNull("header", header).toArray(new String[0]));
    }

    /**
     * A number as tables print it: six significant digits, trailing zeros dropped, scientific
     * notation below 1e-3 and from 1e7 on (for example 6.93147, 0.0001 → 1.00000e-04).
     */
    public static String format(double v) {
        return Checks.g(v);
    }

    /** The title printed above the table, or "" for none. */
    public String title() {
        return title;
    }

    /** This table with a title line above it. */
    public Table withTitle(String newTitle) {
        return new Table(Checks.notNull("title", newTitle), header, rows);
    }

    /** The column names. */
    public List<String> header() {
        return header;
    }

    /** The rows, each one cell per column (an elided stretch of rows is a row of "…"). */
    public List<List<String>> rows() {
        return rows;
    }

    /** The number of rows. */
    public int size() {
        return rows.size();
    }

    /** The cell of row {@code row} (0-based) in the column called {@code column}. */
    public String cell(int row, String column) {
        int c = header.indexOf(column);
        if (c < 0) {
            throw Checks.unknown("column", column, header);
        }
        return rows.get(row).get(c);
    }

    /** The table as CSV: the header, then the rows (elided rows left out). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        try {
            writeCsv(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    private void writeCsv(Appendable out) throws IOException {
        CSVPrinter p = Csv.printer(out);
        p.printRecord(header);
        for (List<String> r : rows) {
            if (!isEllipsis(r)) {
                p.printRecord(r);
            }
        }
        p.flush();
    }

    /** Writes {@link #toCsv()} to a file, replacing it only once the new content is complete. */
    public void writeCsv(Path file) {
        SafeFiles.write(file, this::writeCsv);
    }

    /** The table as an HTML {@code <table>} (cells escaped; numeric columns right-aligned). */
    public String toHtml() {
        boolean[] numeric = numericColumns();
        StringBuilder sb = new StringBuilder("<table>\n");
        if (!title.isEmpty()) {
            sb.append("<caption>").append(escape(title)).append("</caption>\n");
        }
        sb.append("<thead><tr>");
        for (String h : header) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                sb.append(numeric[i] ? "<td style=\"text-align:right\">" : "<td>").append(escape(r.get(i)))
                    .append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static boolean isEllipsis(List<String> r) {
        return r.stream().allMatch(ELLIPSIS::equals);
    }

    private boolean[] numericColumns() {
        int n = header.size();
        boolean[] numeric = new boolean[n];
        Arrays.fill(numeric, true);
        for (List<String> r : rows) {
            for (int i = 0; i < n; i++) {
                String c = r.get(i);
                if (!c.isEmpty() && !c.equals(ELLIPSIS) && !looksNumeric(c)) {
                    numeric[i] = false;
                }
            }
        }
        return numeric;
    }

    /** The title (if any), the header, a rule, then the rows, columns aligned. */
    @Override
    public String toString() {
        int n = header.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = header.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < n; i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        boolean[] numeric = numericColumns();
        StringBuilder sb = new StringBuilder();
        if (!title.isEmpty()) {
            sb.append(title).append('\n');
        }
        line(sb, header, w, numeric);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r, w, numeric);
        }
        return sb.toString().stripTrailing();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && title.equals(t.title) && header.equals(t.header) && rows.equals(t.rows);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + rows.hashCode();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            String c = cells.get(i);
            int pad = w[i] - c.length();
            if (numeric[i]) {
                line.append(" ".repeat(pad)).append(c);
            } else {
                line.append(c).append(" ".repeat(pad));
            }
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    private static boolean looksNumeric(String s) {
        return s.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?%?|NaN|-?Infinity|-");
    }

    /** Builds a {@link Table} row by row. Not thread-safe. */
    public static final class Builder {
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();
        private String title = "";

        private Builder(List<String> header) {
            this.header = header;
        }

        /**
         * Adds a row: numbers are formatted with {@link Table#format(double)}, null is blank, anything
         * else is its {@code toString()}; missing cells are blank.
         *
         * @throws IllegalArgumentException if there are more cells than columns
         */
        public Builder row(Object... cells) {
            Checks.notNull("cells", cells);
            if (cells.length > header.size()) {
                throw new IllegalArgumentException("row of " + cells.length + " cells for " + header.size()
                    + " columns " + header);
            }
            List<String> r = new ArrayList<>(header.size());
            for (int i = 0; i < header.size(); i++) {
                Object c = i < cells.length ? cells[i] : null;
                r.add(c == null ? "" : c instanceof Double || c instanceof Float ? format(((Number) c).doubleValue())
                    : c.toString());
            }
            rows.add(List.copyOf(r));
            return this;
        }

        /** Adds a row of "…" in every column, marking rows left out. */
        public Builder ellipsis() {
            rows.add(java.util.Collections.nCopies(header.size(), ELLIPSIS));
            return this;
        }

        /** A title line above the table. */
        public Builder title(String text) {
            this.title = Checks.notNull("title", text);
            return this;
        }

        /** The number of rows so far. */
        public int size() {
            return rows.size();
        }

        /** The table. */
        public Table build() {
            return new Table(title, header, List.copyOf(rows));
        }

        /** The table built so far, as text. */
        @Override
        public String toString() {
            return build().toString();
        }
    }
}
