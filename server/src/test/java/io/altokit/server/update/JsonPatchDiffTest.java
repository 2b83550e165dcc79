package io.altokit.server.update;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON patch between two documents, applied by an independent RFC 6902 implementation (Parsson),
 * gives the second document: over random documents with nested objects, arrays with and without
 * duplicates, member names that need JSON pointer escapes, and numbers in several forms.
 */
class JsonPatchDiffTest {

    @Test
    void appliedPatchesGiveTheSecondDocumentOverRandomPairs() {
        Random random = new Random(6902);
        for (int pair = 0; pair < 500; pair++) {
            JsonValue before = document(random, 0);
            JsonValue after = random.nextInt(3) == 0 ? document(random, 0) : changed(before, random, 0);
            Optional<byte[]> patch = JsonPatchDiff.between(bytes(before), bytes(after));
            if (before.equals(after)) {
                assertThat(patch).as("pair %d: equal documents", pair).isEmpty();
                continue;
            }
            JsonArray operations = read(patch.orElseThrow()).asJsonArray();
            assertThat(Json.createPatch(operations).apply((JsonStructure) before)).as("pair %d: %s", pair, operations)
                    .isEqualTo(after);
        }
    }

    @Test
    void oneElementMoreOrLessIsOneOperationAtItsPlace() {
        String before = "{\"p\":{\"ipv4\":[\"10.0.0.0/24\",\"10.0.1.0/24\",\"10.0.2.0/24\",\"10.0.3.0/24\"]}}";
        String after = "{\"p\":{\"ipv4\":[\"10.0.0.0/24\",\"10.0.2.0/24\",\"10.0.2.128/25\",\"10.0.3.0/24\"]}}";
        assertThat(new String(JsonPatchDiff.between(utf8(before), utf8(after)).orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("[{\"op\":\"remove\",\"path\":\"/p/ipv4/1\"},"
                        + "{\"op\":\"add\",\"path\":\"/p/ipv4/2\",\"value\":\"10.0.2.128/25\"}]");
    }

    @Test
    void memberNamesAreEscapedAndNumbersKeptAsWritten() {
        String patch = new String(JsonPatchDiff.between(utf8("{\"a/b\":{\"c~d\":1.50}}"), utf8("{\"a/b\":{\"c~d\":1.0E-5}}"))
                .orElseThrow(), StandardCharsets.UTF_8);
        assertThat(patch).startsWith("[{\"op\":\"replace\",\"path\":\"/a~1b/c~0d\",\"value\":");
        assertThat(Json.createPatch(read(utf8(patch)).asJsonArray()).apply(read(utf8("{\"a/b\":{\"c~d\":1.50}}")).asJsonObject()))
                .isEqualTo(read(utf8("{\"a/b\":{\"c~d\":1.0E-5}}")));
    }

    /** Objects of up to 4 members (names from a small set, some needing escapes), arrays, strings, numbers. */
    private static JsonValue document(Random random, int depth) {
        int kind = depth == 0 ? 0 : depth > 3 ? 1 : random.nextInt(4);
        return switch (kind) {
            case 0 -> {
                JsonObjectBuilder object = Json.createObjectBuilder();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.add(NAMES[random.nextInt(NAMES.length)], document(random, depth + 1));
                }
                yield object.build();
            }
            case 1 -> scalar(random);
            case 2 -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                for (int i = random.nextInt(6); i > 0; i--) {
                    array.add(random.nextBoolean() ? scalar(random) : document(random, depth + 1));
                }
                yield array.build();
            }
            default -> document(random, depth + 1);
        };
    }

    private static final String[] NAMES = {"a", "b", "c", "d/e", "f~g", "", "pid-1", "ipv4"};

    private static JsonValue scalar(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Json.createValue("s" + random.nextInt(4));
            case 1 -> Json.createValue(random.nextInt(5));
            case 2 -> Json.createValue(random.nextInt(40) / 8.0);
            default -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.NULL;
        };
    }

    /** The document with a few of its members, elements or values changed, added or removed; an object stays one at the top. */
    private static JsonValue changed(JsonValue value, Random random, int depth) {
        if (depth > 0 && random.nextInt(4) == 0) {
            return document(random, depth + 1);
        }
        return switch (value.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder object = Json.createObjectBuilder(value.asJsonObject());
                for (String name : value.asJsonObject().keySet()) {
                    int change = random.nextInt(5);
                    if (change == 0) {
                        object.remove(name);
                    } else if (change == 1) {
                        object.add(name, changed(value.asJsonObject().get(name), random, depth + 1));
                    }
                }
                if (random.nextBoolean()) {
                    object.add(NAMES[random.nextInt(NAMES.length)], document(random, depth + 1));
                }
                yield object.build();
            }
            case ARRAY -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                for (JsonValue element : value.asJsonArray()) {
                    int change = random.nextInt(6);
                    if (change == 1) {
                        array.add(changed(element, random, depth + 1));
                    } else if (change == 2) {
                        array.add(scalar(random)).add(element);
                    } else if (change != 0) {
                        array.add(element);
                    }
                }
                yield array.build();
            }
            default -> scalar(random);
        };
    }

    private static byte[] bytes(JsonValue value) {
        return utf8(value.toString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonValue read(byte[] json) {
        try (var reader = Json.createReader(new ByteArrayInputStream(json))) {
            return reader.readValue();
        }
    }
}
