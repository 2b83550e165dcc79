package io.altokit.client;

import io.altokit.core.time.ManualScheduler;
import io.altokit.core.time.ManualTicker;
import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import io.altokit.model.MediaTypes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.altokit.client.ScriptedServer.Answer;
import static io.altokit.client.UpdateExamples.costMap;
import static io.altokit.client.UpdateExamples.directory;
import static io.altokit.client.UpdateExamples.event;
import static io.altokit.client.UpdateExamples.networkMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Subscription} against a scripted server speaking RFC 8895 and RFC 9569 with the RFCs'
 * example resources: what the client asks for, what it holds after each full state and patch,
 * and how it resubscribes with its last good tag after a disconnect or a broken patch.
 */
class SubscriptionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NM = "my-network-map";
    private static final String CM = "my-routingcost-map";
    private static final String EVENT_STREAM = "text/event-stream";

    private final ScriptedServer server = newServer();
    private final ManualScheduler scheduler = new ManualScheduler(new ManualTicker());
    private final Recorder recorder = new Recorder();
    private AltoClient client;

    private static ScriptedServer newServer() {
        try {
            return new ScriptedServer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    /** What the listener heard, in order. */
    static final class Recorder implements UpdateListener {
        final BlockingQueue<Object> heard = new LinkedBlockingQueue<>();

        record Interrupted(String reason) {
        }

        record Stopped(String reason) {
        }

        @Override
        public void updated(ResourceUpdate update) {
            heard.add(update);
        }

        @Override
        public void interrupted(String reason, Duration retryIn) {
            heard.add(new Interrupted(reason));
        }

        @Override
        public void stopped(AltoClientException failure) {
            heard.add(new Stopped(failure.getMessage()));
        }

        Object next() throws InterruptedException {
            Object event = heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within " + WAIT).isNotNull();
            return event;
        }

        ResourceUpdate nextUpdate() throws InterruptedException {
            return assertThat(next()).isInstanceOf(ResourceUpdate.class).asInstanceOf(
                    org.assertj.core.api.InstanceOfAssertFactories.type(ResourceUpdate.class)).actual();
        }
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private AltoClient client() {
        client = AltoClient.builder(server.uri("/directory")).scheduler(scheduler).backoff(Duration.ofSeconds(1), Duration.ofSeconds(8))
                .build();
        return client;
    }

    private ScriptedServer.Request nextRequest(String path) throws InterruptedException {
        while (true) {
            ScriptedServer.Request request = server.requests.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(request).as("a request to " + path).isNotNull();
            if (request.path().equals(path)) {
                return request;
            }
        }
    }

    @Test
    void sseDeliversFullStatesThenPatchesAndResubscribesWithTheLastTagAfterTheStreamEnds() throws Exception {
        server.on("GET", "/directory", Answer.of(200, MediaTypes.DIRECTORY, directory(true, true)));
        server.on("POST", "/updates/costs", Answer.of(200, EVENT_STREAM,
                event(MediaTypes.UPDATE_STREAM_CONTROL, "{\"control-uri\": \"/updates/streams/2718281828\"}")
                        + ": keep-alive\n\n"
                        + event(MediaTypes.NETWORK_MAP + ",r0", networkMap("tag1", "198.51.100.128/25"))
                        + event(MediaTypes.COST_MAP + ",r1", costMap("tag1", 5))
                        + event("application/merge-patch+json,r1", "{\"cost-map\": {\"PID1\": {\"PID2\": 9}}}")
                        + event("application/json-patch+json,r0", """
                                [{"op": "replace", "path": "/meta/vtag/tag", "value": "tag2"},
                                 {"op": "replace", "path": "/network-map/PID2/ipv4/0", "value": "198.51.100.0/25"}]""")
                        + event("application/merge-patch+json,r1",
                                "{\"meta\": {\"dependent-vtags\": [{\"resource-id\": \"my-network-map\", \"tag\": \"tag2\"}]}}")),
                Answer.of(200, EVENT_STREAM, event("application/merge-patch+json,r1", "{\"cost-map\": {\"PID2\": {\"PID1\": 7}}}")));

        Subscription subscription = client().subscribe(List.of(NM, CM), recorder);

        assertThat(subscription.service()).isEqualTo(UpdateService.SSE);
        ScriptedServer.Request first = nextRequest("/updates/costs");
        assertThat(json(first.body())).isEqualTo(json("""
                {"add": {"r0": {"resource-id": "my-network-map", "incremental-changes": true},
                         "r1": {"resource-id": "my-routingcost-map", "incremental-changes": true}}}"""));
        assertThat(recorder.nextUpdate()).satisfies(u -> {
            assertThat(u.resourceId()).isEqualTo(NM);
            assertThat(u.kind()).isEqualTo(UpdateKind.FULL);
            assertThat(u.tag()).contains("tag1");
        });
        assertThat(recorder.nextUpdate().costMap().costs().cost(0, 1)).isEqualTo(5);
        ResourceUpdate patched = recorder.nextUpdate();
        assertThat(patched.kind()).isEqualTo(UpdateKind.MERGE_PATCH);
        assertThat(patched.messageBytes()).isEqualTo("{\"cost-map\": {\"PID1\": {\"PID2\": 9}}}".length());
        assertThat(patched.costMap().costs().cost(0, 1)).isEqualTo(9);
        ResourceUpdate moved = recorder.nextUpdate();
        assertThat(moved.kind()).isEqualTo(UpdateKind.JSON_PATCH);
        assertThat(json(moved.json())).isEqualTo(json(networkMap("tag2", "198.51.100.0/25")));
        assertThat(recorder.nextUpdate().costMap().dependentVtags().getFirst().tag()).isEqualTo("tag2");
        assertThat(recorder.next()).isInstanceOf(Recorder.Interrupted.class);
        assertThat(subscription.isLive()).isFalse();

        assertThat(scheduler.advance(Duration.ofSeconds(1))).isEqualTo(1);

        ScriptedServer.Request second = nextRequest("/updates/costs");
        assertThat(json(second.body()).getValue("/add/r0/tag").toString()).isEqualTo("\"tag2\"");
        assertThat(json(second.body()).getJsonObject("add").getJsonObject("r1")).doesNotContainKey("tag");
        assertThat(recorder.nextUpdate().costMap().costs().cost(1, 0)).isEqualTo(7);
        assertThat(subscription.current(NM).orElseThrow().tag()).contains("tag2");
    }

    @Test
    void aPatchBeforeAnyFullStateIsNotAppliedAndTheClientResubscribes() throws Exception {
        server.on("GET", "/directory", Answer.of(200, MediaTypes.DIRECTORY, directory(true, false)));
        server.on("POST", "/updates/costs",
                Answer.of(200, EVENT_STREAM, event("application/merge-patch+json,r0", "{\"meta\": {}}")),
                new Answer(200, EVENT_STREAM, event(MediaTypes.NETWORK_MAP + ",r0", networkMap("tag1", "198.51.100.128/25")), true));

        Subscription subscription = client().subscribe(List.of(NM), recorder);

        assertThat(recorder.next()).isInstanceOfSatisfying(Recorder.Interrupted.class,
                i -> assertThat(i.reason()).contains("before its full state"));
        assertThat(subscription.current(NM)).isEmpty();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(recorder.nextUpdate().tag()).contains("tag1");
        assertThat(subscription.isLive()).isTrue();
    }

    @Test
    void aCostMapNamingAnotherNetworkMapVersionThanTheStreamSentIsRefused() throws Exception {
        server.on("GET", "/directory", Answer.of(200, MediaTypes.DIRECTORY, directory(true, false)));
        server.on("POST", "/updates/costs", Answer.of(200, EVENT_STREAM,
                event(MediaTypes.NETWORK_MAP + ",r0", networkMap("tag2", "198.51.100.128/25"))
                        + event(MediaTypes.COST_MAP + ",r1", costMap("tag1", 5))));

        Subscription subscription = client().subscribe(List.of(NM, CM), recorder);

        assertThat(recorder.nextUpdate().resourceId()).isEqualTo(NM);
        assertThat(recorder.next()).isInstanceOfSatisfying(Recorder.Interrupted.class,
                i -> assertThat(i.reason()).contains("depends on my-network-map tag tag1").contains("last sent tag tag2"));
        assertThat(subscription.current(CM)).isEmpty();
    }

    @Test
    void aPatchThatDoesNotApplyKeepsTheLastGoodVersionAndItsTagForTheResubscription() throws Exception {
        server.on("GET", "/directory", Answer.of(200, MediaTypes.DIRECTORY, directory(true, false)));
        server.on("POST", "/updates/costs", Answer.of(200, EVENT_STREAM,
                event(MediaTypes.NETWORK_MAP + ",r0", networkMap("tag1", "198.51.100.128/25"))
                        + event("application/json-patch+json,r0", "[{\"op\": \"remove\", \"path\": \"/network-map/PID9\"}]")));

        Subscription subscription = client().subscribe(List.of(NM), recorder);

        recorder.nextUpdate();
        assertThat(recorder.next()).isInstanceOfSatisfying(Recorder.Interrupted.class,
                i -> assertThat(i.reason()).contains("does not apply to the version held (tag tag1)"));
        scheduler.advance(Duration.ofSeconds(1));
        nextRequest("/updates/costs");
        assertThat(json(nextRequest("/updates/costs").body()).getValue("/add/r0/tag").toString()).isEqualTo("\"tag1\"");
        assertThat(subscription.current(NM).orElseThrow().tag()).contains("tag1");
    }

    @Test
    void aRefusalStopsTheSubscriptionWithTheServersReason() throws Exception {
        server.on("GET", "/directory", Answer.of(200, MediaTypes.DIRECTORY, directory(true, false)));
        server.on("POST", "/updates/costs", Answer.of(400, MediaTypes.ERROR,
                "{\"meta\": {\"code\": \"E_INVALID_FIELD_VALUE\", \"field\": \"add/r0/resource-id\", \"value\": \"my-network-map\"}}"));

        client().subscribe(List.of(NM), recorder);

        assertThat(recorder.next()).isInstanceOfSatisfying(Recorder.Stopped.class,
                s -> assertThat(s.reason()).contains("HTTP 400").contains("E_INVALID_FIELD_VALUE"));
        assertThat(scheduler.pendingCount()).isZero();
    }

    @Test
    void backoffDoublesWhileConnectionsFailAndAServerErrorIsRetried() throws Exception {
        server.on("GET", "/directory", Answer.of(200, MediaTypes.DIRECTORY, directory(true, false)));
        server.on("POST", "/updates/costs", Answer.of(503, "text/plain", "busy"), Answer.of(503, "text/plain", "busy"));

        client().subscribe(List.of(NM), recorder);

        assertThat(recorder.next()).isInstanceOfSatisfying(Recorder.Interrupted.class,
                i -> assertThat(i.reason()).contains("HTTP 503"));
        assertThat(scheduler.advance(Duration.ofMillis(499))).isZero();
        assertThat(scheduler.advance(Duration.ofMillis(501))).isEqualTo(1);
        assertThat(recorder.next()).isInstanceOf(Recorder.Interrupted.class);
        // the second failure in a row waits between 1 and 2 s
        assertThat(scheduler.advance(Duration.ofMillis(999))).isZero();
        assertThat(scheduler.advance(Duration.ofMillis(1001))).isEqualTo(1);
    }

    @Test
    void tipsWalksTheUpdatesGraphAndOpensANewViewWithItsTagWhenTheViewCloses() throws Exception {
        server.on("GET", "/directory", Answer.of(200, MediaTypes.DIRECTORY, directory(false, true)));
        server.on("POST", "/updates-new/costs",
                Answer.of(200, "application/alto-tips+json", """
                        {"tips-view-uri": "/tips/2718281828", "tips-view-summary": {"updates-graph-summary":
                          {"start-seq": 101, "end-seq": 101, "start-edge-rec": {"seq-i": 0, "seq-j": 101}}}}"""),
                Answer.of(200, "application/alto-tips+json", """
                        {"tips-view-uri": "/tips/3141592653", "tips-view-summary": {"updates-graph-summary":
                          {"start-seq": 101, "end-seq": 102, "start-edge-rec": {"seq-i": 102, "seq-j": 103}}}}"""));
        server.on("GET", "/tips/2718281828/ug/0/101", Answer.of(200, MediaTypes.NETWORK_MAP, networkMap("t101", "198.51.100.128/25")));
        server.on("GET", "/tips/2718281828/ug/101/102", Answer.of(200, "application/merge-patch+json",
                "{\"meta\": {\"vtag\": {\"tag\": \"t102\"}}, \"network-map\": {\"PID3\": {\"ipv4\": [\"203.0.113.0/24\"]}}}"));
        server.on("GET", "/tips/2718281828/ug/102/103", Answer.of(404, MediaTypes.ERROR, "{\"meta\": {\"code\": \"E_INVALID_FIELD_VALUE\"}}"));
        server.on("POST", "/tips/2718281828/ug", Answer.of(404, MediaTypes.ERROR, "{\"meta\": {\"code\": \"E_INVALID_FIELD_VALUE\"}}"));
        server.on("GET", "/tips/3141592653/ug/102/103", Answer.of(200, "application/json-patch+json",
                "[{\"op\": \"replace\", \"path\": \"/meta/vtag/tag\", \"value\": \"t103\"}, {\"op\": \"remove\", \"path\": \"/network-map/PID3\"}]"));
        server.on("GET", "/tips/3141592653/ug/103/104", new Answer(200, MediaTypes.NETWORK_MAP, "", true));

        Subscription subscription = client().subscribe(List.of(NM), Optional.of(UpdateService.TIPS), recorder);

        assertThat(subscription.service()).isEqualTo(UpdateService.TIPS);
        assertThat(json(nextRequest("/updates-new/costs").body())).isEqualTo(json("{\"resource-id\": \"my-network-map\"}"));
        assertThat(recorder.nextUpdate().tag()).contains("t101");
        ResourceUpdate added = recorder.nextUpdate();
        assertThat(added.networkMap().pids()).containsKey("PID3");
        assertThat(json(nextRequest("/tips/2718281828/ug").body())).as("is the view still open? (RFC 9569 7.4)")
                .isEqualTo(json("{\"resource-id\": \"my-network-map\", \"tag\": \"t102\"}"));
        assertThat(recorder.next()).isInstanceOfSatisfying(Recorder.Interrupted.class,
                i -> assertThat(i.reason()).contains("HTTP 404").contains("102->103"));

        scheduler.advance(Duration.ofSeconds(1));

        assertThat(json(nextRequest("/updates-new/costs").body())).isEqualTo(json("{\"resource-id\": \"my-network-map\", \"tag\": \"t102\"}"));
        ResourceUpdate removed = recorder.nextUpdate();
        assertThat(removed.kind()).isEqualTo(UpdateKind.JSON_PATCH);
        assertThat(json(removed.json())).isEqualTo(json(networkMap("t103", "198.51.100.128/25")));
        nextRequest("/tips/3141592653/ug/103/104"); // the long poll for the next edge is out
        assertThat(subscription.isLive()).isTrue();
    }

    @Test
    void tipsPollsTheNextEdgeAgainWhenTheServerStoppedWaitingOnAnOpenView() throws Exception {
        server.on("GET", "/directory", Answer.of(200, MediaTypes.DIRECTORY, directory(false, true)));
        server.on("POST", "/updates-new/costs", Answer.of(200, "application/alto-tips+json", """
                {"tips-view-uri": "/tips/2718281828", "tips-view-summary": {"updates-graph-summary":
                  {"start-seq": 101, "end-seq": 101, "start-edge-rec": {"seq-i": 0, "seq-j": 101}}}}"""));
        server.on("GET", "/tips/2718281828/ug/0/101", Answer.of(200, MediaTypes.NETWORK_MAP, networkMap("t101", "198.51.100.128/25")));
        server.on("GET", "/tips/2718281828/ug/101/102",
                Answer.of(404, MediaTypes.ERROR, "{\"meta\": {\"code\": \"E_INVALID_FIELD_VALUE\", \"field\": \"seq-j\"}}"),
                Answer.of(200, "application/merge-patch+json",
                        "{\"meta\": {\"vtag\": {\"tag\": \"t102\"}}, \"network-map\": {\"PID3\": {\"ipv4\": [\"203.0.113.0/24\"]}}}"));
        server.on("POST", "/tips/2718281828/ug", Answer.of(200, "application/merge-patch+json", """
                {"tips-view-summary": {"updates-graph-summary":
                  {"start-seq": 101, "end-seq": 101, "start-edge-rec": {"seq-i": 101, "seq-j": 102}}}}"""));
        server.on("GET", "/tips/2718281828/ug/102/103", new Answer(200, MediaTypes.NETWORK_MAP, "", true));

        Subscription subscription = client().subscribe(List.of(NM), Optional.of(UpdateService.TIPS), recorder);

        assertThat(recorder.nextUpdate().tag()).contains("t101");
        nextRequest("/tips/2718281828/ug/101/102");
        assertThat(json(nextRequest("/tips/2718281828/ug").body())).isEqualTo(json("{\"resource-id\": \"my-network-map\", \"tag\": \"t101\"}"));
        nextRequest("/tips/2718281828/ug/101/102"); // the same edge again, no new view
        assertThat(recorder.nextUpdate().networkMap().pids()).containsKey("PID3");
        nextRequest("/tips/2718281828/ug/102/103");
        assertThat(server.requests.stream().map(ScriptedServer.Request::path)).doesNotContain("/updates-new/costs");
        assertThat(subscription.isLive()).isTrue();
    }

    @Test
    void withoutAnUpdateServiceTheDirectorySaysSoAndACallerCanPoll() throws Exception {
        server.on("GET", "/directory", Answer.of(200, MediaTypes.DIRECTORY, directory(false, false)));
        AltoClient alto = client();

        assertThat(alto.updateService(List.of(alto.networkMapId(), alto.costMapId(new CostType("routingcost", CostMode.NUMERICAL)))))
                .isEmpty();
        assertThatThrownBy(() -> alto.subscribe(List.of(NM), recorder)).isInstanceOf(AltoResourceNotOfferedException.class)
                .hasMessageContaining("no update service for [my-network-map]");
        assertThatThrownBy(() -> alto.subscribe(List.of("nonexistent"), recorder)).isInstanceOf(AltoResourceNotOfferedException.class)
                .hasMessageContaining("no full resource nonexistent");
    }
}
