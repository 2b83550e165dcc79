package io.altokit.sim.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints summaries as an aligned text table, one row per run. */
public final class Table {
    private Table() {
    }

    public static void print(PrintWriter out, List<Summary> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> header = new ArrayList<>(rows.getFirst().columns().keySet());
        List<List<String>> cells = rows.stream()
                .map(row -> header.stream().map(column -> format(row.columns().get(column))).toList()).toList();
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : cells) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        out.println(line(header, width));
        cells.forEach(row -> out.println(line(row, width)));
        out.flush();
    }

    static String format(Object value) {
        return switch (value) {
            case Double d when Double.isNaN(d) -> "-";
            case Double d when Math.abs(d) >= 1e6 -> String.format(Locale.ROOT, "%.3e", d);
            case Double d -> String.format(Locale.ROOT, "%.4f", d);
            case null -> "-";
            default -> value.toString();
        };
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(c == 0 ? String.format("%-" + width[c] + "s", cell) : String.format("  %" + width[c] + "s", cell));
        }
        return line.toString();
    }
}
