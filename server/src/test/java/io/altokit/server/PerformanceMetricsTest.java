package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.Snapshot;
import io.altokit.model.CostContext;
import io.altokit.model.CostSource;
import io.altokit.model.MediaTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.Map;

import static io.altokit.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9439 (ALTO performance cost metrics) over HTTP: the test network plus one-way delay (an SLA's,
 * in microseconds), loss rate (estimated, in percent) and hop count with the meaning of a hop; round
 * trip delay without a cost-context. The RFC's examples (sections 4 and 5) are endpoint cost requests
 * between 192.0.2.2 and two destinations; here the same requests go to addresses of areas a, b and c.
 */
@DisplayName("RFC 9439 performance metrics")
class PerformanceMetricsTest {
    private static final String SLA_LINK = "https://isp.example/sla#delay";
    private static ServerFixture fixture;

    static Snapshot snapshot() {
        Snapshot.Builder builder = TestNetwork.builder();
        String[] pids = {"a", "b", "c"};
        double[][] oneWay = {{500, 2500, 5100}, {2600, 500, 2550}, {5000, 2450, 500}};
        double[][] loss = {{0, 0.02, 0.25}, {0.02, 0, 0.01}, {0.3, 0.01, 0}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                builder.cost("delay-ow", pids[i], pids[j], oneWay[i][j]);
                builder.cost("delay-rt", pids[i], pids[j], oneWay[i][j] + oneWay[j][i]);
                builder.cost("lossrate", pids[i], pids[j], loss[i][j]);
            }
        }
        return builder.costContext("delay-ow", CostContext.of(CostSource.SLA, Map.of("link", SLA_LINK)))
                .costContext("lossrate", new CostContext(CostSource.ESTIMATION))
                .costContext("hopcount", CostContext.of(CostSource.ESTIMATION, Map.of("hop", "an IGP router hop")))
                .build();
    }

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(ServerConfig.defaults().withPort(0), snapshot());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static JsonNode ok(HttpResponse<byte[]> response, String mediaType) throws Exception {
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(mediaType);
        return json(response);
    }

    private static JsonNode endpointCost(String costType, String... dsts) throws Exception {
        String body = "{'cost-type': " + costType + ", 'endpoints': {'srcs': ['ipv4:10.1.0.1'], 'dsts': ['"
                + String.join("', '", dsts) + "']}}";
        return ok(fixture.post("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS, body), MediaTypes.ENDPOINT_COST);
    }

    private static JsonNode filtered(String body) throws Exception {
        return ok(fixture.post("/costmap/filtered", MediaTypes.COST_MAP_FILTER, body), MediaTypes.COST_MAP);
    }

    private static JsonNode refused(String path, String mediaType, String body) throws Exception {
        HttpResponse<byte[]> response = fixture.post(path, mediaType, body);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.ERROR);
        return json(response).get("meta");
    }

    private static String type(String metric) {
        return "{'cost-mode': 'numerical', 'cost-metric': '" + metric + "'}";
    }

    private static String type(String metric, String source) {
        return "{'cost-mode': 'numerical', 'cost-metric': '" + metric + "', 'cost-context': {'cost-source': '" + source + "'}}";
    }

    @Nested
    @DisplayName("3.1: cost-context in the IRD")
    class Directory {
        @Test
        void eachCostTypeCarriesItsMetricsContextInBothModes() throws Exception {
            JsonNode costTypes = json(fixture.get("/directory")).get("meta").get("cost-types");
            for (String name : new String[] {"num-delay-ow", "ord-delay-ow"}) {
                JsonNode context = costTypes.get(name).get("cost-context");
                assertThat(context.get("cost-source").asText()).as(name).isEqualTo("sla");
                assertThat(context.get("parameters").get("link").asText()).as(name).isEqualTo(SLA_LINK);
            }
            assertThat(costTypes.get("num-lossrate").get("cost-context").get("cost-source").asText()).isEqualTo("estimation");
            assertThat(costTypes.get("num-lossrate").get("cost-context").has("parameters")).isFalse();
            assertThat(costTypes.get("num-hopcount").get("cost-context").get("parameters").get("hop").asText())
                    .as("4.5.4: the parameters say what a hop is").isEqualTo("an IGP router hop");
            assertThat(costTypes.get("num-delay-rt").has("cost-context")).as("no context said: estimation, not written").isFalse();
            assertThat(costTypes.get("num-routingcost").has("cost-context")).isFalse();
        }

        @Test
        void aFullCostMapNamesItsContext() throws Exception {
            JsonNode map = ok(fixture.get("/costmap/num-delay-ow"), MediaTypes.COST_MAP);
            assertThat(map.get("meta").get("cost-type").get("cost-context").get("cost-source").asText()).isEqualTo("sla");
            assertThat(map.get("cost-map").get("a").get("b").asDouble()).as("4.1.2: microseconds").isEqualTo(2500);
        }
    }

    @Nested
    @DisplayName("4 and 5: the examples' requests")
    class Examples {
        /** Examples 1 to 5 (and 7, 8 for the metrics not offered here): one cost type, one source, two destinations. */
        @ParameterizedTest
        @CsvSource({"delay-ow, 2500, 5100", "delay-rt, 5100, 10100", "lossrate, 0.02, 0.25", "hopcount, 2, 3"})
        void anEndpointCostRequestPerMetric(String metric, double toB, double toC) throws Exception {
            JsonNode answer = endpointCost(type(metric), "ipv4:10.2.0.1", "ipv4:10.2.5.1");
            assertThat(answer.get("meta").get("cost-type").get("cost-metric").asText()).isEqualTo(metric);
            JsonNode row = answer.get("endpoint-cost-map").get("ipv4:10.1.0.1");
            assertThat(row.get("ipv4:10.2.0.1").asDouble()).isEqualTo(toB);
            assertThat(row.get("ipv4:10.2.5.1").asDouble()).isEqualTo(toC);
        }

        /** 4.5.2: a non-negative integer; every value of every metric is non-negative. */
        @Test
        void valuesAreNonNegativeAndHopCountsWhole() throws Exception {
            for (String metric : new String[] {"delay-ow", "delay-rt", "lossrate", "hopcount"}) {
                JsonNode map = ok(fixture.get("/costmap/num-" + metric), MediaTypes.COST_MAP).get("cost-map");
                map.forEach(row -> row.forEach(cost -> {
                    assertThat(cost.asDouble()).as(metric).isGreaterThanOrEqualTo(0);
                    if (metric.equals("hopcount")) {
                        assertThat(cost.isIntegralNumber()).as("hopcount %s", cost).isTrue();
                    }
                }));
            }
        }

        @Test
        void anAnswerWithoutAContextMeansEstimationAndOneWithItSaysSo() throws Exception {
            assertThat(endpointCost(type("delay-rt"), "ipv4:10.2.0.1").get("meta").get("cost-type").has("cost-context")).isFalse();
            JsonNode sla = endpointCost(type("delay-ow"), "ipv4:10.2.0.1").get("meta").get("cost-type");
            assertThat(sla.get("cost-context").get("cost-source").asText())
                    .as("a client not asking still learns the values are an SLA's").isEqualTo("sla");
            assertThat(sla.get("cost-context").get("parameters").get("link").asText()).isEqualTo(SLA_LINK);
        }
    }

    @Nested
    @DisplayName("3.1: asking for a context")
    class Asking {
        @Test
        void theOfferedSourceIsAnswered() throws Exception {
            JsonNode answer = filtered("{'cost-type': " + type("delay-ow", "sla") + ", 'pids': {'srcs': ['a'], 'dsts': ['b']}}");
            assertThat(answer.get("meta").get("cost-type").get("cost-context").get("cost-source").asText()).isEqualTo("sla");
            assertThat(answer.get("cost-map").get("a").get("b").asDouble()).isEqualTo(2500);
        }

        @Test
        void parametersAreNotPartOfWhatIsAsked() throws Exception {
            JsonNode answer = filtered("{'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'delay-ow', 'cost-context': "
                    + "{'cost-source': 'sla', 'parameters': {'link': 'https://other.example/'}}}, 'pids': {'srcs': ['a'], 'dsts': ['b']}}");
            assertThat(answer.get("meta").get("cost-type").get("cost-context").get("parameters").get("link").asText()).isEqualTo(SLA_LINK);
        }

        @Test
        void anotherSourceThanTheOfferedOneIsAnInvalidValue() throws Exception {
            JsonNode meta = refused("/costmap/filtered", MediaTypes.COST_MAP_FILTER,
                    "{'cost-type': " + type("delay-ow", "estimation") + ", 'pids': {'srcs': [], 'dsts': []}}");
            assertThat(meta.get("code").asText()).isEqualTo("E_INVALID_FIELD_VALUE");
            assertThat(meta.get("field").asText()).isEqualTo("cost-type/cost-context/cost-source");
            assertThat(meta.get("value").asText()).isEqualTo("estimation");
            JsonNode unsaid = refused("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS,
                    "{'cost-type': " + type("delay-rt", "sla") + ", 'endpoints': {'dsts': ['ipv4:10.2.0.1']}}");
            assertThat(unsaid.get("field").asText()).as("no context offered is an estimation").isEqualTo("cost-type/cost-context/cost-source");
        }

        @ParameterizedTest
        @ValueSource(strings = {"measured", "SLA", ""})
        void anUnregisteredSourceIsAnInvalidValue(String source) throws Exception {
            JsonNode meta = refused("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS,
                    "{'cost-type': " + type("delay-ow", source) + ", 'endpoints': {'dsts': ['ipv4:10.2.0.1']}}");
            assertThat(meta.get("code").asText()).isEqualTo("E_INVALID_FIELD_VALUE");
            assertThat(meta.get("field").asText()).isEqualTo("cost-type/cost-context/cost-source");
            assertThat(meta.get("value").asText()).isEqualTo(source);
        }

        /** 6.3: RFC 7285's routingcost values are estimations; a context saying otherwise is refused. */
        @Test
        void routingcostIsOnlyEverAnEstimation() throws Exception {
            JsonNode meta = refused("/costmap/filtered", MediaTypes.COST_MAP_FILTER,
                    "{'cost-type': " + type("routingcost", "sla") + ", 'pids': {'srcs': [], 'dsts': []}}");
            assertThat(meta.get("field").asText()).isEqualTo("cost-type/cost-context/cost-source");
            assertThat(filtered("{'cost-type': " + type("routingcost", "estimation") + ", 'pids': {'srcs': ['a'], 'dsts': ['b']}}")
                    .get("cost-map").get("a").get("b").asDouble()).isEqualTo(5);
        }

        @Test
        void multiCostAnswersNameEachTypesContext() throws Exception {
            JsonNode answer = filtered("{'multi-cost-types': [" + type("delay-ow") + ", " + type("lossrate") + ", " + type("routingcost")
                    + "], 'pids': {'srcs': ['a'], 'dsts': ['c']}}");
            JsonNode types = answer.get("meta").get("multi-cost-types");
            assertThat(types.get(0).get("cost-context").get("cost-source").asText()).isEqualTo("sla");
            assertThat(types.get(1).get("cost-context").get("cost-source").asText()).isEqualTo("estimation");
            assertThat(types.get(2).has("cost-context")).isFalse();
            assertThat(answer.get("cost-map").get("a").get("c").toString()).isEqualTo("[5100,0.25,10]");
        }

        @Test
        void aTestOnAMetricWithAContextWorksAsAnyOther() throws Exception {
            JsonNode answer = filtered("{'cost-type': " + type("lossrate", "estimation") + ", 'constraints': ['le 0.1'], "
                    + "'pids': {'srcs': ['a', 'c'], 'dsts': []}}");
            assertThat(answer.get("cost-map").get("a").has("c")).isFalse();
            assertThat(answer.get("cost-map").get("c").get("b").asDouble()).isEqualTo(0.01);
        }
    }

    /** A context changed without the costs: the map's head changed, so its encoding and ETag do too. */
    @Test
    void aNewContextIsANewFullMap() throws Exception {
        try (ServerFixture own = new ServerFixture(ServerConfig.defaults().withPort(0), snapshot())) {
            HttpResponse<byte[]> before = own.get("/costmap/num-lossrate");
            Snapshot current = own.informationBase.current();
            own.informationBase.publish(current.toBuilder()
                    .costContext("lossrate", CostContext.of(CostSource.SLA, Map.of("link", "https://isp.example/sla#loss"))).build());
            HttpResponse<byte[]> after = own.get("/costmap/num-lossrate");
            assertThat(after.headers().firstValue("ETag")).isNotEqualTo(before.headers().firstValue("ETag"));
            JsonNode meta = json(after).get("meta").get("cost-type");
            assertThat(meta.get("cost-context").get("cost-source").asText()).isEqualTo("sla");
            assertThat(json(after).get("cost-map")).isEqualTo(json(before).get("cost-map"));
            assertThat(json(own.get("/directory")).get("meta").get("cost-types").get("num-lossrate").get("cost-context")
                    .get("cost-source").asText()).isEqualTo("sla");
        }
    }
}
