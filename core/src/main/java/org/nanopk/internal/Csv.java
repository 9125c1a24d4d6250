package org.nanopk.internal;

import java.io.IOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.csv.QuoteMode;

/**
 * NanoPK's CSV dialect (Apache Commons CSV, RFC 4180): comma-separated, a cell quoted only when it
 * holds a comma, a quote or a line break, lines ended by a line feed. Every CSV NanoPK reads or writes
 * goes through these formats, so any value written reads back as it was.
 */
public final class Csv {
    private Csv() {
    }

    /** Reading: the first record is the header (unique names), empty lines skipped, cells trimmed. */
    public static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
        .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).setIgnoreEmptyLines(true).setTrim(true)
        .setAllowMissingColumnNames(false).get();

    /** Writing: minimal quoting, "\n" between records. */
    public static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator("\n")
        .setQuoteMode(QuoteMode.MINIMAL).get();

    /** A printer of records to {@code out} in the writing format; flush it when done. */
    public static CSVPrinter printer(Appendable out) throws IOException {
        return new CSVPrinter(out, WRITE);
    }

    /** Writes one record. */
    public static void record(CSVPrinter p, List<?> cells) throws IOException {
        p.printRecord(cells);
    }

    /** A number as a CSV cell: Java's shortest form that reads back to the same double. */
    public static String number(double v) {
        return Double.toString(v);
    }
}
