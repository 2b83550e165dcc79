package io.altokit.server.update;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A composed merge patch does what its chain does, to any document, applied by an independent implementation (Parsson). */
class MergePatchChainTest {
    private static final List<String> KEYS = List.of("a", "b", "c");

    @Test
    void laterChangesOfTheSameMemberWin() {
        assertThat(composed("{\"cost-map\":{\"a\":{\"b\":2}}}", "{\"cost-map\":{\"a\":{\"b\":3,\"c\":1}}}"))
                .contains("{\"cost-map\":{\"a\":{\"b\":3,\"c\":1}}}");
        assertThat(composed("{\"x\":1}", "{\"x\":null}", "{\"y\":[1]}")).contains("{\"x\":null,\"y\":[1]}");
    }

    @Test
    void aPatchMergingIntoAMemberTheChainRemovedHasNoSinglePatch() {
        assertThat(composed("{\"x\":null}", "{\"x\":{\"y\":1}}")).isEmpty();
        assertThat(composed("{\"x\":5}", "{\"x\":{\"y\":1}}")).isEmpty();
        assertThat(composed("{\"x\":{\"z\":null}}", "{\"x\":{\"z\":{\"y\":1}}}")).isEmpty();
    }

    @Test
    void overRandomChainsTheComposedPatchEqualsTheChainOnEveryDocument() {
        SplittableRandom random = new SplittableRandom(9569);
        int composedCount = 0;
        for (int round = 0; round < 2000; round++) {
            List<String> chain = new ArrayList<>();
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                chain.add(randomObject(random, 2).toString());
            }
            Optional<String> composed = composed(chain.toArray(String[]::new));
            if (composed.isEmpty()) {
                continue;
            }
            composedCount++;
            for (int document = 0; document < 5; document++) {
                JsonValue stepwise = randomObject(random, 2);
                JsonValue target = stepwise;
                for (String patch : chain) {
                    stepwise = Json.createMergePatch(read(patch)).apply(stepwise);
                }
                assertThat(Json.createMergePatch(read(composed.get())).apply(target))
                        .as("chain %s composed %s on %s", chain, composed.get(), target).isEqualTo(stepwise);
            }
        }
        assertThat(composedCount).as("most random chains compose").isGreaterThan(500);
    }

    private static Optional<String> composed(String... patches) {
        List<byte[]> bytes = new ArrayList<>();
        for (String patch : patches) {
            bytes.add(patch.getBytes(StandardCharsets.UTF_8));
        }
        return MergePatchChain.composed(bytes).map(patch -> new String(patch, StandardCharsets.UTF_8));
    }

    private static JsonValue read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    /** An object over keys a, b, c: each absent, null, a number, an array or (while depth lasts) an object. */
    private static JsonObject randomObject(SplittableRandom random, int depth) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        for (String key : KEYS) {
            switch (random.nextInt(depth > 0 ? 5 : 4)) {
                case 0 -> { }
                case 1 -> object.addNull(key);
                case 2 -> object.add(key, random.nextInt(3));
                case 3 -> object.add(key, Json.createArrayBuilder().add(random.nextInt(3)));
                default -> object.add(key, randomObject(random, depth - 1));
            }
        }
        return object.build();
    }
}
