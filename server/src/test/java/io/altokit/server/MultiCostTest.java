package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.model.MediaTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.altokit.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8189 (multi-cost ALTO), section by section, over HTTP against the test network: routingcost
 * a-b 5, a-c 10, b-c 5 (1 on the diagonal); hopcount a-b 2, a-c 3, b-c 1 (0 on the diagonal).
 */
@DisplayName("RFC 8189 multi-cost")
class MultiCostTest {
    private static final String ROUTING = "{'cost-mode': 'numerical', 'cost-metric': 'routingcost'}";
    private static final String HOPS = "{'cost-mode': 'numerical', 'cost-metric': 'hopcount'}";
    private static final String ORDINAL_ROUTING = "{'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}";
    private static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static JsonNode filtered(String path, String body) throws Exception {
        HttpResponse<byte[]> response = fixture.post(path, MediaTypes.COST_MAP_FILTER, body);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.COST_MAP);
        return json(response);
    }

    private static List<String> pairs(JsonNode costMap) {
        List<String> pairs = new ArrayList<>();
        costMap.fields().forEachRemaining(row -> row.getValue().fieldNames().forEachRemaining(dst -> pairs.add(row.getKey() + "-" + dst)));
        return pairs;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    @Nested
    @DisplayName("4.1.1 and 4.2.1: capabilities in the IRD")
    class Capabilities {
        @Test
        void everyCostServiceTakesAllItsCostTypesAtOnce() throws Exception {
            JsonNode resources = json(fixture.get("/directory")).get("resources");
            for (String id : List.of("filtered-cost-map", "filtered-multi-cost-map", "endpoint-cost")) {
                JsonNode capabilities = resources.at("/" + id + "/capabilities");
                assertThat(capabilities.get("max-cost-types").asInt()).as(id).isEqualTo(capabilities.get("cost-type-names").size());
            }
        }

        @Test
        void oneResourceTestsOnlyAStrictSubsetOfItsCostTypes() throws Exception {
            JsonNode resources = json(fixture.get("/directory")).get("resources");
            JsonNode multi = resources.at("/filtered-multi-cost-map");
            assertThat(multi.get("uri").asText()).endsWith("/costmap/filtered/multi");
            assertThat(multi.get("accepts").asText()).isEqualTo(MediaTypes.COST_MAP_FILTER);
            List<String> names = strings(multi.at("/capabilities/cost-type-names"));
            List<String> testable = strings(multi.at("/capabilities/testable-cost-type-names"));
            assertThat(testable).containsExactlyInAnyOrder("num-routingcost", "num-hopcount");
            assertThat(names).containsAll(testable).hasSizeGreaterThan(testable.size());
            assertThat(multi.at("/capabilities").has("cost-constraints"))
                    .as("RFC 8189 4.1.1: cost-constraints and testable-cost-type-names exclude each other").isFalse();
            assertThat(resources.at("/filtered-cost-map/capabilities/cost-constraints").asBoolean()).isTrue();
            assertThat(resources.at("/filtered-cost-map/capabilities").has("testable-cost-type-names")).isFalse();
        }
    }

    @Nested
    @DisplayName("4.1.2 and 4.1.3: filtered multi-cost map")
    class FilteredMultiCostMap {
        @Test
        void answersEveryTypeAsAnArrayInTheRequestsOrder() throws Exception {
            JsonNode map = filtered("/costmap/filtered", "{'multi-cost-types': [" + HOPS + ", " + ROUTING + "],"
                    + " 'pids': {'srcs': ['a'], 'dsts': ['b', 'c']}}");
            assertThat(map.at("/meta/multi-cost-types/0/cost-metric").asText()).isEqualTo("hopcount");
            assertThat(map.at("/meta/multi-cost-types/1/cost-metric").asText()).isEqualTo("routingcost");
            assertThat(map.at("/meta/cost-type").isObject()).isTrue();
            assertThat(map.at("/meta/cost-type").isEmpty()).as("RFC 8189 3.1: an empty cost-type").isTrue();
            assertThat(map.at("/meta/dependent-vtags/0/resource-id").asText()).isEqualTo("default-network-map");
            assertThat(map.at("/cost-map/a/b").toString()).isEqualTo("[2,5]");
            assertThat(map.at("/cost-map/a/c").toString()).isEqualTo("[3,10]");
        }

        @Test
        void aSingleMultiCostTypeIsStillAnArray() throws Exception {
            JsonNode map = filtered("/costmap/filtered", "{'multi-cost-types': [" + ROUTING + "], 'pids': {'srcs': ['b'], 'dsts': ['c']}}");
            assertThat(map.at("/cost-map/b/c").toString()).isEqualTo("[5]");
        }

        @Test
        void aCostTheServerDoesNotHaveIsNullAndAPairWithNoneIsLeftOut() throws Exception {
            // hopcount external->a is defined, routingcost external->a is not; from external to b or c neither is.
            JsonNode map = filtered("/costmap/filtered", "{'multi-cost-types': [" + HOPS + ", " + ROUTING + "],"
                    + " 'pids': {'srcs': ['external'], 'dsts': []}}");
            assertThat(map.get("cost-map").toString()).as("RFC 8189 5.2: null where the server has no value")
                    .isEqualTo("{\"external\":{\"a\":[4,null]}}");
        }

        @Test
        void aTestOnACostTheServerDoesNotHaveFails() throws Exception {
            JsonNode map = filtered("/costmap/filtered", "{'multi-cost-types': [" + HOPS + ", " + ROUTING + "],"
                    + " 'or-constraints': [['[1] ge 0'], ['[0] le 3']], 'pids': {'srcs': ['external'], 'dsts': []}}");
            assertThat(map.get("cost-map").isEmpty()).as("external->a: routingcost unknown, 4 hops").isTrue();
            JsonNode passing = filtered("/costmap/filtered", "{'multi-cost-types': [" + HOPS + ", " + ROUTING + "],"
                    + " 'or-constraints': [['[1] ge 0'], ['[0] le 4']], 'pids': {'srcs': ['external'], 'dsts': []}}");
            assertThat(passing.get("cost-map").toString()).isEqualTo("{\"external\":{\"a\":[4,null]}}");
        }

        @Test
        void indexedConstraintsAreAConjunctionAcrossTypes() throws Exception {
            JsonNode map = filtered("/costmap/filtered", "{'multi-cost-types': [" + ROUTING + ", " + HOPS + "],"
                    + " 'constraints': ['[0] ge 5', '[1] le 2']}");
            assertThat(pairs(map.get("cost-map"))).containsExactlyInAnyOrder("a-b", "b-a", "b-c", "c-b");
        }

        @Test
        void orConstraintsPassWhenAnyAlternativePasses() throws Exception {
            JsonNode map = filtered("/costmap/filtered", "{'multi-cost-types': [" + ROUTING + ", " + HOPS + "],"
                    + " 'or-constraints': [['[0] le 1'], ['[1] ge 3', '[0] eq 10']]}");
            assertThat(pairs(map.get("cost-map"))).containsExactlyInAnyOrder("a-a", "b-b", "c-c", "a-c", "c-a");
            assertThat(map.at("/cost-map/a/c").toString()).isEqualTo("[10,3]");
        }

        @Test
        void testableCostTypesNeedNotBeAnswered() throws Exception {
            // Answer routingcost, single-valued, for the pairs at most one hop apart.
            JsonNode map = filtered("/costmap/filtered/multi", "{'cost-type': " + ROUTING + ", 'testable-cost-types': [" + HOPS + "],"
                    + " 'constraints': ['[0] le 1']}");
            assertThat(map.at("/meta/cost-type/cost-metric").asText()).isEqualTo("routingcost");
            assertThat(map.at("/meta").has("multi-cost-types")).isFalse();
            assertThat(pairs(map.get("cost-map"))).containsExactlyInAnyOrder("a-a", "b-b", "c-c", "b-c", "c-b");
            assertThat(map.at("/cost-map/b/c").asInt()).isEqualTo(5);
        }

        @Test
        void plainRfc7285RequestsAreUnchanged() throws Exception {
            JsonNode map = filtered("/costmap/filtered/multi", "{'cost-type': " + ROUTING + ", 'constraints': ['ge 5', 'lt 10'],"
                    + " 'pids': {'srcs': ['a'], 'dsts': []}}");
            assertThat(map.at("/meta/cost-type/cost-metric").asText()).isEqualTo("routingcost");
            assertThat(map.at("/cost-map/a/b").asInt()).isEqualTo(5);
            assertThat(pairs(map.get("cost-map"))).containsExactly("a-b");
        }

        @Test
        void ordinalTypesRankOverThePairsAsked() throws Exception {
            JsonNode map = filtered("/costmap/filtered", "{'multi-cost-types': [" + ORDINAL_ROUTING + ", " + ROUTING + "],"
                    + " 'pids': {'srcs': ['c'], 'dsts': ['b', 'a']}}");
            assertThat(map.at("/cost-map/c/b").toString()).isEqualTo("[1,5]");
            assertThat(map.at("/cost-map/c/a").toString()).isEqualTo("[2,10]");
        }
    }

    /**
     * Section 5's examples asked of the test network: the IRD (5.1, above in Capabilities), a full
     * multi-cost map through empty PID lists (5.2), or-constraints on one cost type (5.3) and on two
     * (5.4), and endpoint multi-costs (5.5, in EndpointMultiCost). Costs differ from the RFC's; the
     * shapes and rules are checked.
     */
    @Nested
    @DisplayName("5: the RFC's examples")
    class RfcExamples {
        @Test
        void example1EmptyPidListsAskForEveryPairWithNullForACostNotKnown() throws Exception {
            JsonNode map = filtered("/costmap/filtered", "{'multi-cost-types': [" + ROUTING + ", " + HOPS + "],"
                    + " 'pids': {'srcs': [], 'dsts': []}}");
            assertThat(pairs(map.get("cost-map"))).containsExactlyInAnyOrder(
                    "a-a", "a-b", "a-c", "b-a", "b-b", "b-c", "c-a", "c-b", "c-c", "external-a");
            assertThat(map.at("/cost-map/b/a").toString()).isEqualTo("[5,2]");
            assertThat(map.at("/cost-map/external/a").toString()).isEqualTo("[null,4]");
            map.get("cost-map").forEach(row -> row.forEach(costs -> assertThat(costs.size()).isEqualTo(2)));
        }

        @Test
        void example2OrConstraintsOnOneCostType() throws Exception {
            JsonNode map = filtered("/costmap/filtered", "{'multi-cost-types': [" + ROUTING + ", " + HOPS + "],"
                    + " 'or-constraints': [['[0] le 1'], ['[0] ge 10']], 'pids': {'srcs': [], 'dsts': []}}");
            assertThat(pairs(map.get("cost-map"))).containsExactlyInAnyOrder("a-a", "b-b", "c-c", "a-c", "c-a");
        }

        @Test
        void example3OrConstraintsOnTwoCostTypesOneOnlyTested() throws Exception {
            JsonNode map = filtered("/costmap/filtered/multi", "{'multi-cost-types': [" + ROUTING + "],"
                    + " 'testable-cost-types': [" + ROUTING + ", " + HOPS + "],"
                    + " 'or-constraints': [['[0] le 5', '[1] le 1'], ['[1] ge 3']], 'pids': {'srcs': ['a', 'b'], 'dsts': []}}");
            assertThat(pairs(map.get("cost-map"))).containsExactlyInAnyOrder("a-a", "b-b", "b-c", "a-c");
            assertThat(map.at("/cost-map/a/c").toString()).as("only the answered type's value").isEqualTo("[10]");
        }
    }

    @Nested
    @DisplayName("4.2.2 and 4.2.3: endpoint multi-cost")
    class EndpointMultiCost {
        @Test
        void endpointCostsAsArrays() throws Exception {
            HttpResponse<byte[]> response = fixture.post("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS,
                    "{'multi-cost-types': [" + ROUTING + ", " + HOPS + "], 'or-constraints': [['[1] ge 3'], ['[0] le 5']],"
                            + " 'endpoints': {'srcs': ['ipv4:10.1.0.1'], 'dsts': ['ipv4:10.2.0.1', 'ipv4:10.2.5.1', 'ipv4:192.0.2.1']}}");
            assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.ENDPOINT_COST);
            JsonNode map = json(response);
            assertThat(map.at("/meta/multi-cost-types").size()).isEqualTo(2);
            assertThat(map.at("/meta").has("dependent-vtags")).isFalse();
            JsonNode row = map.at("/endpoint-cost-map/ipv4:10.1.0.1");
            assertThat(row.get("ipv4:10.2.0.1").toString()).isEqualTo("[5,2]");
            assertThat(row.get("ipv4:10.2.5.1").toString()).isEqualTo("[10,3]");
            assertThat(row.has("ipv4:192.0.2.1")).as("no costs to the external PID").isFalse();
        }
    }

    @Nested
    @DisplayName("bad input: RFC 8189's errors")
    class BadInput {
        @ParameterizedTest(name = "{0} {1} -> {2} {3}")
        @CsvSource(delimiter = '|', textBlock = """
                /costmap/filtered       | {'cost-type': ROUTING, 'multi-cost-types': [HOPS]}                        | E_INVALID_FIELD_VALUE | multi-cost-types
                /costmap/filtered       | {'multi-cost-types': []}                                                 | E_INVALID_FIELD_VALUE | multi-cost-types
                /costmap/filtered       | {'multi-cost-types': [ROUTING, HOPS, ROUTING, HOPS, ROUTING]}            | E_INVALID_FIELD_VALUE | multi-cost-types
                /costmap/filtered       | {'multi-cost-types': [ROUTING, {'cost-mode': 'numerical', 'cost-metric': 'delay-ow'}]} | E_INVALID_FIELD_VALUE | multi-cost-types[1]/cost-metric
                /costmap/filtered       | {'multi-cost-types': [ROUTING], 'constraints': ['le 1'], 'or-constraints': [['le 1']]} | E_INVALID_FIELD_VALUE | or-constraints
                /costmap/filtered       | {'multi-cost-types': [ROUTING, HOPS], 'constraints': ['[2] le 1']}        | E_INVALID_FIELD_VALUE | constraints
                /costmap/filtered       | {'multi-cost-types': [ROUTING], 'or-constraints': [[]]}                  | E_INVALID_FIELD_VALUE | or-constraints[0]
                /costmap/filtered       | {'multi-cost-types': [ROUTING], 'or-constraints': []}                    | E_INVALID_FIELD_VALUE | or-constraints
                /costmap/filtered       | {'multi-cost-types': [ROUTING], 'or-constraints': ['le 1']}              | E_INVALID_FIELD_TYPE  | or-constraints[0]
                /costmap/filtered       | {'multi-cost-types': [ROUTING], 'constraints': ['[x] le 1']}             | E_INVALID_FIELD_VALUE | constraints
                /costmap/filtered       | {'multi-cost-types': [ROUTING], 'testable-cost-types': []}               | E_INVALID_FIELD_VALUE | testable-cost-types
                /costmap/filtered       | {'multi-cost-types': ROUTING}                                            | E_INVALID_FIELD_TYPE  | multi-cost-types
                /costmap/filtered/multi | {'cost-type': ROUTING, 'testable-cost-types': [ORDINAL], 'constraints': ['le 1']} | E_INVALID_FIELD_VALUE | testable-cost-types[0]
                /costmap/filtered/multi | {'multi-cost-types': [ORDINAL, ROUTING], 'constraints': ['[0] le 1']}    | E_INVALID_FIELD_VALUE | constraints
                /costmap/filtered/multi | {'cost-type': ORDINAL, 'constraints': ['le 1']}                          | E_INVALID_FIELD_VALUE | constraints
                /costmap/filtered/multi | {'testable-cost-types': [ROUTING]}                                       | E_MISSING_FIELD       | cost-type
                """)
        void filteredCostMap(String path, String body, String code, String field) throws Exception {
            assertError(fixture.post(path, MediaTypes.COST_MAP_FILTER, expand(body)), code, field);
        }

        @Test
        void endpointCostTakesNoMoreTypesThanItOffers() throws Exception {
            assertError(fixture.post("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS,
                    expand("{'multi-cost-types': [ROUTING, HOPS, ROUTING, HOPS, ROUTING], 'endpoints': {'dsts': ['ipv4:10.2.0.1']}}")),
                    "E_INVALID_FIELD_VALUE", "multi-cost-types");
        }

        @Test
        void theErrorEchoesTheTestAtFault() throws Exception {
            HttpResponse<byte[]> response = fixture.post("/costmap/filtered", MediaTypes.COST_MAP_FILTER,
                    expand("{'multi-cost-types': [ROUTING, HOPS], 'or-constraints': [['[0] le 1'], ['[7] ge 2']]}"));
            assertError(response, "E_INVALID_FIELD_VALUE", "or-constraints");
            assertThat(json(response).at("/meta/value").asText()).isEqualTo("[7] ge 2");
        }

        private static String expand(String body) {
            return body.replace("ORDINAL", ORDINAL_ROUTING).replace("ROUTING", ROUTING).replace("HOPS", HOPS);
        }

        private static void assertError(HttpResponse<byte[]> response, String code, String field) throws Exception {
            assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.ERROR);
            JsonNode meta = json(response).get("meta");
            assertThat(meta.get("code").asText()).isEqualTo(code);
            assertThat(meta.get("field").asText()).isEqualTo(field);
        }
    }
}
