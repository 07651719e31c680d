package io.ipfskit.launcher;

import java.util.List;

/** Columns aligned as Go's tabwriter with one space of padding aligns them; the last column is not padded. */
final class Table {

    private Table() {
    }

    static void print(List<String[]> rows) {
        int columns = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 1));
                }
            }
            System.out.println(line);
        }
    }
}
