package org.nanopk.io;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.nanopk.internal.Checks;

/**
 * Reading CSV tables (Commons CSV) for the data formats: a size limit, a byte-order mark removed,
 * duplicate or empty headers rejected, column names matched case-insensitively, and every problem
 * reported with the file, row and column.
 */
final class Csv {
    /** Largest data file read (bytes): larger files are rejected before they are read. */
    static final long MAX_BYTES = 64L << 20;

    private Csv() {
    }

    /** A parsed table: its source, header (original spelling) and rows. */
    record Table(String source, List<String> header, Map<String, Integer> columns, List<CSVRecord> rows) {
        /** Index of a column (case-insensitive), or -1. */
        int column(String name) {
            return columns.getOrDefault(name.toLowerCase(Locale.ROOT), -1);
        }

        /** The cell, or "" if the row is short. */
        String cell(CSVRecord r, int column) {
            return column >= 0 && column < r.size() ? r.get(column).trim() : "";
        }

        /** "file: row N" (N counts the header as row 1, as a spreadsheet does). */
        String where(CSVRecord r) {
            return source + ": row " + (r.getRecordNumber() + 1);
        }

        /**
         * A number from a cell: empty or "." (NONMEM's missing value) gives {@code missing};
         * anything else must parse to a finite number.
         */
        double number(CSVRecord r, int column, double missing) {
            if (column < 0) {
                return missing;
            }
            String s = cell(r, column);
            if (s.isEmpty() || s.equals(".")) {
                return missing;
            }
            double v = Checks.finiteDecimal(s);
            if (!Double.isNaN(v)) {
                return v;
            }
            throw new IllegalArgumentException(where(r) + ", column " + header.get(column) + ": '" + shorten(s)
                + "' is not a finite decimal number");
        }
    }

    static Table read(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("data file is null");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": data file of " + size + " bytes is too large; expected "
                    + "at most " + MAX_BYTES + " bytes (split it by subject)");
            }
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(
                    Files.readAllBytes(file))).toString();
            return parse(text, file.toString());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not valid UTF-8 text; expected a CSV file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Table parse(String text, String source) {
        if (text == null) {
            throw new IllegalArgumentException(source + ": text is null");
        }
        if (text.length() > MAX_BYTES) {
            throw new IllegalArgumentException(source + ": " + text.length() + " characters is too large; expected at "
                + "most " + MAX_BYTES);
        }
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).setIgnoreEmptyLines(true).setTrim(true)
            .setAllowMissingColumnNames(false).get();
        try (Reader r = new StringReader(t); CSVParser p = CSVParser.parse(r, format)) {
            List<String> header = p.getHeaderNames();
            if (header.isEmpty()) {
                throw new IllegalArgumentException(source + ": no header row; expected column names in the first row");
            }
            Map<String, Integer> columns = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i).trim();
                if (h.isEmpty()) {
                    throw new IllegalArgumentException(source + ": column " + (i + 1) + " has an empty name");
                }
                if (columns.put(h.toLowerCase(Locale.ROOT), i) != null) {
                    throw new IllegalArgumentException(source + ": duplicate column '" + h + "' (names are compared "
                        + "without case)");
                }
            }
            List<CSVRecord> rows = new ArrayList<>();
            for (CSVRecord rec : p) {
                rows.add(rec);
            }
            return new Table(source, header, columns, rows);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IllegalArgumentException(m.startsWith(source) ? m : source + ": " + m, e);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(source + ": malformed CSV: " + e.getMessage(), e);
        }
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
