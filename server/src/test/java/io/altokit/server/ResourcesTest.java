package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.IpPrefix;
import io.altokit.model.MediaTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static io.altokit.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Every resource over real HTTP against an in-process server. */
class ResourcesTest {
    private static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void directoryListsEveryResourceAndCostType() throws Exception {
        HttpResponse<byte[]> response = fixture.get("/directory");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.DIRECTORY);
        JsonNode ird = json(response);
        assertThat(names(ird.at("/meta/cost-types"))).containsExactlyInAnyOrder(
                "num-routingcost", "ord-routingcost", "num-hopcount", "ord-hopcount");
        assertThat(ird.at("/meta/default-alto-network-map").asText()).isEqualTo("default-network-map");
        JsonNode resources = ird.get("resources");
        assertThat(names(resources)).contains("default-network-map", "costmap-num-routingcost", "costmap-ord-hopcount",
                "filtered-network-map", "filtered-cost-map", "endpoint-property", "endpoint-cost");
        assertThat(resources.at("/endpoint-cost/accepts").asText()).isEqualTo(MediaTypes.ENDPOINT_COST_PARAMS);
        assertThat(resources.at("/endpoint-cost/capabilities/cost-constraints").asBoolean()).isTrue();
        assertThat(resources.at("/costmap-ord-hopcount/uses/0").asText()).isEqualTo("default-network-map");
        assertThat(resources.at("/endpoint-property/capabilities/prop-types/0").asText()).isEqualTo("default-network-map.pid");
        // Every listed URI answers with the media type the directory promises.
        for (String id : names(resources)) {
            JsonNode entry = resources.get(id);
            if (!entry.has("accepts")) {
                HttpResponse<byte[]> map = fixture.get(entry.get("uri").asText());
                assertThat(map.statusCode()).as(id).isEqualTo(200);
                assertThat(map.headers().firstValue("Content-Type")).as(id).contains(entry.get("media-type").asText());
            }
        }
    }

    @Test
    void networkMapHasBothFamiliesAndDefaultRoutes() throws Exception {
        HttpResponse<byte[]> response = fixture.get("/networkmap");
        JsonNode map = json(response);
        assertThat(map.at("/meta/vtag/resource-id").asText()).isEqualTo("default-network-map");
        assertThat(map.at("/meta/vtag/tag").asText()).isEqualTo(fixture.informationBase.current().networkMap().vtag());
        assertThat(map.at("/network-map/a/ipv4").toString()).isEqualTo("[\"10.1.0.0/16\"]");
        assertThat(map.at("/network-map/a/ipv6").toString()).isEqualTo("[\"2001:db8:1::/48\"]");
        assertThat(map.at("/network-map/b").has("ipv6")).isFalse();
        assertThat(map.at("/network-map/external/ipv4").toString()).isEqualTo("[\"0.0.0.0/0\"]");
        assertThat(map.at("/network-map/external/ipv6").toString()).isEqualTo("[\"::/0\"]");
    }

    @Test
    void fullMapsRevalidateWithEtag() throws Exception {
        HttpResponse<byte[]> first = fixture.get("/networkmap");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).contains(fixture.informationBase.current().networkMap().vtag());
        HttpResponse<byte[]> again = fixture.get("/networkmap", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(fixture.get("/networkmap", "If-None-Match", "\"stale\"").statusCode()).isEqualTo(200);

        String costEtag = fixture.get("/costmap/num-routingcost").headers().firstValue("ETag").orElseThrow();
        assertThat(fixture.get("/costmap/num-routingcost", "If-None-Match", costEtag).statusCode()).isEqualTo(304);
        assertThat(fixture.get("/costmap/ord-routingcost").headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(costEtag));
    }

    @Test
    void compressesWhenTheClientAcceptsGzip() throws Exception {
        HttpResponse<byte[]> plain = fixture.get("/directory");
        HttpResponse<byte[]> zipped = fixture.get("/directory", "Accept-Encoding", "gzip, deflate");
        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(zipped.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("accept-encoding"));
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
        assertThat(unzipped).isEqualTo(plain.body());
        assertThat(zipped.body().length).isLessThan(plain.body().length);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void costMapsInBothModes() throws Exception {
        JsonNode numerical = json(fixture.get("/costmap/num-routingcost"));
        assertThat(numerical.at("/meta/cost-type/cost-mode").asText()).isEqualTo("numerical");
        assertThat(numerical.at("/meta/dependent-vtags/0/tag").asText())
                .isEqualTo(fixture.informationBase.current().networkMap().vtag());
        assertThat(numerical.at("/cost-map/a/c").asDouble()).isEqualTo(10);
        assertThat(numerical.at("/cost-map/a").has("external")).as("undefined costs are omitted").isFalse();

        JsonNode ordinal = json(fixture.get("/costmap/ord-routingcost"));
        assertThat(ordinal.at("/meta/cost-type/cost-mode").asText()).isEqualTo("ordinal");
        // routingcost values 1, 5, 10 rank densely 1, 2, 3 across the whole map.
        assertThat(ordinal.at("/cost-map/a/a").asInt()).isEqualTo(1);
        assertThat(ordinal.at("/cost-map/a/b").asInt()).isEqualTo(2);
        assertThat(ordinal.at("/cost-map/a/c").asInt()).isEqualTo(3);
        assertThat(ordinal.at("/cost-map/c/b").asInt()).isEqualTo(2);
        assertThat(json(fixture.get("/costmap/num-hopcount")).at("/cost-map/b/c").asInt()).isEqualTo(1);
    }

    @Test
    void filteredNetworkMap() throws Exception {
        JsonNode map = json(fixture.post("/networkmap/filtered", MediaTypes.NETWORK_MAP_FILTER,
                "{'pids': ['c', 'no-such-pid', 'a'], 'address-types': ['ipv6']}"));
        assertThat(names(map.get("network-map"))).containsExactly("c", "a");
        assertThat(map.at("/network-map/c").has("ipv4")).isFalse();
        assertThat(map.at("/network-map/c/ipv6/0").asText()).isEqualTo("2001:db8:2::/48");
        assertThat(map.at("/meta/vtag/tag").asText()).isEqualTo(fixture.informationBase.current().networkMap().vtag());

        JsonNode all = json(fixture.post("/networkmap/filtered", MediaTypes.NETWORK_MAP_FILTER, "{'pids': []}"));
        assertThat(names(all.get("network-map"))).containsExactlyInAnyOrder("a", "b", "c", "external");
    }

    @Test
    void filteredCostMapWithPidsAndConstraints() throws Exception {
        JsonNode map = json(fixture.post("/costmap/filtered", MediaTypes.COST_MAP_FILTER, """
                {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'},
                 'pids': {'srcs': ['a', 'a', 'ghost'], 'dsts': []}, 'constraints': ['ge 2', 'ne 10']}"""));
        assertThat(names(map.get("cost-map"))).containsExactly("a");
        assertThat(names(map.at("/cost-map/a"))).containsExactly("b");
        assertThat(map.at("/meta/dependent-vtags/0/resource-id").asText()).isEqualTo("default-network-map");

        JsonNode ordinal = json(fixture.post("/costmap/filtered", MediaTypes.COST_MAP_FILTER, """
                {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'},
                 'pids': {'srcs': ['c'], 'dsts': ['b', 'a']}}"""));
        // Ranks are relative to the entries requested: c->b (5) ranks 1, c->a (10) ranks 2.
        assertThat(ordinal.at("/cost-map/c/b").asInt()).isEqualTo(1);
        assertThat(ordinal.at("/cost-map/c/a").asInt()).isEqualTo(2);
    }

    @Test
    void endpointPropertiesForBothFamilies() throws Exception {
        JsonNode props = json(fixture.post("/endpointprop/lookup", MediaTypes.ENDPOINT_PROP_PARAMS, """
                {'properties': ['default-network-map.pid'],
                 'endpoints': ['ipv4:10.2.5.9', 'ipv4:10.2.4.9', 'ipv6:2001:db8:1::7', 'ipv4:192.0.2.1', 'ipv6:2001:DB8:2::1']}"""));
        JsonNode endpoints = props.get("endpoint-properties");
        assertThat(endpoints.at("/ipv4:10.2.5.9/default-network-map.pid").asText()).as("longest prefix wins").isEqualTo("c");
        assertThat(endpoints.at("/ipv4:10.2.4.9/default-network-map.pid").asText()).isEqualTo("b");
        assertThat(endpoints.at("/ipv6:2001:db8:1::7/default-network-map.pid").asText()).isEqualTo("a");
        assertThat(endpoints.at("/ipv4:192.0.2.1/default-network-map.pid").asText()).isEqualTo("external");
        assertThat(endpoints.at("/ipv6:2001:DB8:2::1/default-network-map.pid").asText()).isEqualTo("c");
        assertThat(props.at("/meta/dependent-vtags/0/tag").asText())
                .isEqualTo(fixture.informationBase.current().networkMap().vtag());
    }

    @Test
    void endpointCostNumericalOrdinalAndConstraints() throws Exception {
        JsonNode numerical = json(fixture.post("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS, """
                {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'},
                 'endpoints': {'srcs': ['ipv4:10.1.0.1'], 'dsts': ['ipv4:10.2.5.1', 'ipv4:10.2.0.1', 'ipv6:2001:db8:1::1', 'ipv4:8.8.8.8']}}"""));
        JsonNode row = numerical.at("/endpoint-cost-map/ipv4:10.1.0.1");
        assertThat(names(row)).containsExactly("ipv4:10.2.5.1", "ipv4:10.2.0.1", "ipv6:2001:db8:1::1");
        assertThat(row.get("ipv4:10.2.5.1").asDouble()).isEqualTo(10);
        assertThat(row.get("ipv4:10.2.0.1").asDouble()).isEqualTo(5);
        assertThat(row.get("ipv6:2001:db8:1::1").asDouble()).isEqualTo(1);
        assertThat(numerical.at("/meta/cost-type/cost-metric").asText()).isEqualTo("routingcost");

        JsonNode ordinal = json(fixture.post("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS, """
                {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'constraints': ['le 2'],
                 'endpoints': {'srcs': ['ipv6:2001:db8:2::9'], 'dsts': ['ipv4:10.1.9.9', 'ipv4:10.2.1.1', 'ipv4:10.2.5.5', 'ipv4:10.2.5.6']}}"""));
        JsonNode ranks = ordinal.at("/endpoint-cost-map/ipv6:2001:db8:2::9");
        // c->c 1 (rank 1, twice), c->b 5 (rank 2), c->a 10 (rank 3, cut by "le 2").
        assertThat(ranks.get("ipv4:10.2.5.5").asInt()).isEqualTo(1);
        assertThat(ranks.get("ipv4:10.2.5.6").asInt()).isEqualTo(1);
        assertThat(ranks.get("ipv4:10.2.1.1").asInt()).isEqualTo(2);
        assertThat(ranks.has("ipv4:10.1.9.9")).isFalse();
    }

    @Test
    void endpointCostWithoutSourcesUsesTheClientAddress() throws Exception {
        JsonNode response = json(fixture.post("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS, """
                {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'hopcount'}, 'endpoints': {'dsts': ['ipv4:10.1.0.1']}}"""));
        assertThat(names(response.get("endpoint-cost-map"))).containsExactly("ipv4:127.0.0.1");
        assertThat(response.at("/endpoint-cost-map/ipv4:127.0.0.1/ipv4:10.1.0.1").asInt()).isEqualTo(4);
    }

    @Test
    void headAnswersHeadersOnly() throws Exception {
        HttpResponse<byte[]> head = fixture.send(java.net.http.HttpRequest.newBuilder(fixture.uri("/networkmap"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void publishedSnapshotsAreServedAtOnce() throws Exception {
        try (ServerFixture own = new ServerFixture()) {
            String before = json(own.get("/networkmap")).at("/meta/vtag/tag").asText();
            own.informationBase.publish(TestNetwork.builder()
                    .pid("d", List.of(IpPrefix.parse("10.4.0.0/16"))).build());
            JsonNode after = json(own.get("/networkmap"));
            assertThat(after.at("/meta/vtag/tag").asText()).isNotEqualTo(before);
            assertThat(after.at("/network-map/d/ipv4/0").asText()).isEqualTo("10.4.0.0/16");
        }
    }
}
