package io.altokit.provision.network;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A matrix file as written, before its shape is checked: the columns, and each row's values in the
 * metric's unit. The format follows the file name: {@code .csv} or {@code .json}. Both are read as a
 * stream, a line or a token at a time, into one {@code double[]} per row: a 1,700 x 1,700 file
 * becomes 1,700 arrays, neither its text nor an object per cell is kept. Every cell is checked as
 * it is read (a number, in the quantity's range); each problem names the file, the row and the column.
 *
 * @param columns destination areas in file order
 */
record MatrixTable(List<String> columns, List<Row> rows) {

    /**
     * @param label how error messages name the row: {@code row area-01}, in CSV with its line
     * @param values by column index, in the metric's unit; NaN where the cell is absent or not a valid value
     * @param given the columns with a cell (valid or not); an empty CSV cell is absent
     */
    record Row(String name, String label, double[] values, BitSet given) {
    }

    private static final ObjectReader CSV_LINE = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY, CsvParser.Feature.TRIM_SPACES)
            .build()
            .readerFor(String[][].class); // records of fields; a line holds one
    // A repeated key would otherwise silently replace the first one.
    private static final JsonFactory JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build().getFactory();

    /** Reads {@code file}, values as {@code quantity}; unreadable or malformed files are problems, and give no table. */
    static Optional<MatrixTable> read(Path file, Quantity quantity, Problems problems) {
        return read(file, () -> Files.newInputStream(file), quantity, problems);
    }

    /** The bytes of a matrix file, opened once. */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;
    }

    /**
     * As {@link #read(Path, Quantity, Problems)}, the bytes taken from {@code content} (read to its
     * end and closed), {@code file} naming it and its format.
     */
    static Optional<MatrixTable> read(Path file, Content content, Quantity quantity, Problems problems) {
        String name = file.getFileName().toString().toLowerCase();
        if (!name.endsWith(".csv") && !name.endsWith(".json")) {
            problems.add(file + ": unknown matrix format: use a .csv or .json file");
            return Optional.empty();
        }
        try (InputStream in = content.open()) {
            return name.endsWith(".csv") ? new CsvReader(file, in, quantity, problems).read() : fromJson(file, in, quantity, problems);
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
    private static final class CsvReader {

        private final Path file;
        private final InputStream content;
        private final Quantity quantity;
        private final Problems problems;
        private final List<Row> rows = new ArrayList<>();
        private List<String> columns = List.of();
        /** Cell boundaries of the current unquoted line: cell i is {@code [starts[i], ends[i])}. */
        private int[] starts = new int[16];
        private int[] ends = new int[16];

        CsvReader(Path file, InputStream content, Quantity quantity, Problems problems) {
            this.file = file;
            this.content = content;
            this.quantity = quantity;
            this.problems = problems;
        }

        Optional<MatrixTable> read() throws IOException {
            // A decoder that reports malformed input, as Files.newBufferedReader's does, rather than replacing it.
            try (BufferedReader in = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8.newDecoder()))) {
                int lineNumber = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNumber++;
                    String text = line.strip();
                    if (text.isEmpty() || text.startsWith("#")) {
                        continue;
                    }
                    Optional<String[]> quoted = Optional.empty();
                    if (text.indexOf('"') >= 0) {
                        quoted = quotedCells(text, lineNumber);
                        if (quoted.isEmpty()) {
                            continue;
                        }
                    }
                    if (columns.isEmpty()) {
                        Optional<List<String>> header = header(quoted.orElseGet(() -> plainCells(text)), lineNumber);
                        if (header.isEmpty()) {
                            return Optional.empty();
                        }
                        columns = header.get();
                    } else if (quoted.isPresent()) {
                        row(quoted.get(), lineNumber);
                    } else {
                        row(text, lineNumber);
                    }
                }
            }
            if (columns.isEmpty()) {
                problems.add(file + ": empty: expected a header line of areas, then one line per area");
                return Optional.empty();
            }
            return Optional.of(new MatrixTable(columns, rows));
        }

        /** A line with quotes, read by the CSV library; a malformed one is a problem and gives nothing. */
        private Optional<String[]> quotedCells(String text, int line) {
            try {
                return Optional.of(CSV_LINE.<String[][]>readValue(text)[0]);
            } catch (JacksonException e) {
                problems.add(file + ": line " + line + ": not valid CSV: " + e.getOriginalMessage());
                return Optional.empty();
            } catch (IOException e) {
                throw new IllegalStateException("reading a string cannot fail", e);
            }
        }

        private String[] plainCells(String text) {
            int count = split(text);
            String[] cells = new String[count];
            for (int i = 0; i < count; i++) {
                cells[i] = text.substring(starts[i], ends[i]);
            }
            return cells;
        }

        /** Finds the cells of a line without quotes, spaces around them trimmed; returns how many. */
        private int split(String text) {
            int count = 0;
            int start = 0;
            while (true) {
                int comma = text.indexOf(',', start);
                int end = comma < 0 ? text.length() : comma;
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, 2 * count);
                    ends = Arrays.copyOf(ends, 2 * count);
                }
                int from = start;
                int to = end;
                while (from < to && isBlank(text.charAt(from))) {
                    from++;
                }
                while (to > from && isBlank(text.charAt(to - 1))) {
                    to--;
                }
                starts[count] = from;
                ends[count++] = to;
                if (comma < 0) {
                    return count;
                }
                start = comma + 1;
            }
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }

        private Optional<List<String>> header(String[] cells, int line) {
            Map<String, Boolean> names = new LinkedHashMap<>();
            for (int i = 1; i < cells.length; i++) {
                if (cells[i].isEmpty()) {
                    problems.add(file + ": header (line " + line + "): column " + (i + 1) + " has no area name");
                } else if (names.putIfAbsent(cells[i], true) != null) {
                    problems.add(file + ": header (line " + line + "): column " + cells[i] + " is given twice");
                }
            }
            if (names.isEmpty()) {
                problems.add(file + ": header (line " + line + "): expected a corner cell, then the areas of the columns");
            }
            return !names.isEmpty() && names.size() == cells.length - 1 ? Optional.of(List.copyOf(names.keySet())) : Optional.empty();
        }

        private void row(String text, int line) {
            int count = split(text);
            if (starts[0] == ends[0]) {
                problems.add(file + ": line " + line + ": the first cell must name the row's area");
                return;
            }
            Row row = newRow(text.substring(starts[0], ends[0]), line, count);
            int cells = Math.min(count, columns.size() + 1);
            // Every cell given, as almost always, then the empty ones taken back: a bit at a time costs more than the number.
            row.given().set(0, cells - 1);
            for (int i = 1; i < cells; i++) {
                if (starts[i] < ends[i]) {
                    set(row, i - 1, text, starts[i], ends[i]);
                } else {
                    row.given().clear(i - 1);
                }
            }
        }

        private void row(String[] cells, int line) {
            if (cells[0].isEmpty()) {
                problems.add(file + ": line " + line + ": the first cell must name the row's area");
                return;
            }
            Row row = newRow(cells[0], line, cells.length);
            for (int i = 1; i < Math.min(cells.length, columns.size() + 1); i++) {
                if (!cells[i].isEmpty()) {
                    row.given().set(i - 1);
                    set(row, i - 1, cells[i], 0, cells[i].length());
                }
            }
        }

        private Row newRow(String name, int line, int cells) {
            String label = "row " + name + " (line " + line + ")";
            if (cells - 1 > columns.size()) {
                problems.add(file + ": " + label + ": " + (cells - 1) + " values for " + columns.size() + " columns");
            }
            double[] values = new double[columns.size()];
            Arrays.fill(values, Double.NaN);
            Row row = new Row(name, label, values, new BitSet(columns.size()));
            rows.add(row);
            return row;
        }

        /** The value of a given cell, {@code line} from {@code from} to {@code to}. */
        private void set(Row row, int column, String line, int from, int to) {
            row.values()[column] = value(line, from, to, () -> file + ": " + row.label() + ", column " + columns.get(column) + ": ",
                    quantity, problems);
        }
    }

    /** An object of rows, each an object of columns to numbers: the shape of the YAML {@code costs} section. */
    private static Optional<MatrixTable> fromJson(Path file, InputStream content, Quantity quantity, Problems problems)
            throws IOException {
        try (JsonParser parser = JSON.createParser(content)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                problems.add(file + ": expected an object of rows, each an object of columns to numbers");
                return Optional.empty();
            }
            Map<String, Integer> columns = new LinkedHashMap<>();
            List<Row> rows = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                String label = "row " + name;
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    problems.add(file + ": " + label + ": expected an object of columns to numbers, got " + parser.readValueAsTree());
                    continue;
                }
                double[] values = new double[Math.max(columns.size(), 1)];
                Arrays.fill(values, Double.NaN);
                BitSet given = new BitSet();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String columnName = parser.currentName();
                    int column = columns.computeIfAbsent(columnName, key -> columns.size());
                    parser.nextToken();
                    // A number keeps its text; anything else its JSON form, which fails as a number.
                    String text = parser.currentToken().isNumeric() ? parser.getText() : parser.readValueAsTree().toString();
                    if (column >= values.length) {
                        int filled = values.length;
                        values = Arrays.copyOf(values, Math.max(column + 1, 2 * filled));
                        Arrays.fill(values, filled, values.length, Double.NaN);
                    }
                    given.set(column);
                    values[column] = value(text, 0, text.length(), () -> file + ": " + label + ", column " + columnName + ": ",
                            quantity, problems);
                }
                rows.add(new Row(name, label, values, given));
            }
            int width = columns.size();
            List<Row> sized = rows.stream()
                    .map(row -> row.values().length == width ? row : new Row(row.name(), row.label(), resized(row.values(), width), row.given()))
                    .toList();
            return Optional.of(new MatrixTable(List.copyOf(columns.keySet()), sized));
        }
    }

    private static double[] resized(double[] values, int width) {
        double[] resized = Arrays.copyOf(values, width);
        if (width > values.length) {
            Arrays.fill(resized, values.length, width, Double.NaN);
        }
        return resized;
    }

    /**
     * In the metric's unit, or NaN with a problem. Parsed as a decimal, so that NaN, Infinity, hex and
     * Java suffixes like {@code 5d} are not numbers.
     *
     * @param where the start of a problem's message; built only when there is one
     */
    private static double value(String line, int from, int to, Supplier<String> where, Quantity quantity, Problems problems) {
        PlainDecimal plain = PlainDecimal.parse(line, from, to);
        if (plain != null && quantity.check(plain.value()).isEmpty()) {
            double shifted = plain.shifted(quantity.decimalShift());
            if (!Double.isNaN(shifted)) {
                return shifted;
            }
        }
        // Not a short plain decimal, out of range, or not exact by the quick rule: read and checked the general way.
        String text = line.substring(from, to);
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(text);
        } catch (NumberFormatException e) {
            problems.add(where.get() + "expected a number, got " + text);
            return Double.NaN;
        }
        double value = decimal.doubleValue();
        if (!Double.isFinite(value)) {
            problems.add(where.get() + text + " is too large");
            return Double.NaN;
        }
        Optional<String> outOfRange = quantity.check(value);
        if (outOfRange.isPresent()) {
            problems.add(where.get() + outOfRange.get());
            return Double.NaN;
        }
        return quantity.toMetricUnit(decimal);
    }
}
