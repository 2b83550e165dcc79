package io.altokit.provision.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a pool's area-to-area matrix file and checks all of it: square over the same areas, every
 * area a PID, every cell present, a number, and in range. A missing cell is an error, never a zero.
 */
final class MatrixFile {

    private MatrixFile() {
    }

    /**
     * The matrix of {@code file}, its bytes taken from {@code content}, checked but for its areas
     * being PIDs (which {@link #checkAreas} checks against the network map of the day).
     *
     * @return the matrix, or empty if the file has problems (all of them added to {@code problems})
     */
    static Optional<AreaMatrix> read(Path file, MatrixTable.Content content, Quantity quantity, Problems problems) {
        int before = problems.count();
        Optional<AreaMatrix> matrix = MatrixTable.read(file, content, quantity, problems).map(table -> check(table, file, problems));
        return problems.count() == before ? matrix : Optional.empty();
    }

    /** Adds a problem for each area of {@code matrix} that is not one of {@code pids}. */
    static void checkAreas(AreaMatrix matrix, Set<String> pids, Problems problems) {
        matrix.areas().stream().filter(area -> !pids.contains(area)).forEach(area ->
                problems.add(matrix.source() + ": area " + area + " is not a PID of network-map"));
    }

    /** The rows that are also columns, each row's values reordered to the rows' order where the file's columns differ. */
    private static AreaMatrix check(MatrixTable table, Path file, Problems problems) {
        List<MatrixTable.Row> rows = distinctRows(table.rows(), file, problems);
        Set<String> rowNames = new HashSet<>();
        rows.forEach(row -> rowNames.add(row.name()));
        Map<String, Integer> columnIndex = new HashMap<>();
        for (int j = 0; j < table.columns().size(); j++) {
            columnIndex.put(table.columns().get(j), j);
        }
        table.columns().stream().filter(column -> !rowNames.contains(column)).forEach(column ->
                problems.add(file + ": column " + column + " has no row: the matrix must be square over the same areas"));
        rows.stream().filter(row -> !columnIndex.containsKey(row.name())).forEach(row ->
                problems.add(file + ": " + row.label() + " has no column: the matrix must be square over the same areas"));
        List<MatrixTable.Row> areaRows = rows.stream().filter(row -> columnIndex.containsKey(row.name())).toList();
        List<String> areas = areaRows.stream().map(MatrixTable.Row::name).toList();
        int[] columnOfArea = areas.stream().mapToInt(columnIndex::get).toArray();
        boolean inColumnOrder = areas.equals(table.columns());
        double[][] values = new double[areas.size()][];
        for (int i = 0; i < areas.size(); i++) {
            MatrixTable.Row row = areaRows.get(i);
            for (int j = 0; j < areas.size(); j++) {
                if (!row.given().get(columnOfArea[j])) {
                    problems.add(file + ": " + row.label() + ", column " + areas.get(j) + ": missing value");
                }
            }
            values[i] = inColumnOrder ? row.values() : reordered(row.values(), columnOfArea);
        }
        return new AreaMatrix(file.toString(), areas, values);
    }

    private static double[] reordered(double[] byColumn, int[] columnOfArea) {
        double[] byArea = new double[columnOfArea.length];
        for (int j = 0; j < byArea.length; j++) {
            byArea[j] = byColumn[columnOfArea[j]];
        }
        return byArea;
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
}
