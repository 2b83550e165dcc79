package io.altokit.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpdateKindTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void mergePatchFollowsTheRfc7396Example() {
        JsonObject target = json("""
                {"title": "Goodbye!", "author": {"givenName": "John", "familyName": "Doe"},
                 "tags": ["example", "sample"], "content": "This will be unchanged"}""");
        String patch = """
                {"title": "Hello!", "phoneNumber": "+01-123-456-7890", "author": {"familyName": null}, "tags": ["example"]}""";

        assertThat(UpdateKind.MERGE_PATCH.apply(target, patch)).isEqualTo(json("""
                {"title": "Hello!", "author": {"givenName": "John"}, "tags": ["example"],
                 "content": "This will be unchanged", "phoneNumber": "+01-123-456-7890"}"""));
    }

    @Test
    void aCostMapMergePatchChangesCellsAndTheDependentVtag() {
        JsonObject costMap = json("""
                {"meta": {"dependent-vtags": [{"resource-id": "my-network-map", "tag": "da65eca2eb7a10ce8b059740b0b2e3f8eb1d4785"}],
                          "cost-type": {"cost-mode": "numerical", "cost-metric": "routingcost"}},
                 "cost-map": {"PID1": {"PID1": 1, "PID2": 5, "PID3": 10}, "PID2": {"PID1": 5, "PID2": 1, "PID3": 15}}}""");
        String patch = """
                {"meta": {"dependent-vtags": [{"resource-id": "my-network-map", "tag": "a10ce8b059740b0b2e3f8eb1d4785acd42231bfe"}]},
                 "cost-map": {"PID1": {"PID2": 9}, "PID2": {"PID3": null}}}""";

        JsonObject patched = UpdateKind.MERGE_PATCH.apply(costMap, patch);

        assertThat(patched.getValue("/cost-map/PID1/PID2").toString()).isEqualTo("9");
        assertThat(patched.getJsonObject("cost-map").getJsonObject("PID2")).doesNotContainKey("PID3");
        assertThat(patched.getValue("/meta/cost-type/cost-metric").toString()).isEqualTo("\"routingcost\"");
        assertThat(new ResourceUpdate("my-routingcost-map", UpdateService.SSE, UpdateKind.MERGE_PATCH, 0, patched)
                .dependentTag("my-network-map")).contains("a10ce8b059740b0b2e3f8eb1d4785acd42231bfe");
    }

    @Test
    void jsonPatchFollowsRfc6902AndANetworkMapPatchMovesItsVtag() {
        JsonObject networkMap = json("""
                {"meta": {"vtag": {"resource-id": "my-network-map", "tag": "da65eca2eb7a10ce8b059740b0b2e3f8eb1d4785"}},
                 "network-map": {"PID1": {"ipv4": ["192.0.2.0/24", "198.51.100.0/25"]}, "PID2": {"ipv4": ["198.51.100.128/25"]}}}""");
        String patch = """
                [{"op": "replace", "path": "/meta/vtag/tag", "value": "a10ce8b059740b0b2e3f8eb1d4785acd42231bfe"},
                 {"op": "remove", "path": "/network-map/PID1/ipv4/1"},
                 {"op": "add", "path": "/network-map/PID2/ipv4/-", "value": "198.51.100.0/25"}]""";

        JsonObject patched = UpdateKind.JSON_PATCH.apply(networkMap, patch);

        assertThat(patched.getValue("/network-map").toString())
                .isEqualTo(json("{\"PID1\":{\"ipv4\":[\"192.0.2.0/24\"]},\"PID2\":{\"ipv4\":[\"198.51.100.128/25\",\"198.51.100.0/25\"]}}").toString());
        assertThat(new ResourceUpdate("my-network-map", UpdateService.SSE, UpdateKind.JSON_PATCH, 0, patched).tag())
                .contains("a10ce8b059740b0b2e3f8eb1d4785acd42231bfe");
    }

    @Test
    void aPatchThatDoesNotApplyOrIsNoJsonFails() {
        JsonObject target = json("{\"a\": 1}");

        assertThatThrownBy(() -> UpdateKind.JSON_PATCH.apply(target, "[{\"op\": \"remove\", \"path\": \"/b\"}]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpdateKind.JSON_PATCH.apply(target, "[{\"op\": \"test\", \"path\": \"/a\", \"value\": 2}]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpdateKind.JSON_PATCH.apply(target, "{\"op\": \"add\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("array");
        assertThatThrownBy(() -> UpdateKind.MERGE_PATCH.apply(target, "{\"a\": "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpdateKind.FULL.apply(null, "[1]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
    }

    @Test
    void patchKindsAreKnownByMediaType() {
        assertThat(UpdateKind.patch("application/merge-patch+json")).contains(UpdateKind.MERGE_PATCH);
        assertThat(UpdateKind.patch("application/json-patch+json")).contains(UpdateKind.JSON_PATCH);
        assertThat(UpdateKind.patch("application/alto-networkmap+json")).isEmpty();
        assertThat(UpdateKind.patch("")).isEmpty();
    }
}
