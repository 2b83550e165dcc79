package io.altokit.server;

import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.model.MediaTypes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8895 sections 6.3 and 6.7 over HTTP: a client that applies every update it receives, with an
 * SSE library and a JSON patch / merge patch implementation we did not write (OkHttp, Parsson), holds
 * after every publication exactly what a fresh request answers, for every kind of streamable resource,
 * over a randomized sequence of 200 network changes (prefixes moved, added, withdrawn; PIDs coming and
 * going; costs changed, added, removed). The server chose each update's encoding by size, so the
 * sequence must have used merge patches, JSON patches and full replacements alike.
 */
class UpdateStreamPatchesTest {
    private static final String NM = ServerConfig.DEFAULT_NETWORK_MAP_ID;
    private static final String FILTERED_INPUT = "{\"cost-type\":{\"cost-mode\":\"numerical\",\"cost-metric\":\"routingcost\"},"
            + "\"pids\":{\"srcs\":[\"p0\",\"p1\"],\"dsts\":[\"p0\",\"p1\",\"p2\"]}}";
    private static final String ENDPOINT_INPUT = "{\"cost-type\":{\"cost-mode\":\"ordinal\",\"cost-metric\":\"hopcount\"},"
            + "\"endpoints\":{\"srcs\":[\"ipv4:10.0.1.1\",\"ipv4:10.0.2.1\"],\"dsts\":[\"ipv4:10.0.3.1\",\"ipv4:10.0.9.1\",\"ipv6:2001:db8:4::1\"]}}";

    private final Random random = new Random(20261203);
    private final Model model = new Model();
    private ServerFixture fixture;
    private OkHttpClient http;
    private EventSource source;

    /** Where each followed resource is fetched fresh: GET for a full map, POST with the input otherwise. */
    private record Followed(String path, String input, String inputType) {
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.cancel();
        }
        if (fixture != null) {
            fixture.close();
        }
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    @Test
    void everyUpdateAppliedEqualsAFreshAnswerOverRandomChanges() throws Exception {
        fixture = new ServerFixture(ServerConfig.defaults().withPort(0), model.snapshot());
        http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();
        Map<String, Followed> followed = new LinkedHashMap<>();
        followed.put("nm", new Followed("/networkmap", null, null));
        followed.put("rc", new Followed("/costmap/num-routingcost", null, null));
        followed.put("oh", new Followed("/costmap/ord-hopcount", null, null));
        followed.put("fc", new Followed("/costmap/filtered", FILTERED_INPUT, MediaTypes.COST_MAP_FILTER));
        followed.put("ec", new Followed("/endpointcost/lookup", ENDPOINT_INPUT, MediaTypes.ENDPOINT_COST_PARAMS));
        BlockingQueue<String[]> events = open("{\"add\":{"
                + "\"nm\":{\"resource-id\":\"" + NM + "\"},"
                + "\"rc\":{\"resource-id\":\"costmap-num-routingcost\"},"
                + "\"oh\":{\"resource-id\":\"costmap-ord-hopcount\"},"
                + "\"fc\":{\"resource-id\":\"filtered-cost-map\",\"input\":" + FILTERED_INPUT + "},"
                + "\"ec\":{\"resource-id\":\"endpoint-cost\",\"input\":" + ENDPOINT_INPUT + "}}}");
        assertThat(next(events)[0]).isEqualTo(MediaTypes.UPDATE_STREAM_CONTROL);

        Map<String, JsonObject> held = new HashMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (int round = 0; round <= 200; round++) {
            if (round > 0) {
                model.change(random);
                fixture.informationBase.publish(model.snapshot());
            }
            Map<String, JsonObject> fresh = new HashMap<>();
            for (Map.Entry<String, Followed> resource : followed.entrySet()) {
                fresh.put(resource.getKey(), fresh(resource.getValue()));
            }
            while (!held.equals(fresh)) {
                String[] event = next(events);
                assertThat(event[0]).as("round %d: an update, not a control event %s", round, event[1])
                        .isNotEqualTo(MediaTypes.UPDATE_STREAM_CONTROL);
                String mediaType = event[0].substring(0, event[0].indexOf(','));
                String clientId = event[0].substring(event[0].indexOf(',') + 1);
                held.put(clientId, apply(held.get(clientId), mediaType, event[1]));
                kinds.merge(kindOf(mediaType) + " " + clientId, 1, Integer::sum);
            }
        }
        assertThat(kinds).as("updates by kind and substream: %s", kinds)
                .containsKeys("json-patch nm", "json-patch rc", "json-patch oh", "json-patch fc",
                        "merge-patch rc", "merge-patch ec");
    }

    private static String kindOf(String mediaType) {
        return switch (mediaType) {
            case MediaTypes.MERGE_PATCH -> "merge-patch";
            case MediaTypes.JSON_PATCH -> "json-patch";
            default -> "full";
        };
    }

    /** The update applied by Parsson (RFC 7396, RFC 6902), or the full replacement. */
    private static JsonObject apply(JsonObject held, String mediaType, String data) {
        return switch (mediaType) {
            case MediaTypes.MERGE_PATCH -> Json.createMergePatch(read(data)).apply(held).asJsonObject();
            case MediaTypes.JSON_PATCH -> Json.createPatch(read(data).asJsonArray()).apply((JsonStructure) held).asJsonObject();
            default -> read(data).asJsonObject();
        };
    }

    private JsonObject fresh(Followed resource) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = resource.input() == null ? fixture.get(resource.path())
                : fixture.post(resource.path(), resource.inputType(), resource.input());
        assertThat(response.statusCode()).as(resource.path()).isEqualTo(200);
        return read(new String(response.body(), StandardCharsets.UTF_8)).asJsonObject();
    }

    private static jakarta.json.JsonValue read(String json) {
        try (var reader = Json.createReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
            return reader.readValue();
        }
    }

    /** Events as {type, data}. */
    private BlockingQueue<String[]> open(String params) {
        BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        Request request = new Request.Builder().url(fixture.uri(UpdateStreamResource.PATH).toString())
                .post(RequestBody.create(params, MediaType.get(MediaTypes.UPDATE_STREAM_PARAMS))).build();
        source = EventSources.createFactory(http).newEventSource(request, new EventSourceListener() {
            @Override
            public void onEvent(EventSource source, String id, String type, String data) {
                events.add(new String[] {type, data});
            }

            @Override
            public void onFailure(EventSource source, Throwable failure, Response response) {
                events.add(new String[] {"<failed>", String.valueOf(failure)});
            }
        });
        return events;
    }

    private static String[] next(BlockingQueue<String[]> events) throws InterruptedException {
        String[] event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        assertThat(event[0]).as("the stream goes on: %s", event[1]).isNotEqualTo("<failed>");
        return event;
    }

    /**
     * A network as the test changes it: PIDs p0..p7 sharing IPv4 /24s and IPv6 /48s, and two metrics
     * with some costs missing. p0..p2 always exist (the inputs name them); p3..p7 come and go.
     */
    private static final class Model {
        private final Map<String, String> owners = new TreeMap<>();
        private final Map<String, Map<List<String>, Double>> costs = new TreeMap<>();
        private final List<String> pids = new ArrayList<>(List.of("p0", "p1", "p2", "p3", "p4", "p5"));

        Model() {
            Random start = new Random(1);
            for (int block = 0; block < 48; block++) {
                owners.put("10.0." + block + ".0/24", pids.get(start.nextInt(pids.size())));
            }
            for (int block = 0; block < 8; block++) {
                owners.put("2001:db8:" + block + "::/48", pids.get(start.nextInt(pids.size())));
            }
            for (String metric : List.of("routingcost", "hopcount")) {
                Map<List<String>, Double> cells = new HashMap<>();
                for (String src : pids) {
                    for (String dst : pids) {
                        cells.put(List.of(src, dst), (double) start.nextInt(20));
                    }
                }
                costs.put(metric, cells);
            }
        }

        /** One random change, of the kinds BGP and file reloads make. */
        void change(Random random) {
            List<String> prefixes = List.copyOf(owners.keySet());
            String prefix = prefixes.get(random.nextInt(prefixes.size()));
            switch (random.nextInt(8)) {
                case 0, 1 -> owners.put(prefix, pid(random)); // a prefix moves
                case 2 -> owners.remove(prefix); // withdrawn
                case 3 -> owners.put("10.0." + (48 + random.nextInt(16)) + ".0/24", pid(random)); // announced
                case 4 -> { // a PID comes or goes
                    String other = "p" + (3 + random.nextInt(5));
                    if (pids.contains(other)) {
                        pids.remove(other);
                        owners.values().removeIf(other::equals);
                    } else {
                        pids.add(other);
                        owners.put("10.1." + random.nextInt(32) + ".0/24", other);
                    }
                }
                default -> { // one to three costs change, appear or go
                    int count = 1 + random.nextInt(3);
                    for (int i = 0; i < count; i++) {
                        Map<List<String>, Double> cells = costs.get(random.nextBoolean() ? "routingcost" : "hopcount");
                        List<String> cell = List.of(pid(random), pid(random));
                        if (random.nextInt(4) == 0) {
                            cells.remove(cell);
                        } else {
                            cells.put(cell, random.nextBoolean() ? random.nextInt(20) : random.nextInt(2000) / 8.0);
                        }
                    }
                }
            }
        }

        private String pid(Random random) {
            return pids.get(random.nextInt(pids.size()));
        }

        Snapshot snapshot() {
            Snapshot.Builder builder = Snapshot.builder();
            pids.forEach(pid -> builder.pid(pid, List.of()));
            owners.forEach((prefix, pid) -> builder.pid(pid, List.of(IpPrefix.parse(prefix))));
            costs.forEach((metric, cells) -> cells.forEach((cell, cost) -> {
                if (pids.contains(cell.get(0)) && pids.contains(cell.get(1))) {
                    builder.cost(metric, cell.get(0), cell.get(1), cost);
                }
            }));
            return builder.build();
        }
    }
}
