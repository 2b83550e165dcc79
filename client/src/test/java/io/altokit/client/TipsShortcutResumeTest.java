package io.altokit.client;

import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.core.time.ManualScheduler;
import io.altokit.core.time.ManualTicker;
import io.altokit.server.protection.Protection;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9569 section 8.3 over HTTP with the client's own TIPS code: a client that held version 1 of
 * the network map loses its connection (a relay in front of the real server is taken down) while
 * three versions are published; back, it opens the view again with its tag, is recommended the
 * shortcut edge 1 -> 4, fetches it alone (one merge patch for three versions), and then holds what a
 * fresh GET returns.
 */
class TipsShortcutResumeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InProcessServer server;
    private final CuttableRelay relay;
    private final ManualScheduler scheduler = new ManualScheduler(new ManualTicker());
    private final AltoClient client;
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<ResourceUpdate> updates = new LinkedBlockingQueue<>();

    TipsShortcutResumeTest() throws Exception {
        server = new InProcessServer(version(1), Protection.none());
        relay = new CuttableRelay(server.server.address());
        client = AltoClient.builder(relay.through(server.directoryUri())).scheduler(scheduler).build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        http.close();
        relay.close();
        server.close();
    }

    /** Version {@code n}: PID a gains one /16 per version after the first, PID b stays. */
    private static Snapshot version(int n) {
        List<IpPrefix> a = new ArrayList<>(List.of(IpPrefix.parse("10.1.0.0/16")));
        for (int k = 2; k <= n; k++) {
            a.add(IpPrefix.parse("10." + (100 + k) + ".0.0/16"));
        }
        return Snapshot.builder().defaultPid("external").pid("a", a).pid("b", List.of(IpPrefix.parse("10.2.0.0/16")))
                .cost("routingcost", "a", "b", 5).cost("routingcost", "b", "a", 5).build();
    }

    @Test
    void aClientBackThreeVersionsBehindTakesTheShortcutEdgeAndHoldsWhatAFreshGetReturns() throws Exception {
        String networkMap = client.networkMapId();
        try (Subscription subscription = client.subscribe(List.of(networkMap), Optional.of(UpdateService.TIPS), updates::add)) {
            ResourceUpdate first = next();
            assertThat(first.kind()).isEqualTo(UpdateKind.FULL);
            String viewEdges = awaitLongPoll("/ug/1/2");

            relay.down(); // the long poll on 1 -> 2 fails; the client waits for its backoff on the manual scheduler
            await(() -> scheduler.pendingCount() > 0, "the client scheduled its resubscription");
            for (int n = 2; n <= 4; n++) {
                server.informationBase.publish(version(n));
            }
            relay.up();

            ResourceUpdate resumed = resubscribed();
            assertThat(resumed.kind()).as("one merge patch for three versions").isEqualTo(UpdateKind.MERGE_PATCH);
            assertThat(json(resumed.json())).as("the map after the shortcut equals a fresh GET").isEqualTo(fresh(networkMap));
            String vtag = fresh(networkMap).asJsonObject().getJsonObject("meta").getJsonObject("vtag").getString("tag");
            assertThat(subscription.current(networkMap).orElseThrow().tag()).contains(vtag);
            List<String> edges = relay.requestLines().stream().filter(line -> line.startsWith("GET " + viewEdges)).toList();
            assertThat(edges).as("the snapshot, the cut long poll, the shortcut, then the next long poll")
                    .startsWith("GET " + viewEdges + "/ug/0/1 HTTP/1.1", "GET " + viewEdges + "/ug/1/2 HTTP/1.1",
                            "GET " + viewEdges + "/ug/1/4 HTTP/1.1")
                    .doesNotContain("GET " + viewEdges + "/ug/2/3 HTTP/1.1", "GET " + viewEdges + "/ug/0/4 HTTP/1.1");
            assertThat(updates).as("no other update came").isEmpty();
        }
    }

    /** Waits until the client sent the long poll ending in {@code edge}; the view's path. */
    private String awaitLongPoll(String edge) {
        await(() -> relay.requestLines().stream().anyMatch(line -> line.endsWith(edge + " HTTP/1.1")), "the long poll on " + edge);
        String line = relay.requestLines().stream().filter(request -> request.endsWith(edge + " HTTP/1.1")).findFirst().orElseThrow();
        return line.substring("GET ".length(), line.length() - (edge + " HTTP/1.1").length());
    }

    /**
     * Runs the client's due resubscriptions until an update comes: a first attempt may still meet a
     * pooled connection the outage closed, and then waits for another backoff.
     */
    private ResourceUpdate resubscribed() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            scheduler.advance(Duration.ofMinutes(1));
            ResourceUpdate update = updates.poll(100, TimeUnit.MILLISECONDS);
            if (update != null) {
                return update;
            }
            assertThat(System.nanoTime() - deadline).as("an update within " + WAIT + " of the relay being up").isNegative();
        }
    }

    private ResourceUpdate next() throws InterruptedException {
        ResourceUpdate update = updates.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(update).as("an update within " + WAIT).isNotNull();
        return update;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what + " within " + WAIT).isNegative();
            Thread.onSpinWait();
        }
    }

    private JsonValue fresh(String resourceId) throws Exception {
        URI uri = server.directoryUri().resolve(client.directory().resources().get(resourceId).uri());
        return json(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }
}
