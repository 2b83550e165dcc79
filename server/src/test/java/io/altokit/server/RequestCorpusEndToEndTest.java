package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.model.MediaTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.altokit.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nastiest bodies of the model's request corpus (model/src/test/resources/request-corpus), posted
 * to every POST resource: always 400 with an application/alto-error+json object, never a 500; on the
 * resource the body was written for, with the corpus's expected code.
 */
class RequestCorpusEndToEndTest {
    private static final Path CORPUS = Path.of("..", "model", "src", "test", "resources", "request-corpus");
    private static final List<String> NASTIEST = List.of(
            "nmf--deep-nesting-5000-in-unknown-field--E_SYNTAX",
            "nmf--deep-objects-5000--E_SYNTAX",
            "nmf--utf16le-body--E_SYNTAX",
            "nmf--invalid-field-then-second-object--E_SYNTAX",
            "nmf--pid-with-nul-escape--E_INVALID_FIELD_VALUE",
            "cmf--lone-surrogate-in-field-name--E_SYNTAX",
            "cmf--cost-mode-lone-surrogate--E_INVALID_FIELD_VALUE",
            "cmf--overlong-utf8-in-description--E_SYNTAX",
            "cmf--integer-2000-digits-in-unknown-field--E_SYNTAX",
            "cmf--constraint-hex-float--E_INVALID_FIELD_VALUE",
            "eps--endpoint-lone-surrogate--E_INVALID_FIELD_VALUE",
            "eps--endpoint-deep-array-element--E_INVALID_FIELD_VALUE",
            "eps--endpoint-long-string-70000--E_INVALID_FIELD_VALUE",
            "ecs--deep-nesting-5000-in-dsts--E_SYNTAX",
            "ecs--utf32-body--E_SYNTAX",
            "ecs--invalid-value-then-second-object--E_SYNTAX",
            "ecs--nul-byte-before-object--E_SYNTAX");
    /** Resource path and request media type, by the corpus's decoder prefix. */
    private static final Map<String, String[]> RESOURCES = Map.of(
            "nmf", new String[] {"/networkmap/filtered", MediaTypes.NETWORK_MAP_FILTER},
            "cmf", new String[] {"/costmap/filtered", MediaTypes.COST_MAP_FILTER},
            "eps", new String[] {"/endpointprop/lookup", MediaTypes.ENDPOINT_PROP_PARAMS},
            "ecs", new String[] {"/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS},
            "pmf", new String[] {"/propmap/lookup", MediaTypes.PROPERTY_MAP_PARAMS});
    private static final Set<String> CODES = Set.of("E_SYNTAX", "E_MISSING_FIELD", "E_INVALID_FIELD_TYPE", "E_INVALID_FIELD_VALUE");

    private static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void nastyBodiesGetAnAltoErrorFromEveryPostResource() throws Exception {
        for (String name : NASTIEST) {
            byte[] body = Files.readAllBytes(CORPUS.resolve(name + ".json"));
            String kind = name.substring(0, 3);
            String expected = name.substring(name.lastIndexOf("--") + 2);
            for (Map.Entry<String, String[]> resource : RESOURCES.entrySet()) {
                String label = name + " -> " + resource.getValue()[0];
                HttpResponse<byte[]> response = fixture.send(HttpRequest.newBuilder(fixture.uri(resource.getValue()[0]))
                        .header("Content-Type", resource.getValue()[1])
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
                assertThat(response.statusCode()).as(label).isEqualTo(400);
                assertThat(response.headers().firstValue("Content-Type")).as(label).contains(MediaTypes.ERROR);
                JsonNode meta = json(response).get("meta");
                assertThat(meta.get("code").asText()).as(label).isIn(CODES);
                if (resource.getKey().equals(kind)) {
                    assertThat(meta.get("code").asText()).as(label).isEqualTo(expected);
                }
            }
        }
    }
}
