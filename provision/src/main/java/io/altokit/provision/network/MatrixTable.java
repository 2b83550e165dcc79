package io.altokit.provision.network;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A matrix file as written, before its cells are checked: the columns, and each row's cells as
 * text. The format follows the file name: {@code .csv} or {@code .json}.
 *
 * @param columns destination areas in file order
 */
record MatrixTable(List<String> columns, List<Row> rows) {

    /**
     * @param label how error messages name the row: {@code row area-01}, in CSV with its line
     * @param cells column name to the cell's text; an empty cell is absent
     */
    record Row(String name, String label, Map<String, String> cells) {
    }

    private static final ObjectReader CSV_LINE = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY, CsvParser.Feature.TRIM_SPACES)
            .build()
            .readerFor(String[][].class); // records of fields; a line holds one
    // A repeated key would otherwise silently replace the first one.
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** Reads {@code file}; unreadable or malformed files are problems, and give no table. */
    static Optional<MatrixTable> read(Path file, Problems problems) {
        String name = file.getFileName().toString().toLowerCase();
        try {
            if (name.endsWith(".csv")) {
                return fromCsv(file, problems);
            }
            if (name.endsWith(".json")) {
                return fromJson(file, problems);
            }
            problems.add(file + ": unknown matrix format: use a .csv or .json file");
        } catch (NoSuchFileException e) {
            problems.add(file + ": no such file");
        } catch (JacksonException e) {
            problems.add(file + ": not valid JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e);
        }
        return Optional.empty();
    }

    /**
     * The first line lists the columns after a corner cell; every other line is a row: its area,
     * then its cells. Blank lines and lines starting with {@code #} are skipped. Each line is one
     * record (no line breaks inside quotes), so that messages can name the line.
     */
    private static Optional<MatrixTable> fromCsv(Path file, Problems problems) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> columns = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] cells;
            try {
                cells = CSV_LINE.<String[][]>readValue(text)[0];
            } catch (JacksonException e) {
                problems.add(file + ": line " + (i + 1) + ": not valid CSV: " + e.getOriginalMessage());
                continue;
            }
            if (columns.isEmpty()) {
                Optional<List<String>> header = header(cells, file, i + 1, problems);
                if (header.isEmpty()) {
                    return Optional.empty();
                }
                columns.addAll(header.get());
            } else {
                csvRow(cells, columns, file, i + 1, problems).ifPresent(rows::add);
            }
        }
        if (columns.isEmpty()) {
            problems.add(file + ": empty: expected a header line of areas, then one line per area");
            return Optional.empty();
        }
        return Optional.of(new MatrixTable(columns, rows));
    }

    private static Optional<List<String>> header(String[] cells, Path file, int line, Problems problems) {
        Set<String> columns = new LinkedHashSet<>();
        for (int i = 1; i < cells.length; i++) {
            if (cells[i].isEmpty()) {
                problems.add(file + ": header (line " + line + "): column " + (i + 1) + " has no area name");
            } else if (!columns.add(cells[i])) {
                problems.add(file + ": header (line " + line + "): column " + cells[i] + " is given twice");
            }
        }
        if (columns.isEmpty()) {
            problems.add(file + ": header (line " + line + "): expected a corner cell, then the areas of the columns");
        }
        return !columns.isEmpty() && columns.size() == cells.length - 1 ? Optional.of(List.copyOf(columns)) : Optional.empty();
    }

    private static Optional<Row> csvRow(String[] cells, List<String> columns, Path file, int line, Problems problems) {
        if (cells[0].isEmpty()) {
            problems.add(file + ": line " + line + ": the first cell must name the row's area");
            return Optional.empty();
        }
        String label = "row " + cells[0] + " (line " + line + ")";
        if (cells.length - 1 > columns.size()) {
            problems.add(file + ": " + label + ": " + (cells.length - 1) + " values for " + columns.size() + " columns");
        }
        Map<String, String> byColumn = new LinkedHashMap<>();
        for (int i = 1; i < Math.min(cells.length, columns.size() + 1); i++) {
            if (!cells[i].isEmpty()) {
                byColumn.put(columns.get(i - 1), cells[i]);
            }
        }
        return Optional.of(new Row(cells[0], label, byColumn));
    }

    /** An object of rows, each an object of columns to numbers: the shape of the YAML {@code costs} section. */
    private static Optional<MatrixTable> fromJson(Path file, Problems problems) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        }
        if (root == null || !root.isObject()) {
            problems.add(file + ": expected an object of rows, each an object of columns to numbers");
            return Optional.empty();
        }
        Set<String> columns = new LinkedHashSet<>();
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> row : root.properties()) {
            String label = "row " + row.getKey();
            if (!row.getValue().isObject()) {
                problems.add(file + ": " + label + ": expected an object of columns to numbers, got " + row.getValue());
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> cell : row.getValue().properties()) {
                columns.add(cell.getKey());
                // A number keeps its text; anything else its JSON form, which fails as a number later.
                cells.put(cell.getKey(), cell.getValue().isNumber() ? cell.getValue().asText() : cell.getValue().toString());
            }
            rows.add(new Row(row.getKey(), label, cells));
        }
        return Optional.of(new MatrixTable(List.copyOf(columns), rows));
    }
}
