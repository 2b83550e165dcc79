package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.Snapshot;
import io.altokit.model.MediaTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;

import static io.altokit.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8896 (ALTO cost calendar), section by section, over HTTP against the test network with a
 * routingcost calendar of two 12-hour intervals (a-b 5 then 20; a-c 10, b-c 5 in both; 1 on the
 * diagonal) and a server clock fixed at 15:30 UTC, in the second interval; hopcount has no calendar.
 */
@DisplayName("RFC 8896 cost calendar")
class CostCalendarTest {
    private static final String ROUTING = "{'cost-mode': 'numerical', 'cost-metric': 'routingcost'}";
    private static final String ORDINAL_ROUTING = "{'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}";
    private static final String HOPS = "{'cost-mode': 'numerical', 'cost-metric': 'hopcount'}";
    private static final Instant NOW = Instant.parse("2026-12-03T15:30:00Z");
    private static final String TODAY = "Thu, 03 Dec 2026 00:00:00 GMT";
    private static final long HALF_DAY = 12 * 3600;
    private static final List<String> PIDS = List.of("a", "b", "c");
    private static final double[][] DAY = {{1, 5, 10}, {5, 1, 5}, {10, 5, 1}};
    private static final double[][] EVENING = {{1, 20, 10}, {20, 1, 5}, {10, 5, 1}};
    private static final List<String> COST_SERVICES = List.of("filtered-cost-map", "filtered-multi-cost-map", "endpoint-cost");
    private static ServerFixture fixture;
    /** The same network without calendars. */
    private static ServerFixture plain;

    @BeforeAll
    static void start() throws Exception {
        Snapshot calendared = TestNetwork.builder()
                .calendar("routingcost", HALF_DAY, OptionalInt.of(2), PIDS, List.of(DAY, EVENING)).build();
        fixture = new ServerFixture(ServerConfig.defaults().withPort(0).withClock(Clock.fixed(NOW, ZoneOffset.UTC)), calendared);
        plain = new ServerFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
        plain.close();
    }

    private static JsonNode answer(ServerFixture server, String path, String body) throws Exception {
        boolean endpoints = path.startsWith("/endpointcost");
        HttpResponse<byte[]> response = server.post(path, endpoints ? MediaTypes.ENDPOINT_COST_PARAMS : MediaTypes.COST_MAP_FILTER, body);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(endpoints ? MediaTypes.ENDPOINT_COST : MediaTypes.COST_MAP);
        return json(response);
    }

    private static JsonNode filtered(String body) throws Exception {
        return answer(fixture, "/costmap/filtered", body);
    }

    @Nested
    @DisplayName("4.1: calendar attributes in the IRD")
    class Directory {
        @Test
        void everyCostServiceListsTheCalendaredTypesOnce() throws Exception {
            JsonNode resources = json(fixture.get("/directory")).get("resources");
            for (String id : COST_SERVICES) {
                JsonNode attributes = resources.at("/" + id + "/capabilities/calendar-attributes");
                assertThat(attributes.toString()).as(id).isEqualTo("[{\"cost-type-names\":[\"num-routingcost\",\"ord-routingcost\"],"
                        + "\"time-interval-size\":43200,\"number-of-intervals\":2}]");
            }
        }

        @Test
        void fullCostMapsAndCalendarlessServersListNone() throws Exception {
            JsonNode resources = json(fixture.get("/directory")).get("resources");
            assertThat(resources.at("/num-routingcost/capabilities").has("calendar-attributes")).isFalse();
            JsonNode without = json(plain.get("/directory")).get("resources");
            for (String id : COST_SERVICES) {
                assertThat(without.at("/" + id + "/capabilities").has("calendar-attributes")).as(id).isFalse();
            }
        }
    }

    @Nested
    @DisplayName("4.2: filtered cost map calendars")
    class FilteredCostMap {
        @Test
        void aSingleCostCalendarIsOneArrayPerPairFromTheStartOfTheDay() throws Exception {
            JsonNode map = filtered("{'cost-type': " + ROUTING + ", 'calendared': [true], 'pids': {'srcs': ['a'], 'dsts': []}}");
            assertThat(map.at("/meta/cost-type/cost-metric").asText()).isEqualTo("routingcost");
            assertThat(map.at("/meta/dependent-vtags/0/resource-id").asText()).isEqualTo("default-network-map");
            JsonNode attributes = map.at("/meta/calendar-response-attributes");
            assertThat(attributes.size()).isEqualTo(1);
            assertThat(attributes.get(0).has("cost-type-names")).as("a single cost type needs no names").isFalse();
            assertThat(attributes.get(0).get("calendar-start-time").asText()).isEqualTo(TODAY);
            assertThat(attributes.get(0).get("time-interval-size").asLong()).isEqualTo(HALF_DAY);
            assertThat(attributes.get(0).get("number-of-intervals").asInt()).isEqualTo(2);
            assertThat(attributes.get(0).get("repeated").asInt()).isEqualTo(2);
            assertThat(map.at("/cost-map").toString()).isEqualTo("{\"a\":{\"a\":[1,1],\"b\":[5,20],\"c\":[10,10]}}");
        }

        @Test
        void ordinalCalendarsRankWithinEachInterval() throws Exception {
            JsonNode map = filtered("{'cost-type': " + ORDINAL_ROUTING + ", 'calendared': [true], 'pids': {'srcs': ['a'], 'dsts': []}}");
            assertThat(map.at("/cost-map").toString()).isEqualTo("{\"a\":{\"a\":[1,1],\"b\":[2,3],\"c\":[3,2]}}");
        }

        @Test
        void aMultiCostCalendarNamesItsTypesAndKeepsSingleValuesForTheOthers() throws Exception {
            JsonNode map = filtered("{'multi-cost-types': [" + ROUTING + ", " + HOPS + "], 'calendared': [true, false],"
                    + " 'pids': {'srcs': ['a'], 'dsts': ['b']}}");
            assertThat(map.at("/meta/multi-cost-types").size()).isEqualTo(2);
            assertThat(map.at("/meta/calendar-response-attributes/0/cost-type-names").toString()).isEqualTo("[\"num-routingcost\"]");
            assertThat(map.at("/cost-map").toString()).isEqualTo("{\"a\":{\"b\":[[5,20],2]}}");
        }

        @Test
        void testsSelectPairsByTheirSingleValues() throws Exception {
            JsonNode map = filtered("{'cost-type': " + ROUTING + ", 'calendared': [true], 'constraints': ['le 5'],"
                    + " 'pids': {'srcs': ['a'], 'dsts': []}}");
            assertThat(map.at("/cost-map").toString()).isEqualTo("{\"a\":{\"a\":[1,1],\"b\":[5,20]}}");
        }

        @Test
        void calendaredFalseAnswersAsWithoutCalendars() throws Exception {
            JsonNode map = filtered("{'cost-type': " + ROUTING + ", 'calendared': [false], 'pids': {'srcs': ['a'], 'dsts': ['b']}}");
            assertThat(map.at("/meta").has("calendar-response-attributes")).isFalse();
            assertThat(map.at("/cost-map").toString()).isEqualTo("{\"a\":{\"b\":5}}");
        }

        @Test
        void theMultiCostResourceOffersTheSameCalendars() throws Exception {
            JsonNode map = answer(fixture, "/costmap/filtered/multi", "{'cost-type': " + ROUTING + ", 'calendared': [true],"
                    + " 'pids': {'srcs': ['b'], 'dsts': ['a']}}");
            assertThat(map.at("/cost-map").toString()).isEqualTo("{\"b\":{\"a\":[5,20]}}");
        }
    }

    @Nested
    @DisplayName("4.3: endpoint cost calendars")
    class EndpointCost {
        @Test
        void aSingleCostCalendarPerEndpointPair() throws Exception {
            JsonNode map = answer(fixture, "/endpointcost/lookup", "{'cost-type': " + ROUTING + ", 'calendared': [true],"
                    + " 'endpoints': {'srcs': ['ipv4:10.1.0.1'], 'dsts': ['ipv4:10.2.0.1', 'ipv4:10.2.5.1']}}");
            assertThat(map.at("/meta/calendar-response-attributes/0/calendar-start-time").asText()).isEqualTo(TODAY);
            assertThat(map.at("/endpoint-cost-map").toString())
                    .isEqualTo("{\"ipv4:10.1.0.1\":{\"ipv4:10.2.0.1\":[5,20],\"ipv4:10.2.5.1\":[10,10]}}");
        }

        @Test
        void aMultiCostCalendarPerEndpointPair() throws Exception {
            JsonNode map = answer(fixture, "/endpointcost/lookup", "{'multi-cost-types': [" + HOPS + ", " + ROUTING + "],"
                    + " 'calendared': [false, true], 'endpoints': {'srcs': ['ipv4:10.1.0.1'], 'dsts': ['ipv4:10.2.0.1']}}");
            assertThat(map.at("/meta/calendar-response-attributes/0/cost-type-names").toString()).isEqualTo("[\"num-routingcost\"]");
            assertThat(map.at("/endpoint-cost-map").toString()).isEqualTo("{\"ipv4:10.1.0.1\":{\"ipv4:10.2.0.1\":[2,[5,20]]}}");
        }
    }

    @Nested
    @DisplayName("bad input: RFC 8896's rules")
    class BadInput {
        @Test
        void calendaredOnATypeWithoutCalendarIsIgnored() throws Exception {
            JsonNode map = filtered("{'cost-type': " + HOPS + ", 'calendared': [true], 'pids': {'srcs': ['a'], 'dsts': ['b']}}");
            assertThat(map.at("/meta").has("calendar-response-attributes")).isFalse();
            assertThat(map.at("/cost-map").toString()).isEqualTo("{\"a\":{\"b\":2}}");
        }

        @Test
        void calendaredOnAResourceWithoutCalendarsIsIgnored() throws Exception {
            JsonNode map = answer(plain, "/costmap/filtered", "{'cost-type': " + ROUTING + ", 'calendared': [true],"
                    + " 'pids': {'srcs': ['a'], 'dsts': ['b']}}");
            assertThat(map.at("/meta").has("calendar-response-attributes")).isFalse();
            assertThat(map.at("/cost-map").toString()).isEqualTo("{\"a\":{\"b\":5}}");
            JsonNode endpoints = answer(plain, "/endpointcost/lookup", "{'cost-type': " + ROUTING + ", 'calendared': [true],"
                    + " 'endpoints': {'srcs': ['ipv4:10.1.0.1'], 'dsts': ['ipv4:10.2.0.1']}}");
            assertThat(endpoints.at("/endpoint-cost-map").toString()).isEqualTo("{\"ipv4:10.1.0.1\":{\"ipv4:10.2.0.1\":5}}");
        }

        @ParameterizedTest(name = "{0} {1} -> {2} {3}")
        @CsvSource(delimiter = '|', textBlock = """
                /costmap/filtered    | {'cost-type': ROUTING, 'calendared': [true, false]}                            | E_INVALID_FIELD_VALUE | calendared
                /costmap/filtered    | {'cost-type': ROUTING, 'calendared': []}                                       | E_INVALID_FIELD_VALUE | calendared
                /costmap/filtered    | {'multi-cost-types': [ROUTING, HOPS], 'calendared': [true]}                    | E_INVALID_FIELD_VALUE | calendared
                /costmap/filtered    | {'cost-type': ROUTING, 'calendared': [1]}                                      | E_INVALID_FIELD_TYPE  | calendared[0]
                /costmap/filtered    | {'cost-type': ROUTING, 'calendared': true}                                     | E_INVALID_FIELD_TYPE  | calendared
                /endpointcost/lookup | {'cost-type': ROUTING, 'calendared': [true, true], 'endpoints': {'dsts': []}}  | E_INVALID_FIELD_VALUE | calendared
                """)
        void theCalendaredArrayMatchesTheCostTypes(String path, String body, String code, String field) throws Exception {
            for (ServerFixture server : List.of(fixture, plain)) {
                String contentType = path.startsWith("/endpointcost") ? MediaTypes.ENDPOINT_COST_PARAMS : MediaTypes.COST_MAP_FILTER;
                HttpResponse<byte[]> response = server.post(path, contentType, body.replace("ROUTING", ROUTING).replace("HOPS", HOPS));
                assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(400);
                assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.ERROR);
                JsonNode meta = json(response).get("meta");
                assertThat(meta.get("code").asText()).isEqualTo(code);
                assertThat(meta.get("field").asText()).isEqualTo(field);
            }
        }
    }
}
