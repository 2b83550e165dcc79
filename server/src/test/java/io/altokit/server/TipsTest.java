package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.IpPrefix;
import io.altokit.model.MediaTypes;
import io.altokit.server.update.tips.TipsViews;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9569 over HTTP/1.1, section by section: the directory entry (5), opening a view and its
 * summary (6.1, 6.2), errors of the open request (6.2), edges as snapshots and merge or JSON patches with
 * their caching fields (7.1, 7.2), the long poll on the next edge answered by a publication (7.2),
 * the error statuses of edges (7.2), and the new next edge recommendation (7.4). The views' own
 * rules on time moved by hand (timeouts, expiry, limits) are in {@code TipsViewsTest}.
 */
class TipsTest {
    private static final String NM = ServerConfig.DEFAULT_NETWORK_MAP_ID;
    private static final String ROUTING = "costmap-num-routingcost";

    private ServerFixture fixture;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws InterruptedException {
        fixture = new ServerFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
        http.close();
    }

    private HttpResponse<byte[]> open(String body) throws IOException, InterruptedException {
        return fixture.post("/tips", MediaTypes.TIPS_PARAMS, body);
    }

    private JsonNode opened(String resourceId) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = open("{'resource-id':'" + resourceId + "'}");
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.TIPS);
        return ServerFixture.json(response);
    }

    private HttpResponse<byte[]> edge(String view, long i, long j, String... headers) throws IOException, InterruptedException {
        return fixture.get(view + "/ug/" + i + "/" + j, headers);
    }

    private static JsonObject jsonp(byte[] body) {
        try (var reader = Json.createReader(new ByteArrayInputStream(body))) {
            return reader.readObject();
        }
    }

    /** {@code held} with the patch edge applied, as its Content-Type says (a merge patch or a JSON patch). */
    private static JsonObject applied(HttpResponse<byte[]> patch, JsonObject held) {
        String type = patch.headers().firstValue("Content-Type").orElseThrow();
        if (type.equals(MediaTypes.JSON_PATCH)) {
            try (var reader = Json.createReader(new ByteArrayInputStream(patch.body()))) {
                return Json.createPatch(reader.readArray()).apply(held);
            }
        }
        assertThat(type).isEqualTo(MediaTypes.MERGE_PATCH);
        return Json.createMergePatch(jsonp(patch.body())).apply(held).asJsonObject();
    }

    private JsonObject fresh(String path) throws IOException, InterruptedException {
        return jsonp(fixture.get(path).body());
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String code, String field) throws IOException {
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.ERROR);
        JsonNode meta = ServerFixture.json(response).path("meta");
        assertThat(meta.path("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(meta.path("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void section5TheDirectoryListsTheTipsWithTheResourcesItServesAndTheirPatchTypes() throws Exception {
        JsonNode entry = ServerFixture.json(fixture.get("/directory")).path("resources").path("tips");
        assertThat(entry.path("uri").asText()).isEqualTo("/tips");
        assertThat(entry.path("media-type").asText()).isEqualTo("application/alto-tips+json");
        assertThat(entry.path("accepts").asText()).isEqualTo("application/alto-tipsparams+json");
        List<String> uses = new ArrayList<>();
        entry.path("uses").forEach(use -> uses.add(use.asText()));
        assertThat(uses).as("closed under dependency: the network map with the cost maps")
                .contains(NM, ROUTING, "costmap-ord-hopcount", "filtered-cost-map", "endpoint-cost");
        JsonNode types = entry.path("capabilities").path("incremental-change-media-types");
        uses.forEach(use -> assertThat(types.path(use).asText())
                .isEqualTo("application/merge-patch+json,application/json-patch+json"));
    }

    @Test
    void section6OpeningGivesTheViewUriAndTheSummaryAndClientsShareTheView() throws Exception {
        JsonNode first = opened(ROUTING);
        assertThat(first.path("tips-view-uri").asText()).as("absolute, with the host the client used")
                .matches("http://127\\.0\\.0\\.1:" + fixture.uri("/").getPort() + "/tips/[0-9a-f]{32}");
        JsonNode summary = first.path("tips-view-summary").path("updates-graph-summary");
        assertThat(summary.path("start-seq").asLong()).isEqualTo(1);
        assertThat(summary.path("end-seq").asLong()).isEqualTo(1);
        assertThat(summary.path("start-edge-rec").path("seq-i").asLong()).as("no tag: the latest snapshot").isZero();
        assertThat(summary.path("start-edge-rec").path("seq-j").asLong()).isEqualTo(1);
        assertThat(opened(ROUTING).path("tips-view-uri")).isEqualTo(first.path("tips-view-uri"));
        assertThat(opened(NM).path("tips-view-uri")).isNotEqualTo(first.path("tips-view-uri"));
    }

    @Test
    void section6BadOpenRequestsGetTheErrorObjectAndNoView() throws Exception {
        assertError(open("{}"), 400, "E_MISSING_FIELD", "resource-id");
        assertError(open("{'resource-id':'my-network-map/#'}"), 400, "E_INVALID_FIELD_VALUE", "resource-id");
        assertThat(ServerFixture.json(open("{'resource-id':'my-network-map/#'}")).at("/meta/value").asText()).isEqualTo("my-network-map/#");
        assertError(open("{'resource-id':"), 400, "E_SYNTAX", null);
        assertError(open("{'resource-id':7}"), 400, "E_INVALID_FIELD_TYPE", "resource-id");
        assertError(open("{'resource-id':'filtered-cost-map'}"), 400, "E_MISSING_FIELD", "input");
        assertError(open("{'resource-id':'filtered-cost-map','input':{'cost-type':{'cost-mode':'numerical'}}}"), 400,
                "E_MISSING_FIELD", "cost-type/cost-metric");
        assertError(open("{'resource-id':'" + NM + "','input':{}}"), 400, "E_INVALID_FIELD_VALUE", "input");
        assertThat(fixture.post("/tips", "application/json", "{\"resource-id\":\"" + NM + "\"}").statusCode()).isEqualTo(415);
        assertThat(fixture.get("/tips").statusCode()).isEqualTo(405);
    }

    @Test
    void theConfiguredLimitsAreTheServersLimits() throws Exception {
        fixture.close();
        fixture = new ServerFixture(ServerConfig.defaults().withPort(0).withTips(new TipsViews.Limits(10_000, 1, 64, 10_000, 64,
                Duration.ofSeconds(30), Duration.ofMinutes(5))));
        opened(NM);
        HttpResponse<byte[]> second = open("{'resource-id':'" + ROUTING + "'}");
        assertError(second, 429, "E_RATE_LIMITED", null);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void section7EdgesAreSnapshotsFromZeroAndTheSmallerPatchBetweenVersions() throws Exception {
        String view = opened(ROUTING).path("tips-view-uri").asText();
        HttpResponse<byte[]> snapshot = edge(view, 0, 1, "Accept", MediaTypes.COST_MAP + "," + MediaTypes.ERROR);
        assertThat(snapshot.statusCode()).isEqualTo(200);
        assertThat(snapshot.headers().firstValue("Content-Type")).contains(MediaTypes.COST_MAP);
        assertThat(jsonp(snapshot.body())).isEqualTo(fresh("/costmap/num-routingcost"));
        String etag = snapshot.headers().firstValue("ETag").orElseThrow();
        assertThat(snapshot.headers().firstValue("Cache-Control")).contains("max-age=31536000, immutable");
        assertThat(edge(view, 0, 1, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(edge(view, 0, 1, "Accept", MediaTypes.MERGE_PATCH).statusCode())
                .as("RFC 9569 7.2: the client accepts no media type of this edge").isEqualTo(415);

        fixture.informationBase.publish(TestNetwork.snapshot().toBuilder().cost("routingcost", "a", "b", 7).build());
        HttpResponse<byte[]> patch = awaitEdge(view, 1, 2);
        assertThat(patch.headers().firstValue("Content-Type")).as("one cell: the JSON patch is the smaller")
                .contains(MediaTypes.JSON_PATCH);
        assertThat(new String(patch.body())).contains("{\"op\":\"replace\",\"path\":\"/cost-map/a/b\",\"value\":7}");
        assertThat(applied(patch, jsonp(snapshot.body()))).isEqualTo(fresh("/costmap/num-routingcost"));
        assertThat(jsonp(edge(view, 0, 2).body())).isEqualTo(fresh("/costmap/num-routingcost"));
        assertThat(edge(view, 1, 2, "If-None-Match", patch.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);
    }

    /** The edge once it exists: a long poll, so it may come back at once or when the publication reaches the view. */
    private HttpResponse<byte[]> awaitEdge(String view, long i, long j) throws Exception {
        HttpResponse<byte[]> response = edge(view, i, j);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        return response;
    }

    @Test
    void section7ALongPollOnTheNextEdgeIsAnsweredWhenAPublicationMakesIt() throws Exception {
        String view = opened(NM).path("tips-view-uri").asText();
        JsonObject held = jsonp(edge(view, 0, 1).body());
        CompletableFuture<HttpResponse<byte[]>> poll = http.sendAsync(HttpRequest.newBuilder(fixture.uri(view + "/ug/1/2"))
                .header("Accept", String.join(",", MediaTypes.NETWORK_MAP, MediaTypes.MERGE_PATCH, MediaTypes.JSON_PATCH,
                        MediaTypes.ERROR))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fixture.get("/networkmap").statusCode()).as("others are answered meanwhile").isEqualTo(200);
        assertThat(poll).as("nothing published yet").isNotDone();

        fixture.informationBase.publish(TestNetwork.builder().pid("d", List.of(IpPrefix.parse("10.9.0.0/16"))).build());
        HttpResponse<byte[]> patch = poll.get(10, TimeUnit.SECONDS);
        assertThat(patch.statusCode()).isEqualTo(200);
        assertThat(applied(patch, held)).isEqualTo(fresh("/networkmap"));
    }

    @Test
    void section7ARequestPipelinedBehindALongPollIsAnsweredAfterIt() throws Exception {
        String view = URI.create(opened(NM).path("tips-view-uri").asText()).getPath();
        try (RawHttp client = new RawHttp(fixture.server.address())) {
            client.write("GET " + view + "/ug/1/2 HTTP/1.1\r\nHost: alto\r\n\r\nGET /directory HTTP/1.1\r\nHost: alto\r\n\r\n");
            fixture.informationBase.publish(TestNetwork.builder().pid("d", List.of(IpPrefix.parse("10.8.0.0/16"))).build());
            RawHttp.Response patch = client.read();
            assertThat(patch.status()).as("HTTP/1.1 answers leave in request order: the long poll first").isEqualTo(200);
            assertThat(patch.header("content-type").orElseThrow()).isIn(MediaTypes.MERGE_PATCH, MediaTypes.JSON_PATCH);
            RawHttp.Response directory = client.read();
            assertThat(directory.status()).isEqualTo(200);
            assertThat(directory.header("content-type")).contains(MediaTypes.DIRECTORY);
        }
    }

    @Test
    void section7EdgesOutsideTheGraphGetTheRecommendedStatuses() throws Exception {
        String view = opened(NM).path("tips-view-uri").asText();
        assertError(edge(view, 2, 3), 425, "E_INVALID_FIELD_VALUE", "seq-j");
        assertError(edge(view, 1, 1), 404, "E_INVALID_FIELD_VALUE", "seq-j");
        assertError(fixture.get(view + "/ug/one/2"), 404, "E_INVALID_FIELD_VALUE", "seq-i");
        assertError(fixture.get("/tips/00000000000000000000000000000000/ug/0/1"), 404, "E_INVALID_FIELD_VALUE", "tips-view-uri");
        assertError(fixture.get(view + "/ug/0/1/2"), 404, "E_INVALID_FIELD_VALUE", "tips-view-uri");
        assertThat(fixture.post(view + "/ug/0/1", MediaTypes.TIPS_PARAMS, "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void section7_4TheNextEdgeRecommendationIsAMergePatchOfTheSummary() throws Exception {
        String view = opened(NM).path("tips-view-uri").asText();
        String firstTag = ServerFixture.json(fixture.get("/networkmap")).at("/meta/vtag/tag").asText();
        fixture.informationBase.publish(TestNetwork.snapshot().toBuilder().pid("b", List.of(IpPrefix.parse("10.3.0.0/16"))).build());
        awaitEdge(view, 1, 2);
        HttpResponse<byte[]> recommended = fixture.post(view + "/ug", MediaTypes.TIPS_PARAMS,
                "{'resource-id':'" + NM + "','tag':'" + firstTag + "'}");
        assertThat(recommended.statusCode()).isEqualTo(200);
        assertThat(recommended.headers().firstValue("Content-Type")).contains(MediaTypes.MERGE_PATCH);
        assertThat(ServerFixture.json(recommended).toString()).isEqualTo("{\"tips-view-summary\":{\"updates-graph-summary\":"
                + "{\"start-seq\":1,\"end-seq\":2,\"start-edge-rec\":{\"seq-i\":1,\"seq-j\":2}}}}");
        HttpResponse<byte[]> noTag = fixture.post(view + "/ug", MediaTypes.TIPS_PARAMS, "{'resource-id':'" + NM + "'}");
        assertThat(ServerFixture.json(noTag).at("/tips-view-summary/updates-graph-summary/start-edge-rec").toString())
                .isEqualTo("{\"seq-i\":0,\"seq-j\":2}");
        assertError(fixture.post(view + "/ug", MediaTypes.TIPS_PARAMS, "{'resource-id':'" + ROUTING + "'}"), 400,
                "E_INVALID_FIELD_VALUE", "resource-id");
        assertError(fixture.post("/tips/00000000000000000000000000000000/ug", MediaTypes.TIPS_PARAMS, "{'resource-id':'" + NM + "'}"),
                404, "E_INVALID_FIELD_VALUE", "tips-view-uri");
    }

    @Test
    void curlRunsTheExamplesOfTheDocs() throws Exception {
        String opened = curl("-X", "POST", "-H", "Content-Type: application/alto-tipsparams+json",
                "--data", "{\"resource-id\":\"" + ROUTING + "\"}", fixture.uri("/tips").toString());
        String view = ServerFixture.JSON.readTree(opened).path("tips-view-uri").asText();
        assertThat(jsonp(curl(fixture.uri(view + "/ug/0/1").toString()).getBytes())).isEqualTo(fresh("/costmap/num-routingcost"));
        Process poll = new ProcessBuilder("curl", "-sS", "--max-time", "20", fixture.uri(view + "/ug/1/2").toString())
                .redirectErrorStream(true).start();
        try {
            assertThat(poll.isAlive()).isTrue();
            fixture.informationBase.publish(TestNetwork.snapshot().toBuilder().cost("routingcost", "b", "a", 8).build());
            assertThat(poll.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(poll.getInputStream().readAllBytes())).as("one cell: the JSON patch is the smaller")
                    .isEqualTo("[{\"op\":\"replace\",\"path\":\"/cost-map/b/a\",\"value\":8}]");
        } finally {
            poll.destroy();
        }
        String recommended = curl("-X", "POST", "-H", "Content-Type: application/alto-tipsparams+json",
                "--data", "{\"resource-id\":\"" + ROUTING + "\"}", fixture.uri(view + "/ug").toString());
        assertThat(recommended).contains("\"end-seq\":2");
    }

    /** Runs curl (silent, 10 s at most) and returns what it printed. */
    private static String curl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10"));
        command.addAll(List.of(arguments));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(curl.waitFor(15, TimeUnit.SECONDS)).isTrue();
            return new String(curl.getInputStream().readAllBytes());
        } finally {
            curl.destroy();
        }
    }
}
