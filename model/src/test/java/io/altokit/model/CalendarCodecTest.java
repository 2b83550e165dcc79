package io.altokit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 8896's request and response fields through the codecs. */
class CalendarCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CostType ROUTING = new CostType("routingcost", CostMode.NUMERICAL);
    private static final CostType HOPS = new CostType("hopcount", CostMode.NUMERICAL);
    private static final List<String> AB = List.of("a", "b");

    private static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(byte[] body) throws Exception {
        return JSON.readTree(body);
    }

    private static CostTable table(double... values) {
        return new CostTable(AB, AB, values);
    }

    @Test
    void calendaredHasOneFlagPerAnsweredCostType() {
        CostMapFilter single = RequestDecoder.costMapFilter(json("""
                {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'}, 'calendared': [true],
                 'pids': {'srcs': [], 'dsts': []}}"""));
        assertThat(single.costs().calendared()).containsExactly(true);
        assertThat(single.costs().calendared(0)).isTrue();
        EndpointCostRequest multi = RequestDecoder.endpointCost(json("""
                {'multi-cost-types': [{'cost-mode': 'numerical', 'cost-metric': 'routingcost'},
                                      {'cost-mode': 'numerical', 'cost-metric': 'hopcount'}],
                 'calendared': [false, true], 'endpoints': {'dsts': ['ipv4:10.0.0.1']}}"""));
        assertThat(multi.costs().calendared()).containsExactly(false, true);
        assertThat(RequestDecoder.endpointCost(RequestEncoder.endpointCost(multi))).isEqualTo(multi);
        CostMapFilter plain = RequestDecoder.costMapFilter(json("""
                {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'}, 'pids': {'srcs': [], 'dsts': []}}"""));
        assertThat(plain.costs().calendared()).isEmpty();
        assertThat(plain.costs().calendared(0)).isFalse();
    }

    @Test
    void aCalendaredArrayOfTheWrongLengthIsAnInvalidValue() {
        for (String flags : List.of("[]", "[true, true]")) {
            assertThatThrownBy(() -> RequestDecoder.costMapFilter(json("""
                    {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'}, 'calendared': %s,
                     'pids': {'srcs': [], 'dsts': []}}""".formatted(flags))))
                    .as(flags)
                    .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.E_INVALID_FIELD_VALUE))
                    .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.error().field()).contains("calendared"));
        }
        assertThatThrownBy(() -> RequestDecoder.endpointCost(json("""
                {'multi-cost-types': [{'cost-mode': 'numerical', 'cost-metric': 'routingcost'},
                                      {'cost-mode': 'numerical', 'cost-metric': 'hopcount'}],
                 'calendared': [true], 'endpoints': {'dsts': ['ipv4:10.0.0.1']}}""")))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.error()).isEqualTo(AltoError.invalidValue("calendared", "[true]")));
    }

    @Test
    void aCalendaredFlagThatIsNotABooleanIsAnInvalidType() {
        assertThatThrownBy(() -> RequestDecoder.costMapFilter(json("""
                {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'}, 'calendared': ['yes']}""")))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.error()).isEqualTo(AltoError.invalidType("calendared[0]")));
        assertThatThrownBy(() -> RequestDecoder.costMapFilter(json("""
                {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'}, 'calendared': true}""")))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.error()).isEqualTo(AltoError.invalidType("calendared")));
    }

    @Test
    void theDirectoryListsCalendarAttributesAndReadsThemBack() throws Exception {
        Directory.Capabilities capabilities = Directory.Capabilities.costService(List.of("num-routingcost", "num-hopcount"), 2, List.of())
                .withCalendars(List.of(new CalendarAttributes(List.of("num-routingcost"), 3600, 24)));
        Directory directory = new Directory(Map.of("num-routingcost", ROUTING, "num-hopcount", HOPS), Optional.empty(),
                Map.of("filtered-cost-map", new Directory.Entry("/costmap/filtered", MediaTypes.COST_MAP,
                        Optional.of(MediaTypes.COST_MAP_FILTER), capabilities, List.of())));
        byte[] body = ResponseEncoder.directory(directory);
        JsonNode attributes = tree(body).at("/resources/filtered-cost-map/capabilities/calendar-attributes");
        assertThat(attributes.toString())
                .isEqualTo("[{\"cost-type-names\":[\"num-routingcost\"],\"time-interval-size\":3600,\"number-of-intervals\":24}]");
        assertThat(ResponseDecoder.directory(body).resources().get("filtered-cost-map").capabilities().calendarAttributes())
                .containsExactly(new CalendarAttributes(List.of("num-routingcost"), 3600, 24));
    }

    @Test
    void aSingleCostCalendarIsAnArrayPerPairAndNamesNoCostType() throws Exception {
        CalendarResponseAttributes day = new CalendarResponseAttributes(List.of(), Instant.parse("2019-06-30T00:00:00Z"), 7200, 2,
                OptionalInt.of(4));
        JsonNode map = tree(ResponseEncoder.calendarCostMap(new CalendarCostMapResponse(List.of(new VersionTag("nm", "12")),
                List.of(ROUTING), false, List.of(true), List.of(List.of(table(1, 12, Double.NaN, 1), table(2, 13.5, Double.NaN, 2))),
                List.of(day))));
        assertThat(map.at("/meta/cost-type/cost-metric").asText()).isEqualTo("routingcost");
        assertThat(map.at("/meta/calendar-response-attributes").toString()).isEqualTo("[{\"calendar-start-time\":"
                + "\"Sun, 30 Jun 2019 00:00:00 GMT\",\"time-interval-size\":7200,\"number-of-intervals\":2,\"repeated\":4}]");
        assertThat(map.at("/cost-map").toString()).isEqualTo("{\"a\":{\"a\":[1,2],\"b\":[12,13.5]},\"b\":{\"b\":[1,2]}}");
    }

    @Test
    void aMultiCostCalendarMixesCalendarArraysAndSingleValues() throws Exception {
        CalendarResponseAttributes day = new CalendarResponseAttributes(List.of("num-routingcost"), Instant.parse("2026-12-03T00:00:00Z"),
                43200, 2, OptionalInt.empty());
        JsonNode map = tree(ResponseEncoder.endpointCalendarCostMap(new CalendarCostMapResponse(List.of(), List.of(ROUTING, HOPS), true,
                List.of(true, false), List.of(List.of(table(1, 5, 5, 1), table(1, 9, 9, 1)), List.of(table(0, 2, 2, 0))), List.of(day))));
        assertThat(map.at("/meta/cost-type").toString()).isEqualTo("{}");
        assertThat(map.at("/meta/multi-cost-types").size()).isEqualTo(2);
        assertThat(map.at("/meta/calendar-response-attributes/0/cost-type-names").toString()).isEqualTo("[\"num-routingcost\"]");
        assertThat(map.at("/meta/calendar-response-attributes/0/calendar-start-time").asText()).isEqualTo("Thu, 03 Dec 2026 00:00:00 GMT");
        assertThat(map.at("/meta/calendar-response-attributes/0").has("repeated")).isFalse();
        assertThat(map.at("/endpoint-cost-map/a/b").toString()).isEqualTo("[[5,9],2]");
    }

    @Test
    void everyTableOfACalendaredMapCoversTheSamePairs() {
        assertThatThrownBy(() -> new CalendarCostMapResponse(List.of(), List.of(ROUTING), false, List.of(true),
                List.of(List.of(table(1, 5, 5, 1), table(1, Double.NaN, 5, 1))), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CalendarCostMapResponse(List.of(), List.of(ROUTING), false, List.of(false),
                List.of(List.of(table(1, 5, 5, 1), table(1, 5, 5, 1))), List.of()))
                .as("a type not calendared has one table").isInstanceOf(IllegalArgumentException.class);
    }
}
