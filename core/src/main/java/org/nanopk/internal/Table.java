package org.nanopk.internal;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns: numbers right-aligned, text left-aligned. */
public final class Table {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    /** A table with the given column headers. */
    public Table(String... header) {
        this.header = header.clone();
    }

    /** Adds a row; missing cells are blank. */
    public Table row(String... cells) {
        String[] r = new String[header.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < cells.length && cells[i] != null ? cells[i] : "";
        }
        rows.add(r);
        return this;
    }

    /** Adds a row of an ellipsis in every column (for elided rows). */
    public Table ellipsis() {
        String[] r = new String[header.length];
        java.util.Arrays.fill(r, "…");
        rows.add(r);
        return this;
    }

    /** The number of rows. */
    public int size() {
        return rows.size();
    }

    @Override
    public String toString() {
        int n = header.length;
        int[] w = new int[n];
        boolean[] numeric = new boolean[n];
        for (int i = 0; i < n; i++) {
            w[i] = header[i].length();
            numeric[i] = true;
        }
        for (String[] r : rows) {
            for (int i = 0; i < n; i++) {
                w[i] = Math.max(w[i], r[i].length());
                if (!r[i].isEmpty() && !r[i].equals("…") && !looksNumeric(r[i])) {
                    numeric[i] = false;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w, numeric);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        sb.append('\n');
        for (String[] r : rows) {
            line(sb, r, w, numeric);
        }
        return sb.toString().stripTrailing();
    }

    private static void line(StringBuilder sb, String[] cells, int[] w, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String c = cells[i];
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
}
