package org.nanopk.io;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.nanopk.internal.Checks;
import org.nanopk.internal.Csv;
import org.nanopk.internal.SafeFiles;

/**
 * A CSV table: a header and rows of text cells, read and written through Apache Commons CSV (RFC 4180:
 * a cell holding a comma, a quote or a line break is quoted), so that any value round-trips. The one
 * home of NanoPK's CSV format: every data file is read and every result written through it. Immutable.
 *
 * <p>Reading is strict: the file is UTF-8 of at most {@link #MAX_BYTES} bytes (counted while reading,
 * so devices and pipes are bounded too), a byte-order mark is removed, the header must have unique,
 * non-empty names (compared without case), and every row must have exactly as many cells as the header
 * (a row with more cells is often a decimal comma). Every problem names the source, row and column.
 * Writing goes through a temporary file moved into place when complete.
 */
public final class CsvTable {
    /** Largest CSV file read (bytes). */
    public static final long MAX_BYTES = 64L << 20;

    private final String source;
    private final List<String> header;
    /** Columns by name without case. */
    private final Map<String, Integer> columns;
    private final List<String[]> rows;
    private final long[] lines;

    private CsvTable(String source, List<String> header, List<String[]> rows, long[] lines) {
        this.source = source;
        this.header = header;
        this.rows = rows;
        this.lines = lines;
        Map<String, Integer> c = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (h.isEmpty()) {
                throw new IllegalArgumentException(source + ": column " + (i + 1) + " has an empty name");
            }
            Integer before = c.put(h.toLowerCase(Locale.ROOT), i);
            if (before != null) {
                throw new IllegalArgumentException(source + ": duplicate column '" + h + "'" + (header.get(before)
                    .equals(h) ? "" : " (and '" + header.get(before) + "': names are compared without case)"));
            }
        }
        this.columns = Collections.unmodifiableMap(c);
    }

    /**
     * A table of the given header and rows (each row one cell per column; a null cell is written
     * empty).
     *
     * @throws IllegalArgumentException for an empty or duplicate column name or a row of another length
     */
    public static CsvTable of(List<String> header, List<List<String>> rows) {
        Checks.notNull("header", header);
        Checks.notNull("rows", rows);
        List<String> h = List.copyOf(header);
        List<String[]> r = new ArrayList<>(rows.size());
        long[] lines = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = Checks.notNull("row " + (i + 1), rows.get(i));
            if (row.size() != h.size()) {
                throw new IllegalArgumentException("row " + (i + 1) + " has " + row.size() + " cells; expected "
                    + h.size() + ", one per column " + h);
            }
            String[] cells = new String[row.size()];
            for (int j = 0; j < cells.length; j++) {
                cells[j] = row.get(j) == null ? "" : row.get(j);
            }
            r.add(cells);
            lines[i] = i + 2;
        }
        return new CsvTable("table", h, Collections.unmodifiableList(r), lines);
    }

    /** Reads a CSV file (see the class notes for the rules). */
    public static CsvTable read(Path file) {
        Checks.notNull("data file", file);
        return parse(SafeFiles.readText(file, MAX_BYTES, "CSV data file"), file.toString());
    }

    /** Parses CSV text; {@code source} names it in messages. */
    public static CsvTable parse(String text, String source) {
        Checks.notNull("source", source);
        if (text == null) {
            throw new IllegalArgumentException(source + ": text is null");
        }
        if (text.length() > MAX_BYTES) {
            throw new IllegalArgumentException(source + ": " + text.length() + " characters is too large; expected at "
                + "most " + MAX_BYTES);
        }
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (Reader r = new StringReader(t); CSVParser p = CSVParser.parse(r, Csv.READ)) {
            List<String> header = new ArrayList<>();
            for (String h : p.getHeaderNames()) {
                header.add(h.trim());
            }
            if (header.isEmpty()) {
                throw new IllegalArgumentException(source + ": no header row; expected column names in the first row");
            }
            List<String[]> rows = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            for (CSVRecord rec : p) {
                long line = rec.getRecordNumber() + 1;
                if (rec.size() != header.size()) {
                    throw new IllegalArgumentException(source + ": row " + line + " has " + rec.size() + " cells but "
                        + "the header has " + header.size() + " columns " + header + (rec.size() > header.size()
                        ? "; a decimal comma or an unquoted comma in a value?" : "; expected one cell per column"));
                }
                String[] cells = new String[rec.size()];
                for (int j = 0; j < cells.length; j++) {
                    cells[j] = rec.get(j).trim();
                }
                rows.add(cells);
                lines.add(line);
            }
            long[] ln = new long[lines.size()];
            for (int i = 0; i < ln.length; i++) {
                ln[i] = lines.get(i);
            }
            return new CsvTable(source, List.copyOf(header), Collections.unmodifiableList(rows), ln);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "malformed CSV" : e.getMessage();
            throw new IllegalArgumentException(m.startsWith(source) ? m : source + ": " + m, e);
        } catch (IOException | UncheckedIOException e) {
            Throwable inner = e;
            while (inner.getCause() != null) {
                inner = inner.getCause();
            }
            throw new IllegalArgumentException(source + ": malformed CSV: " + inner.getMessage(), e);
        }
    }

    /** Where the table came from (a file name), for messages. */
    public String source() {
        return source;
    }

    /** The column names, as written. */
    public List<String> header() {
        return header;
    }

    /** The number of rows (the header not counted). */
    public int size() {
        return rows.size();
    }

    /** The index of the column of that name, compared without case ({@code TIME} finds {@code time}), or -1. */
    public int column(String name) {
        return columns.getOrDefault(Checks.notNull("column name", name).toLowerCase(Locale.ROOT), -1);
    }

    /** The cell of row {@code row} (0-based) and column {@code column}, trimmed. */
    public String cell(int row, int column) {
        return rows.get(row)[column];
    }

    /** Row {@code row}'s cells, in column order. */
    public List<String> row(int row) {
        return List.of(rows.get(row));
    }

    /** The line of row {@code row} in its source (the header is line 1, as a spreadsheet counts). */
    public long line(int row) {
        return lines[row];
    }

    /** "source: row N" with N the row's {@link #line}. */
    public String where(int row) {
        return source + ": row " + lines[row];
    }

    /**
     * A number from a cell: an empty cell or "." (NONMEM's missing value) gives {@code missing}, as
     * does a column that is absent ({@code column} &lt; 0); anything else must be a finite decimal
     * number.
     */
    public double number(int row, int column, double missing) {
        if (column < 0) {
            return missing;
        }
        String s = cell(row, column);
        if (s.isEmpty() || s.equals(".")) {
            return missing;
        }
        double v = Checks.finiteDecimal(s);
        if (!Double.isNaN(v)) {
            return v;
        }
        throw new IllegalArgumentException(where(row) + ", column " + header.get(column) + ": '" + shorten(s)
            + "' is not a finite decimal number");
    }

    /** The CSV text: the header, then one line per row; cells quoted only where needed. */
    public String toCsv() {
        StringWriter w = new StringWriter();
        try {
            writeTo(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Writes the CSV text to {@code out}. */
    public void writeTo(Appendable out) throws IOException {
        CSVPrinter p = Csv.printer(out);
        p.printRecord(header);
        for (String[] r : rows) {
            p.printRecord((Object[]) r);
        }
        p.flush();
    }

    /** Writes the CSV to {@code file} (UTF-8), replacing it only once the new content is complete. */
    public void write(Path file) {
        SafeFiles.write(file, this::writeTo);
    }

    /** The number of rows and the header. */
    @Override
    public String toString() {
        return "CSV table " + source + ": " + rows.size() + " rows, columns " + header;
    }

    /** A cell shortened to 40 characters for messages. */
    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
