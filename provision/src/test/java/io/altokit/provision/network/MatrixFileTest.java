package io.altokit.provision.network;

import io.altokit.provision.ProvisioningException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming matrix readers at 300 PIDs: randomized files, and problems that name file and line. */
class MatrixFileTest {

    private static final int AREAS = 300;
    private static final Quantity RTT = Pool.RTT.fileQuantity();

    @TempDir
    Path dir;

    /** A randomized matrix as its cells' text, with its areas in row order and a shuffled column order. */
    private record Written(List<String> rows, List<String> columns, Map<String, Integer> columnOf, String[][] text) {

        static Written random(long seed) {
            Random random = new Random(seed);
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < AREAS; i++) {
                rows.add("pid" + i);
            }
            Collections.shuffle(rows, random);
            List<String> columns = new ArrayList<>(rows);
            Collections.shuffle(columns, random);
            String[][] text = new String[AREAS][AREAS];
            for (String[] row : text) {
                for (int j = 0; j < AREAS; j++) {
                    row[j] = cell(random);
                }
            }
            Map<String, Integer> columnOf = new HashMap<>();
            columns.forEach(column -> columnOf.put(column, columnOf.size()));
            return new Written(rows, columns, columnOf, text);
        }

        /** Short decimals, integers, and doubles as Java prints them (exponents, 17 digits). */
        private static String cell(Random random) {
            return switch (random.nextInt(4)) {
                case 0 -> Integer.toString(random.nextInt(500));
                case 1 -> BigDecimal.valueOf(random.nextInt(1_000_000), random.nextInt(1, 6)).toPlainString();
                case 2 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-6, 6)));
                default -> Double.toString(random.nextDouble(1e-9));
            };
        }

        /** Row area {@code i} to every row area, in microseconds, as the reader before streaming read it. */
        double[] expected(int i) {
            double[] expected = new double[AREAS];
            for (int j = 0; j < AREAS; j++) {
                String cell = text[i][columnOf.get(rows.get(j))];
                expected[j] = BigDecimal.valueOf(new BigDecimal(cell).doubleValue()).movePointRight(3).doubleValue();
            }
            return expected;
        }

        String csv(Random random) {
            StringBuilder csv = new StringBuilder("# a comment line\nfrom/to");
            columns.forEach(column -> csv.append(',').append(column));
            csv.append('\n');
            for (int i = 0; i < AREAS; i++) {
                boolean quoted = random.nextInt(10) == 0;
                csv.append(quoted ? '"' + rows.get(i) + '"' : rows.get(i));
                for (String cell : text[i]) {
                    csv.append(random.nextInt(20) == 0 ? ", " : ",").append(quoted ? '"' + cell + '"' : cell);
                }
                csv.append(random.nextInt(20) == 0 ? "\n\n" : "\n");
            }
            return csv.toString();
        }

        String json() {
            StringBuilder json = new StringBuilder("{\n");
            for (int i = 0; i < AREAS; i++) {
                json.append(i > 0 ? ",\n" : "").append('"').append(rows.get(i)).append("\": {");
                for (int j = 0; j < AREAS; j++) {
                    json.append(j > 0 ? ", " : "").append('"').append(columns.get(j)).append("\": ").append(text[i][j]);
                }
                json.append('}');
            }
            return json.append("\n}\n").toString();
        }
    }

    private static Set<String> pids() {
        Set<String> pids = new HashSet<>();
        for (int i = 0; i < AREAS; i++) {
            pids.add("pid" + i);
        }
        return pids;
    }

    private Optional<AreaMatrix> read(String name, String content, Problems problems) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        int before = problems.count();
        Optional<AreaMatrix> matrix = MatrixFile.read(file, () -> Files.newInputStream(file), RTT, problems);
        matrix.ifPresent(read -> MatrixFile.checkAreas(read, pids(), problems));
        return problems.count() == before ? matrix : Optional.empty();
    }

    private static void assertEqualsWritten(AreaMatrix matrix, Written written) {
        assertThat(matrix.areas()).isEqualTo(written.rows());
        for (int i = 0; i < AREAS; i++) {
            assertThat(matrix.values()[i]).as("row %d", i).containsExactly(written.expected(i));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aRandomizedCsvMatrixReadsAsWritten(long seed) throws Exception {
        Written written = Written.random(seed);
        Problems problems = new Problems();
        AreaMatrix matrix = read("rtt.csv", written.csv(new Random(seed)), problems).orElseThrow();
        assertThat(problems.count()).isZero();
        assertEqualsWritten(matrix, written);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void aRandomizedJsonMatrixReadsAsWritten(long seed) throws Exception {
        Written written = Written.random(seed);
        Problems problems = new Problems();
        AreaMatrix matrix = read("rtt.json", written.json(), problems).orElseThrow();
        assertThat(problems.count()).isZero();
        assertEqualsWritten(matrix, written);
    }

    @Test
    void malformedLinesAreNamedByFileAndLine() throws Exception {
        Written written = Written.random(6);
        List<String> lines = new ArrayList<>(written.csv(new Random(6)).lines().filter(line -> !line.isEmpty()).toList());
        // Lines: 1 comment, 2 header, 3.. rows. Break the rows on lines 10, 150 and 302.
        lines.set(9, lines.get(9).replaceFirst(",[^,]*$", ",12x"));
        lines.set(149, lines.get(149).replaceFirst(",[^,]*,[^,]*$", ""));
        lines.set(301, lines.get(301) + ",\"7");
        String[] row10 = lines.get(9).split(",");
        String[] row150 = lines.get(149).split(",");
        Problems problems = new Problems();
        Path file = dir.resolve("rtt.csv");
        assertThat(read("rtt.csv", String.join("\n", lines), problems)).isEmpty();
        assertThatThrownBy(problems::throwIfAny).isInstanceOf(ProvisioningException.class)
                .hasMessageContaining(file + ": row " + row10[0].replace("\"", "") + " (line 10), column "
                        + written.columns().getLast() + ": expected a number, got 12x")
                .hasMessageContaining(file + ": row " + row150[0].replace("\"", "") + " (line 150), column "
                        + written.columns().get(AREAS - 2) + ": missing value")
                .hasMessageContaining(file + ": line 302: not valid CSV");
    }

    @Test
    void aFileOfGarbageKeepsTwentyProblemsAndCountsTheRest() throws Exception {
        StringBuilder csv = new StringBuilder("from/to");
        for (int i = 0; i < AREAS; i++) {
            csv.append(",pid").append(i);
        }
        for (int i = 0; i < AREAS; i++) {
            csv.append("\npid").append(i).append(",x".repeat(AREAS));
        }
        Problems problems = new Problems();
        assertThat(read("rtt.csv", csv.toString(), problems)).isEmpty();
        assertThat(problems.count()).isEqualTo(AREAS * AREAS);
        assertThatThrownBy(problems::throwIfAny)
                .hasMessageStartingWith(dir.resolve("rtt.csv") + ": row pid0 (line 2), column pid0: expected a number, got x")
                .hasMessageEndingWith("; and " + (AREAS * AREAS - 20) + " more");
    }

    @Test
    void jsonRepeatedKeysAreRefusedWithTheirLine() throws Exception {
        Problems problems = new Problems();
        assertThat(read("rtt.json", "{\"pid0\": {\"pid0\": 1},\n \"pid0\": {\"pid0\": 2}}", problems)).isEmpty();
        assertThatThrownBy(problems::throwIfAny).hasMessageContaining(dir.resolve("rtt.json") + ": not valid JSON: Duplicate field 'pid0'")
                .hasMessageContaining("(line 2)");
    }
}
