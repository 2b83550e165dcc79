package io.altokit.model;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays request-corpus/: one body per file, named KIND--WHAT--EXPECTED.json, where KIND is the
 * decoder (nmf, cmf, eps, ecs, pmf) and EXPECTED is OK or the RFC 7285 error code. Each body also goes
 * through every check of {@link RequestFuzzTest} (sane error, strict JSON oracle, fast path).
 */
class RequestCorpusTest {
    static final Path CORPUS = Path.of("src", "test", "resources", "request-corpus");

    static List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(CORPUS)) {
            return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusInputGetsItsExpectedAnswer() throws IOException {
        List<Path> files = files();
        assertThat(files).hasSizeGreaterThan(50);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> replay(file)));
    }

    private static void replay(Path file) throws IOException {
        String name = file.getFileName().toString();
        String[] parts = name.substring(0, name.length() - ".json".length()).split("--");
        assertThat(parts).as("KIND--WHAT--EXPECTED.json: " + name).hasSize(3);
        RequestFuzzTest.Kind kind = RequestFuzzTest.Kind.valueOf(parts[0].toUpperCase(Locale.ROOT));
        byte[] body = Files.readAllBytes(file);
        AltoError error = RequestFuzzTest.decode(kind, body, name);
        RequestFuzzTest.checkAgainstOracle(kind, body, error, name);
        RequestFuzzTest.checkScanner(body, name);
        if (parts[2].equals("OK")) {
            assertThat(error).as(name).isNull();
        } else {
            assertThat(error).as(name).isNotNull();
            assertThat(error.code()).as(name + ": " + error.describe()).isEqualTo(ErrorCode.valueOf(parts[2]));
        }
    }
}
