package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static io.altokit.app.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** What a running server serves, as the end-to-end tests look at it: the network map and ECS ranks. */
final class ServedNetwork {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI directory;

    ServedNetwork(URI directory) {
        this.directory = directory;
    }

    JsonNode map() throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(directory.resolve("/networkmap")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Polls the network map until it meets {@code condition} (bounded). */
    JsonNode awaitMap(Predicate<JsonNode> condition) {
        return eventually("the served network map reaching the expected state", PATIENCE).until(this::map, condition);
    }

    /** Ordinal routingcost from {@code src} to each of {@code dsts} (typed addresses), in order. */
    List<Integer> ranks(String src, String... dsts) throws Exception {
        String body = """
                {"cost-type": {"cost-mode": "ordinal", "cost-metric": "routingcost"},
                 "endpoints": {"srcs": [%s], "dsts": %s}}""".formatted(JSON.writeValueAsString(src), JSON.writeValueAsString(dsts));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(directory.resolve("/endpointcost/lookup"))
                .header("Content-Type", "application/alto-endpointcostparams+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode row = JSON.readTree(response.body()).path("endpoint-cost-map").path(src);
        List<Integer> ranks = new ArrayList<>();
        for (String dst : dsts) {
            assertThat(row.has(dst)).as("a cost to " + dst + " in " + response.body()).isTrue();
            ranks.add(row.get(dst).asInt());
        }
        return ranks;
    }

    /** The prefixes of one PID and family in a network map. */
    static List<String> pidPrefixes(JsonNode map, String pid, String family) {
        List<String> prefixes = new ArrayList<>();
        map.at("/network-map/" + pid + "/" + family).forEach(prefix -> prefixes.add(prefix.asText()));
        return prefixes;
    }
}
