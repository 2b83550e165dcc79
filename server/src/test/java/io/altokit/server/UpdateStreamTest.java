package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.Snapshot;
import io.altokit.model.MediaTypes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8895 over HTTP, section by section, read by an SSE client we did not write (OkHttp's
 * EventSource): the directory entry (6.3), stream parameters (6.5), the control event first and
 * full updates then merge or JSON patches (5, 6.7), dependent resources in order, stream control add/remove
 * with started/stopped (7), substreams stopped with a reason when their resource goes (5.3), errors, and
 * a clean end when the server stops.
 */
class UpdateStreamTest {
    private static final String STREAM = UpdateStreamResource.PATH;
    private static final String NM = ServerConfig.DEFAULT_NETWORK_MAP_ID;

    private ServerFixture fixture;
    private OkHttpClient http;
    private final List<EventSource> sources = new ArrayList<>();

    /** One event as the client library parsed it; {@code null} type and data when the stream ended. */
    record Event(String type, String data) {
        static final Event END = new Event(null, null);

        JsonObject json() {
            try (var reader = Json.createReader(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)))) {
                return reader.readObject();
            }
        }

        /** This patch (merge or JSON patch, by its type) applied with Parsson. */
        JsonObject applyTo(JsonObject held) {
            if (type.startsWith(MediaTypes.JSON_PATCH + ",")) {
                try (var reader = Json.createReader(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)))) {
                    return Json.createPatch(reader.readArray()).apply(held);
                }
            }
            assertThat(type).startsWith(MediaTypes.MERGE_PATCH + ",");
            return Json.createMergePatch(json()).apply(held).asJsonObject();
        }
    }

    @BeforeEach
    void start() throws InterruptedException {
        fixture = new ServerFixture();
        http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void stop() {
        sources.forEach(EventSource::cancel);
        fixture.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void directoryOffersTheUpdateStreamForEveryMapAndInputService() throws Exception {
        JsonNode entry = ServerFixture.json(fixture.get("/directory")).path("resources").path("update-stream");
        assertThat(entry.path("uri").asText()).isEqualTo(STREAM);
        assertThat(entry.path("media-type").asText()).isEqualTo("text/event-stream");
        assertThat(entry.path("accepts").asText()).isEqualTo("application/alto-updatestreamparams+json");
        List<String> uses = new ArrayList<>();
        entry.path("uses").forEach(use -> uses.add(use.asText()));
        assertThat(uses).contains(NM, "costmap-num-routingcost", "costmap-ord-hopcount", "filtered-cost-map", "endpoint-cost");
        JsonNode patchTypes = entry.path("capabilities").path("incremental-change-media-types");
        for (String resource : uses) {
            assertThat(patchTypes.path(resource).asText()).as(resource)
                    .isEqualTo("application/merge-patch+json,application/json-patch+json");
        }
    }

    @Test
    void controlEventThenFullMapsThenPatchesInDependencyOrder() throws Exception {
        BlockingQueue<Event> events = open(null, "{'add':{'rc':{'resource-id':'costmap-num-routingcost'},'nm':{'resource-id':'" + NM + "'}}}");
        Event control = next(events);
        assertThat(control.type()).isEqualTo(MediaTypes.UPDATE_STREAM_CONTROL);
        assertThat(control.json().getString("control-uri")).matches("/updates/control/[0-9a-f]{32}");
        Event networkMap = next(events);
        assertThat(networkMap.type()).as("the network map comes before the cost map that depends on it")
                .isEqualTo("application/alto-networkmap+json,nm");
        Event costMap = next(events);
        assertThat(costMap.type()).isEqualTo("application/alto-costmap+json,rc");
        JsonObject heldNetworkMap = networkMap.json();
        JsonObject heldCostMap = costMap.json();

        // One changed cost: a patch of that cell, nothing for the network map. The JSON patch is the
        // smaller (the merge patch would carry the dependent vtag too).
        fixture.informationBase.publish(TestNetwork.snapshot().toBuilder().cost("routingcost", "a", "b", 7).build());
        Event patch = next(events);
        assertThat(patch.type()).isEqualTo("application/json-patch+json,rc");
        assertThat(patch.data()).isEqualTo("[{\"op\":\"replace\",\"path\":\"/cost-map/a/b\",\"value\":7}]");
        heldCostMap = patch.applyTo(heldCostMap);
        assertThat(heldCostMap).isEqualTo(fresh("/costmap/num-routingcost"));

        // A new PID: the network map's patch first, then the cost map's.
        Snapshot grown = TestNetwork.builder().pid("d", List.of(io.altokit.core.IpPrefix.parse("10.9.0.0/16")))
                .cost("routingcost", "d", "a", 3).build();
        fixture.informationBase.publish(grown);
        Event first = next(events);
        Event second = next(events);
        assertThat(first.type()).matches("application/(merge|json)-patch\\+json,nm");
        assertThat(second.type()).matches("application/(merge|json)-patch\\+json,rc");
        heldNetworkMap = first.applyTo(heldNetworkMap);
        heldCostMap = second.applyTo(heldCostMap);
        assertThat(heldNetworkMap).isEqualTo(fresh("/networkmap"));
        assertThat(heldCostMap).isEqualTo(fresh("/costmap/num-routingcost"));
    }

    @Test
    void aCurrentTagSkipsTheFullUpdateAndNoIncrementalChangesMeansFullUpdates() throws Exception {
        String vtag = ServerFixture.json(fixture.get("/networkmap")).path("meta").path("vtag").path("tag").asText();
        BlockingQueue<Event> events = open(null, "{'add':{'nm':{'resource-id':'" + NM + "','tag':'" + vtag + "'},"
                + "'hc':{'resource-id':'costmap-num-hopcount','incremental-changes':false}}}");
        assertThat(next(events).type()).isEqualTo(MediaTypes.UPDATE_STREAM_CONTROL);
        assertThat(next(events).type()).as("no network map: the client holds it").isEqualTo("application/alto-costmap+json,hc");
        fixture.informationBase.publish(TestNetwork.snapshot().toBuilder().cost("hopcount", "a", "b", 9).build());
        Event update = next(events);
        assertThat(update.type()).as("a full map, as asked").isEqualTo("application/alto-costmap+json,hc");
        assertThat(update.json()).isEqualTo(fresh("/costmap/num-hopcount"));
    }

    @Test
    void aCostMapsCurrentETagSkipsItsFullUpdate() throws Exception {
        String etag = fixture.get("/costmap/num-routingcost").headers().firstValue("ETag").orElseThrow().replace("\"", "");
        BlockingQueue<Event> events = open(null, "{'add':{'rc':{'resource-id':'costmap-num-routingcost','tag':'" + etag + "'},"
                + "'stale':{'resource-id':'costmap-num-routingcost','tag':'not-" + etag + "'}}}");
        assertThat(next(events).type()).isEqualTo(MediaTypes.UPDATE_STREAM_CONTROL);
        Event full = next(events);
        assertThat(full.type()).as("only the substream with an old tag gets the map").isEqualTo("application/alto-costmap+json,stale");
        fixture.informationBase.publish(TestNetwork.snapshot().toBuilder().cost("routingcost", "a", "b", 9).build());
        List<Event> updates = List.of(next(events), next(events));
        Event patch = updates.stream().filter(update -> update.type().endsWith(",rc")).findFirst().orElseThrow();
        assertThat(patch.applyTo(full.json())).isEqualTo(fresh("/costmap/num-routingcost"));
    }

    @Test
    void streamControlAddsAndRemovesSubstreams() throws Exception {
        BlockingQueue<Event> events = open("Bearer owner", "{'add':{'nm':{'resource-id':'" + NM + "'}}}");
        String controlUri = next(events).json().getString("control-uri");
        next(events);
        HttpResponse<byte[]> added = control(controlUri, "Bearer owner", "{'add':{'fc':{'resource-id':'filtered-cost-map',"
                + "'input':{'cost-type':{'cost-mode':'numerical','cost-metric':'routingcost'},'pids':{'srcs':['a'],'dsts':['b','c']}}}}}");
        assertThat(added.statusCode()).isEqualTo(204);
        Event started = next(events);
        assertThat(started.type()).isEqualTo(MediaTypes.UPDATE_STREAM_CONTROL);
        assertThat(started.json().getJsonArray("started").getString(0)).isEqualTo("fc");
        Event answer = next(events);
        assertThat(answer.type()).isEqualTo("application/alto-costmap+json,fc");
        assertThat(answer.data()).contains("\"cost-map\":{\"a\":{\"b\":5,\"c\":10}}");

        fixture.informationBase.publish(TestNetwork.snapshot().toBuilder().cost("routingcost", "a", "c", 2).build());
        Event patch = next(events);
        assertThat(patch.type()).as("only the filtered map changed").isEqualTo("application/merge-patch+json,fc");
        assertThat(Json.createMergePatch(patch.json()).apply(answer.json()).asJsonObject().getJsonObject("cost-map").toString())
                .isEqualTo("{\"a\":{\"b\":5,\"c\":2}}");

        assertThat(control(controlUri, "Bearer owner", "{'remove':['fc']}").statusCode()).isEqualTo(204);
        Event stopped = next(events);
        assertThat(stopped.json().getJsonArray("stopped").getString(0)).isEqualTo("fc");

        assertThat(control(controlUri, "Bearer someone-else", "{'remove':['nm']}").statusCode())
                .as("another caller cannot use the control URI").isEqualTo(404);
        assertError(control(controlUri, "Bearer owner", "{'add':{'nm':{'resource-id':'" + NM + "'}}}"), 400,
                "E_INVALID_FIELD_VALUE", "add");
        assertError(control(controlUri, "Bearer owner", "{'remove':['nope']}"), 400, "E_INVALID_FIELD_VALUE", "remove");
        assertThat(control("/updates/control/00000000000000000000000000000000", "Bearer owner", "{'remove':['nm']}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aResourceNoLongerOfferedIsStoppedWithAReasonWhileTheOthersGoOn() throws Exception {
        BlockingQueue<Event> events = open(null, "{'add':{'nm':{'resource-id':'" + NM + "'},"
                + "'hc':{'resource-id':'costmap-num-hopcount'},'ec':{'resource-id':'endpoint-cost','input':"
                + "{'cost-type':{'cost-mode':'numerical','cost-metric':'hopcount'},'endpoints':{'srcs':['ipv4:10.1.0.1'],"
                + "'dsts':['ipv4:10.2.0.1']}}}}}");
        assertThat(next(events).type()).isEqualTo(MediaTypes.UPDATE_STREAM_CONTROL);
        for (String clientId : List.of("nm", "hc", "ec")) {
            assertThat(next(events).type()).endsWith("," + clientId);
        }

        // The hopcount metric goes: its cost map is no longer offered, the endpoint cost input names it.
        Snapshot.Builder withoutHopcount = Snapshot.builder().defaultPid("external")
                .pid("a", List.of(io.altokit.core.IpPrefix.parse("10.1.0.0/16"), io.altokit.core.IpPrefix.parse("2001:db8:1::/48")))
                .pid("b", List.of(io.altokit.core.IpPrefix.parse("10.2.0.0/16")))
                .pid("c", List.of(io.altokit.core.IpPrefix.parse("10.2.5.0/24"), io.altokit.core.IpPrefix.parse("2001:db8:2::/48")));
        fixture.informationBase.publish(withoutHopcount.cost("routingcost", "a", "b", 5).build());
        Map<String, String> reasons = new TreeMap<>();
        for (int i = 0; i < 2; i++) {
            Event stop = next(events);
            assertThat(stop.type()).isEqualTo(MediaTypes.UPDATE_STREAM_CONTROL);
            reasons.put(stop.json().getJsonArray("stopped").getString(0), stop.json().getString("description"));
        }
        assertThat(reasons.get("hc")).isEqualTo("resource costmap-num-hopcount is no longer offered");
        assertThat(reasons.get("ec")).startsWith("its input is no longer valid: ");
        fixture.informationBase.publish(withoutHopcount.pid("d", List.of(io.altokit.core.IpPrefix.parse("10.9.0.0/16"))).build());
        assertThat(next(events).type()).as("the network map's substream goes on").endsWith("-patch+json,nm");
    }

    @Test
    void badStreamParametersGetTheErrorObject() throws Exception {
        assertError(post("{'add':"), 400, "E_SYNTAX", null);
        assertError(post("{}"), 400, "E_MISSING_FIELD", "add");
        assertError(post("{'add':{'x':{'resource-id':'no-such-map'}}}"), 400, "E_INVALID_FIELD_VALUE", "add/x/resource-id");
        assertError(post("{'add':{'bad id!':{'resource-id':'" + NM + "'}}}"), 400, "E_INVALID_FIELD_VALUE", "add");
        assertError(post("{'add':{'x':{'resource-id':'" + NM + "'},'x':{'resource-id':'" + NM + "'}}}"), 400, "E_SYNTAX", null);
        assertError(post("{'add':{'x':{'resource-id':'filtered-cost-map'}}}"), 400, "E_MISSING_FIELD", "add/x/input");
        assertError(post("{'add':{'x':{'resource-id':'" + NM + "','incremental-changes':'yes'}}}"), 400,
                "E_INVALID_FIELD_TYPE", "add/x/incremental-changes");
    }

    @Test
    void stoppingTheServerEndsStreamsWithAReason() throws Exception {
        BlockingQueue<Event> events = open(null, "{'add':{'nm':{'resource-id':'" + NM + "'}}}");
        next(events);
        next(events);
        fixture.close();
        Event stopped = next(events);
        assertThat(stopped.json().getString("description")).contains("shutting down");
        assertThat(next(events)).isEqualTo(Event.END);
    }

    @Test
    void curlReadsTheStream() throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "-N", "-X", "POST", "-H", "Content-Type: " + MediaTypes.UPDATE_STREAM_PARAMS,
                "--data", "{\"add\":{\"nm\":{\"resource-id\":\"" + NM + "\"}}}", fixture.uri(STREAM).toString())
                .redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(curl.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("event: " + MediaTypes.UPDATE_STREAM_CONTROL);
            assertThat(lines.readLine()).startsWith("data: {\"control-uri\":\"/updates/control/");
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isEqualTo("event: application/alto-networkmap+json,nm");
            assertThat(lines.readLine()).startsWith("data: {\"meta\":{\"vtag\":");
            assertThat(lines.readLine()).isEmpty();
            fixture.close();
            List<String> rest = new ArrayList<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                rest.add(line);
            }
            assertThat(rest).as("the stream ends with a reason, and curl with success")
                    .contains("event: " + MediaTypes.UPDATE_STREAM_CONTROL).anyMatch(line -> line.contains("shutting down"));
        } finally {
            curl.destroy();
        }
        assertThat(curl.waitFor()).isZero();
    }

    private JsonObject fresh(String path) throws IOException, InterruptedException {
        return new Event("", new String(fixture.get(path).body(), StandardCharsets.UTF_8)).json();
    }

    private HttpResponse<byte[]> post(String params) throws IOException, InterruptedException {
        return fixture.post(STREAM, MediaTypes.UPDATE_STREAM_PARAMS, params);
    }

    private HttpResponse<byte[]> control(String uri, String authorization, String params) throws IOException, InterruptedException {
        return fixture.send(HttpRequest.newBuilder(fixture.uri(uri)).header("Content-Type", MediaTypes.UPDATE_STREAM_PARAMS)
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(params.replace('\'', '"'))));
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String code, String field) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(MediaTypes.ERROR);
        JsonNode meta = ServerFixture.json(response).path("meta");
        assertThat(meta.path("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(meta.path("field").asText()).isEqualTo(field);
        }
    }

    private BlockingQueue<Event> open(String authorization, String params) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Request.Builder request = new Request.Builder().url(fixture.uri(STREAM).toString())
                .post(RequestBody.create(params.replace('\'', '"'), MediaType.get(MediaTypes.UPDATE_STREAM_PARAMS)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        sources.add(EventSources.createFactory(http).newEventSource(request.build(), new EventSourceListener() {
            @Override
            public void onEvent(EventSource source, String id, String type, String data) {
                events.add(new Event(type, data));
            }

            @Override
            public void onClosed(EventSource source) {
                events.add(Event.END);
            }

            @Override
            public void onFailure(EventSource source, Throwable failure, Response response) {
                events.add(Event.END);
            }
        }));
        return events;
    }

    private static Event next(BlockingQueue<Event> events) throws InterruptedException {
        Event event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }
}
