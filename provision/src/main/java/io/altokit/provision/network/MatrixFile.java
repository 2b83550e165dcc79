package io.altokit.provision.network;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a pool's area-to-area matrix file and checks all of it: square over the same areas, every
 * area a PID, every cell present, a number, and in range. A missing cell is an error, never a zero.
 */
final class MatrixFile {

    private MatrixFile() {
    }

    /**
     * @param pids the PIDs of the network map, which the areas must be
     * @return the matrix, or empty if the file has problems (all of them added to {@code problems})
     */
    static Optional<AreaMatrix> read(Path file, Set<String> pids, Quantity quantity, Problems problems) {
        int before = problems.count();
        Optional<AreaMatrix> matrix = MatrixTable.read(file, problems)
                .map(table -> check(table, file, pids, quantity, problems));
        return problems.count() == before ? matrix : Optional.empty();
    }

    private static AreaMatrix check(MatrixTable table, Path file, Set<String> pids, Quantity quantity, Problems problems) {
        List<MatrixTable.Row> rows = distinctRows(table.rows(), file, problems);
        Set<String> rowNames = rows.stream().map(MatrixTable.Row::name).collect(Collectors.toSet());
        Set<String> columnNames = new HashSet<>(table.columns());
        table.columns().stream().filter(column -> !rowNames.contains(column)).forEach(column ->
                problems.add(file + ": column " + column + " has no row: the matrix must be square over the same areas"));
        rows.stream().filter(row -> !columnNames.contains(row.name())).forEach(row ->
                problems.add(file + ": " + row.label() + " has no column: the matrix must be square over the same areas"));
        List<MatrixTable.Row> areaRows = rows.stream().filter(row -> columnNames.contains(row.name())).toList();
        List<String> areas = areaRows.stream().map(MatrixTable.Row::name).toList();
        areas.stream().filter(area -> !pids.contains(area)).forEach(area ->
                problems.add(file + ": area " + area + " is not a PID of network-map"));
        double[][] values = new double[areas.size()][areas.size()];
        for (int i = 0; i < areas.size(); i++) {
            Map<String, String> cells = areaRows.get(i).cells();
            for (int j = 0; j < areas.size(); j++) {
                String where = file + ": " + areaRows.get(i).label() + ", column " + areas.get(j) + ": ";
                String text = cells.get(areas.get(j));
                if (text == null) {
                    problems.add(where + "missing value");
                } else {
                    values[i][j] = value(text, where, quantity, problems);
                }
            }
        }
        return new AreaMatrix(file.toString(), areas, values);
    }

    private static List<MatrixTable.Row> distinctRows(List<MatrixTable.Row> rows, Path file, Problems problems) {
        Set<String> seen = new HashSet<>();
        List<MatrixTable.Row> distinct = new ArrayList<>();
        for (MatrixTable.Row row : rows) {
            if (seen.add(row.name())) {
                distinct.add(row);
            } else {
                problems.add(file + ": " + row.label() + ": row " + row.name() + " is given twice");
            }
        }
        return distinct;
    }

    /** In the metric's unit. Parsed as a decimal, so that NaN, Infinity, hex and Java suffixes like {@code 5d} are not numbers. */
    private static double value(String text, String where, Quantity quantity, Problems problems) {
        double value;
        try {
            value = new BigDecimal(text).doubleValue();
        } catch (NumberFormatException e) {
            problems.add(where + "expected a number, got " + text);
            return Double.NaN;
        }
        if (!Double.isFinite(value)) {
            problems.add(where + text + " is too large");
            return Double.NaN;
        }
        quantity.check(value).ifPresent(why -> problems.add(where + why));
        return quantity.toMetricUnit(value);
    }
}
