package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.model.MediaTypes;
import io.altokit.server.privacy.CostDisclosure;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.protection.Guard;
import io.altokit.server.protection.PrivacyPolicies;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.Verdict;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.altokit.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Privacy policies over real HTTP: what a client under each policy can and cannot get from the server. */
class PrivacyPolicyTest {
    private static final int PIDS = 6;
    /** Stands in for the authentication guards: the Authorization header is the client's name. */
    private static final Guard NAME_FROM_HEADER = call -> Verdict.pass(
            call.request().authorization().map(name -> call.withCaller(call.caller().named(name))).orElse(call));
    private static final PrivacyPolicy ORDINAL_ONLY = new PrivacyPolicy(new CostDisclosure.OrdinalOnly(), true, false);

    @Test
    void ordinalOnlyLeavesNoNumericalCostReachable() throws Exception {
        try (ServerFixture fixture = fixture(new PrivacyPolicies(ORDINAL_ONLY, Map.of()))) {
            JsonNode directory = json(fixture.get("/directory"));
            assertThat(directory.at("/meta/cost-types").properties())
                    .allSatisfy(type -> assertThat(type.getValue().get("cost-mode").asText()).isEqualTo("ordinal"))
                    .isNotEmpty();
            assertThat(directory.get("resources").propertyStream().map(Map.Entry::getKey))
                    .contains("costmap-ord-routingcost", "endpoint-cost").noneMatch(id -> id.contains("num-"));
            directory.get("resources").forEach(resource -> assertThat(
                    resource.at("/capabilities/cost-type-names").valueStream().map(JsonNode::asText))
                    .noneMatch(name -> name.startsWith("num-")));

            assertForbidden(fixture.get("/costmap/num-routingcost"));
            assertThat(json(fixture.get("/costmap/ord-routingcost")).at("/cost-map/p0/p5").asInt()).isEqualTo(6);
            assertNumericalRefused(fixture.post("/costmap/filtered", MediaTypes.COST_MAP_FILTER,
                    "{'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'}, 'pids': {'srcs': ['p0'], 'dsts': []}}"));
            // The scanner fast path and the full decoder (no sources) both check the mode.
            assertNumericalRefused(fixture.post("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS,
                    "{'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'}, 'endpoints': {'srcs': ['ipv4:10.0.0.1'], 'dsts': ['ipv4:10.1.0.1']}}"));
            assertNumericalRefused(fixture.post("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS,
                    "{'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'}, 'endpoints': {'dsts': ['ipv4:10.1.0.1']}}"));
            HttpResponse<byte[]> ordinal = fixture.post("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS,
                    "{'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'endpoints': {'srcs': ['ipv4:10.0.0.1'], 'dsts': ['ipv4:10.1.0.1']}}");
            assertThat(ordinal.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aClientOverrideGetsItsOwnViewWhileOthersKeepTheDefault() throws Exception {
        PrivacyPolicies policies = new PrivacyPolicies(ORDINAL_ONLY, Map.of("app1", PrivacyPolicy.FULL));
        try (ServerFixture fixture = fixture(policies)) {
            assertThat(fixture.get("/costmap/num-routingcost", "Authorization", "app1").statusCode()).isEqualTo(200);
            assertThat(json(fixture.get("/directory", "Authorization", "app1")).at("/meta/cost-types/num-routingcost")
                    .isMissingNode()).isFalse();
            assertForbidden(fixture.get("/costmap/num-routingcost", "Authorization", "app2"));
            assertForbidden(fixture.get("/costmap/num-routingcost"));
        }
    }

    @Test
    void quantisedCostsTakeAtMostTheConfiguredNumberOfValues() throws Exception {
        PrivacyPolicy quantised = new PrivacyPolicy(new CostDisclosure.Quantised(3), true, false);
        try (ServerFixture fixture = fixture(new PrivacyPolicies(quantised, Map.of()))) {
            assertThat(values(json(fixture.get("/costmap/num-routingcost")).get("cost-map"))).hasSizeBetween(2, 3);
            assertThat(values(json(fixture.get("/costmap/ord-routingcost")).get("cost-map"))).hasSizeBetween(2, 3);
            List<String> everyPid = new ArrayList<>();
            for (int p = 0; p < PIDS; p++) {
                everyPid.add("'ipv4:10." + p + ".0.9'");
            }
            JsonNode endpointCosts = json(fixture.post("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS,
                    "{'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'}, 'endpoints': {'srcs': "
                            + everyPid + ", 'dsts': " + everyPid + "}}"));
            assertThat(values(endpointCosts.get("endpoint-cost-map"))).hasSizeBetween(2, 3);
            try (ServerFixture unprotected = fixture(PrivacyPolicies.none())) {
                assertThat(values(json(unprotected.get("/costmap/num-routingcost")).get("cost-map"))).hasSize(PIDS * PIDS);
                // A client cannot take a quantised map for the exact one: the content hash differs.
                assertThat(fixture.get("/costmap/num-routingcost").headers().firstValue("ETag"))
                        .isNotEqualTo(unprotected.get("/costmap/num-routingcost").headers().firstValue("ETag"));
            }
        }
    }

    @Test
    void withoutTheEndpointCostServiceClientsRankWithMaps() throws Exception {
        PrivacyPolicy noEcs = new PrivacyPolicy(new CostDisclosure.Full(), false, false);
        try (ServerFixture fixture = fixture(new PrivacyPolicies(noEcs, Map.of()))) {
            JsonNode resources = json(fixture.get("/directory")).get("resources");
            assertThat(resources.has("endpoint-cost")).isFalse();
            assertThat(resources.has("costmap-num-routingcost")).isTrue();
            assertForbidden(fixture.post("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS,
                    "{'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'endpoints': {'srcs': ['ipv4:10.0.0.1'], 'dsts': ['ipv4:10.1.0.1']}}"));
        }
    }

    @Test
    void aggregatedNetworkMapsListFewerPrefixesAndKeepEveryLookup() throws Exception {
        PrivacyPolicy aggregated = new PrivacyPolicy(new CostDisclosure.Full(), true, true);
        try (ServerFixture raw = fixture(PrivacyPolicies.none());
             ServerFixture fixture = fixture(new PrivacyPolicies(aggregated, Map.of()))) {
            JsonNode rawMap = json(raw.get("/networkmap"));
            JsonNode served = json(fixture.get("/networkmap"));
            assertThat(prefixes(served).size()).isLessThan(prefixes(rawMap).size());
            assertThat(prefixes(served)).containsKeys(IpPrefix.parse("10.0.0.0/23"), IpPrefix.parse("2001:db8:2::/47"));
            String vtag = served.at("/meta/vtag/tag").asText();
            assertThat(vtag).isNotEqualTo(rawMap.at("/meta/vtag/tag").asText());
            assertThat(fixture.get("/networkmap").headers().firstValue("ETag")).contains("\"" + vtag + "\"");
            JsonNode costMap = json(fixture.get("/costmap/num-routingcost"));
            assertThat(costMap.at("/meta/dependent-vtags/0/tag").asText()).isEqualTo(vtag);

            Map<IpPrefix, String> rawPrefixes = prefixes(rawMap);
            Map<IpPrefix, String> aggregatedPrefixes = prefixes(served);
            for (InetAddress address : sampleAddresses()) {
                assertThat(longestMatch(aggregatedPrefixes, address)).as("PID of %s", address)
                        .isEqualTo(longestMatch(rawPrefixes, address));
            }
        }
    }

    @Test
    void everyPublishedSnapshotGetsItsPolicyViews() throws Exception {
        PrivacyPolicy aggregated = new PrivacyPolicy(new CostDisclosure.OrdinalOnly(), true, true);
        try (ServerFixture fixture = fixture(new PrivacyPolicies(aggregated, Map.of()))) {
            fixture.informationBase.publish(Snapshot.builder()
                    .pid("q", prefixes("10.9.0.0/17", "10.9.128.0/17"))
                    .cost("routingcost", "q", "q", 3)
                    .build());

            JsonNode map = json(fixture.get("/networkmap"));
            assertThat(map.at("/network-map/q/ipv4/0").asText()).isEqualTo("10.9.0.0/16");
            assertThat(map.at("/network-map/q/ipv4").size()).isEqualTo(1);
            JsonNode filtered = json(fixture.post("/networkmap/filtered", MediaTypes.NETWORK_MAP_FILTER, "{'pids': ['q']}"));
            assertThat(filtered.at("/network-map/q/ipv4").toString()).isEqualTo("[\"10.9.0.0/16\"]");
            assertThat(filtered.at("/meta/vtag/tag").asText()).isEqualTo(map.at("/meta/vtag/tag").asText());
            assertForbidden(fixture.get("/costmap/num-routingcost"));
            assertThat(json(fixture.get("/costmap/ord-routingcost")).at("/cost-map/q/q").asInt()).isEqualTo(1);
        }
    }

    private static ServerFixture fixture(PrivacyPolicies policies) throws InterruptedException {
        return new ServerFixture(ServerConfig.defaults().withPort(0), network(),
                new Protection(List.of(NAME_FROM_HEADER), List.of(), policies));
    }

    /**
     * Six PIDs with 36 distinct costs; p0's four halves aggregate into one /23, p1's /24 inside its
     * /16 is dropped, p1's /26 inside p2's /24 must stay, and p3's IPv6 halves merge.
     */
    private static Snapshot network() {
        Snapshot.Builder builder = Snapshot.builder()
                .pid("p0", prefixes("10.0.0.0/25", "10.0.0.128/25", "10.0.1.0/24"))
                .pid("p1", prefixes("10.1.0.0/16", "10.1.2.0/24", "10.2.3.64/26"))
                .pid("p2", prefixes("10.2.3.0/24", "10.2.0.0/16"))
                .pid("p3", prefixes("10.3.0.0/16", "2001:db8:3::/48", "2001:db8:2::/48"))
                .pid("p4", prefixes("10.4.0.0/16", "2001:db8:4::/48"))
                .pid("p5", prefixes("10.5.0.0/16"));
        for (int src = 0; src < PIDS; src++) {
            for (int dst = 0; dst < PIDS; dst++) {
                builder.cost("routingcost", "p" + src, "p" + dst, src * PIDS + dst + 1);
            }
        }
        return builder.build();
    }

    private static List<IpPrefix> prefixes(String... texts) {
        return List.of(texts).stream().map(IpPrefix::parse).toList();
    }

    private static void assertForbidden(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.ERROR);
        assertThat(json(response).at("/meta/code").asText()).isEqualTo("E_FORBIDDEN");
    }

    private static void assertNumericalRefused(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode meta = json(response).get("meta");
        assertThat(meta.get("code").asText()).isEqualTo("E_INVALID_FIELD_VALUE");
        assertThat(meta.get("field").asText()).isEqualTo("cost-type/cost-mode");
        assertThat(meta.get("value").asText()).isEqualTo("numerical");
    }

    /** Every cost value in a cost map or endpoint cost map. */
    private static Set<Double> values(JsonNode map) {
        Set<Double> values = new HashSet<>();
        map.forEach(row -> row.forEach(cost -> values.add(cost.asDouble())));
        return values;
    }

    private static Map<IpPrefix, String> prefixes(JsonNode networkMap) {
        Map<IpPrefix, String> prefixes = new HashMap<>();
        networkMap.get("network-map").properties().forEach(pid -> pid.getValue().forEach(family ->
                family.forEach(prefix -> prefixes.put(IpPrefix.parse(prefix.asText()), pid.getKey()))));
        return prefixes;
    }

    private static String longestMatch(Map<IpPrefix, String> prefixes, InetAddress address) {
        return prefixes.entrySet().stream().filter(entry -> entry.getKey().contains(address))
                .max(Comparator.comparingInt(entry -> entry.getKey().length()))
                .map(Map.Entry::getValue).orElseThrow();
    }

    /** Both ends of every listed prefix and its neighbours, plus random addresses inside 10/8 and 2001:db8::/32. */
    private static List<InetAddress> sampleAddresses() throws Exception {
        List<InetAddress> addresses = new ArrayList<>();
        for (String text : List.of("10.0.0.0", "10.0.0.127", "10.0.0.128", "10.0.1.255", "10.0.2.0", "10.1.2.5",
                "10.2.3.63", "10.2.3.64", "10.2.3.127", "10.2.3.128", "10.1.255.255", "9.255.255.255",
                "2001:db8:2::", "2001:db8:3:ffff::1", "2001:db8:4::1", "2001:db8:5::")) {
            addresses.add(InetAddress.getByName(text));
        }
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            byte[] v4 = {10, (byte) random.nextInt(7), (byte) random.nextInt(5), (byte) random.nextInt(256)};
            byte[] v6 = new byte[16];
            random.nextBytes(v6);
            v6[0] = 0x20;
            v6[1] = 0x01;
            v6[2] = 0x0d;
            v6[3] = (byte) 0xb8;
            v6[4] = 0;
            v6[5] = (byte) random.nextInt(6);
            addresses.add(InetAddress.getByAddress(v4));
            addresses.add(InetAddress.getByAddress(v6));
        }
        return addresses;
    }
}
