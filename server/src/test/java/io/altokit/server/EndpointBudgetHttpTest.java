package io.altokit.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.altokit.model.MediaTypes;
import io.altokit.server.protection.Guard;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.Verdict;
import io.altokit.server.protection.budget.EndpointBudget;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.altokit.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The distinct-endpoint budget over real HTTP: a scanner is refused and logged, other clients stay served. */
class EndpointBudgetHttpTest {
    private static final int BUDGET = 50;
    private static final Guard NAME_FROM_HEADER = call -> Verdict.pass(
            call.request().authorization().map(name -> call.withCaller(call.caller().named(name))).orElse(call));

    @Test
    void scanningPastTheBudgetIsRefusedAndLoggedAtABoundedRateWhileOthersStayServed() throws Exception {
        EndpointBudget budget = new EndpointBudget(new EndpointBudget.Settings(BUDGET, Duration.ofHours(1), 100));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(EndpointBudget.class);
        log.start();
        logger.addAppender(log);
        try (ServerFixture fixture = new ServerFixture(new Protection(List.of(NAME_FROM_HEADER, budget), List.of()))) {
            // One source and 49 destinations: the whole budget, in two requests.
            assertThat(ecs(fixture, "scanner", 0, 30).statusCode()).isEqualTo(200);
            assertThat(ecs(fixture, "scanner", 20, 49).statusCode()).isEqualTo(200);

            HttpResponse<byte[]> refused = ecs(fixture, "scanner", 40, 51);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).contains(MediaTypes.ERROR);
            assertThat(json(refused).at("/meta/code").asText()).isEqualTo("E_FORBIDDEN");
            assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(3_500L, 3_600L);
            assertThat(eps(fixture, "scanner", 50).statusCode()).isEqualTo(403);

            // What it already asked about costs nothing; other clients have their own budgets.
            assertThat(ecs(fixture, "scanner", 0, 49).statusCode()).isEqualTo(200);
            assertThat(ecs(fixture, "peer-app", 0, 49).statusCode()).isEqualTo(200);
            assertThat(eps(fixture, "peer-app", 60).statusCode()).isEqualTo(403);
            assertThat(ecs(fixture, "other-app", 100, 149).statusCode()).isEqualTo(200);
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .as("the second caller over its budget within the log interval is counted, not logged")
                .singleElement()
                .satisfies(message -> assertThat(message).startsWith("possible topology scan by client:scanner"));
    }

    @Test
    void endpointsNamedThroughUpdateStreamsAndTipsViewsAreCountedLikeADirectRequest() throws Exception {
        EndpointBudget budget = new EndpointBudget(new EndpointBudget.Settings(BUDGET, Duration.ofHours(1), 100));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (ServerFixture fixture = new ServerFixture(new Protection(List.of(NAME_FROM_HEADER, budget), List.of()))) {
            // A substream input naming the source and 30 destinations, then a direct request: the whole budget.
            HttpResponse<InputStream> stream = http.send(streamRequest(fixture, "scanner", ecsInput(0, 30)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                assertThat(stream.statusCode()).isEqualTo(200);
                String controlUri = controlUri(events);
                assertThat(ecs(fixture, "scanner", 20, 49).statusCode()).isEqualTo(200);

                assertRefusedLikeADirectRequest(control(fixture, "scanner", controlUri, "over", ecsInput(40, 51)));
                assertThat(control(fixture, "scanner", controlUri, "known", ecsInput(0, 49)).statusCode())
                        .as("what it already asked about costs nothing").isEqualTo(204);
            }
            assertRefusedLikeADirectRequest(fixture.send(streamRequest(fixture, "scanner", ecsInput(40, 51))));
            assertRefusedLikeADirectRequest(tips(fixture, "scanner", ecsInput(40, 51)));
            assertThat(tips(fixture, "scanner", ecsInput(10, 49)).statusCode()).isEqualTo(200);
            assertThat(tips(fixture, "other-app", ecsInput(100, 149)).statusCode()).isEqualTo(200);
        } finally {
            http.close();
        }
    }

    private static void assertRefusedLikeADirectRequest(HttpResponse<byte[]> refused) throws Exception {
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).contains(MediaTypes.ERROR);
        assertThat(json(refused).at("/meta/code").asText()).isEqualTo("E_FORBIDDEN");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    private static String controlUri(BufferedReader events) throws Exception {
        for (String line = events.readLine(); line != null; line = events.readLine()) {
            if (line.startsWith("data: ")) {
                return ServerFixture.JSON.readTree(line.substring("data: ".length())).path("control-uri").asText();
            }
        }
        throw new AssertionError("the stream ended before its control event");
    }

    private static HttpRequest.Builder streamRequest(ServerFixture fixture, String client, String ecsInput) {
        return HttpRequest.newBuilder(fixture.uri(UpdateStreamResource.PATH)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", MediaTypes.UPDATE_STREAM_PARAMS).header("Authorization", client)
                .POST(HttpRequest.BodyPublishers.ofString("{\"add\": {\"ecs\": {\"resource-id\": \"endpoint-cost\", \"input\": "
                        + ecsInput + "}}}"));
    }

    private static HttpResponse<byte[]> control(ServerFixture fixture, String client, String controlUri, String id,
                                                String ecsInput) throws Exception {
        return fixture.send(HttpRequest.newBuilder(fixture.uri(controlUri))
                .header("Content-Type", MediaTypes.UPDATE_STREAM_PARAMS).header("Authorization", client)
                .POST(HttpRequest.BodyPublishers.ofString("{\"add\": {\"" + id + "\": {\"resource-id\": \"endpoint-cost\", "
                        + "\"input\": " + ecsInput + "}}}")));
    }

    private static HttpResponse<byte[]> tips(ServerFixture fixture, String client, String ecsInput) throws Exception {
        return fixture.send(HttpRequest.newBuilder(fixture.uri("/tips"))
                .header("Content-Type", MediaTypes.TIPS_PARAMS).header("Authorization", client)
                .POST(HttpRequest.BodyPublishers.ofString("{\"resource-id\": \"endpoint-cost\", \"input\": " + ecsInput + "}")));
    }

    @Test
    void withoutTheBudgetTheSameScanIsAnswered() throws Exception {
        try (ServerFixture fixture = new ServerFixture(new Protection(List.of(NAME_FROM_HEADER), List.of()))) {
            assertThat(ecs(fixture, "scanner", 0, 50).statusCode()).isEqualTo(200);
            assertThat(ecs(fixture, "scanner", 40, 51 + BUDGET).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<byte[]> ecs(ServerFixture fixture, String client, int from, int to) throws Exception {
        return fixture.send(HttpRequest.newBuilder(fixture.uri("/endpointcost/lookup"))
                .header("Content-Type", MediaTypes.ENDPOINT_COST_PARAMS).header("Authorization", client)
                .POST(HttpRequest.BodyPublishers.ofString(ecsInput(from, to))));
    }

    /** An endpoint cost request from source 10.1.0.1 (counted too) to destinations 10.2.&lt;i&gt;.1 for i in [from, to). */
    private static String ecsInput(int from, int to) {
        return "{\"cost-type\": {\"cost-mode\": \"ordinal\", \"cost-metric\": \"routingcost\"}, "
                + "\"endpoints\": {\"srcs\": [\"ipv4:10.1.0.1\"], \"dsts\": " + addresses(from, to) + "}}";
    }

    private static HttpResponse<byte[]> eps(ServerFixture fixture, String client, int host) throws Exception {
        String body = "{\"properties\": [\"default-network-map.pid\"], \"endpoints\": " + addresses(host, host + 1) + "}";
        return fixture.send(HttpRequest.newBuilder(fixture.uri("/endpointprop/lookup"))
                .header("Content-Type", MediaTypes.ENDPOINT_PROP_PARAMS).header("Authorization", client)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String addresses(int from, int to) {
        List<String> quoted = new ArrayList<>();
        IntStream.range(from, to).forEach(i -> quoted.add("\"ipv4:10.2." + i + ".1\""));
        return quoted.toString();
    }
}
