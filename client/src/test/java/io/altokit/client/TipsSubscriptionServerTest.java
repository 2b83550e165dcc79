package io.altokit.client;

import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's RFC 9569 TIPS source against the real server's TIPS views (not a scripted server):
 * over a randomized sequence of 200 changes (costs, prefixes moving between PIDs, a PID coming and
 * going) the maps the client holds, built from the snapshot edge and the patch edges it long-polled,
 * equal (as JSON) a fresh GET after every change.
 */
class TipsSubscriptionServerTest {
    private static final CostType ROUTING = new CostType("routingcost", CostMode.NUMERICAL);
    private static final String[] PIDS = {"a", "b", "c"};

    private final InProcessServer server;
    private final AltoClient client;
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<ResourceUpdate> updates = new LinkedBlockingQueue<>();

    TipsSubscriptionServerTest() throws InterruptedException {
        server = new InProcessServer();
        client = AltoClient.builder(server.directoryUri()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        http.close();
        server.close();
    }

    /** What the test changes at random: routing costs, which PID each of six prefixes is in, and whether PID d exists. */
    private static final class Network {
        final double[][] costs = {{1, 5, 10}, {5, 1, 5}, {10, 5, 1}};
        final int[] prefixOwner = {0, 1, 2, 0, 1, 2};
        boolean withD;

        Snapshot snapshot() {
            Snapshot.Builder builder = Snapshot.builder().defaultPid("external");
            Map<String, List<IpPrefix>> prefixes = new TreeMap<>();
            for (String pid : PIDS) {
                prefixes.put(pid, new ArrayList<>());
            }
            for (int p = 0; p < prefixOwner.length; p++) {
                prefixes.get(PIDS[prefixOwner[p]]).add(IpPrefix.parse("10." + (p + 1) + ".0.0/16"));
            }
            prefixes.forEach(builder::pid);
            if (withD) {
                builder.pid("d", List.of(IpPrefix.parse("192.0.2.0/24")));
                builder.cost("routingcost", "d", "a", 42);
            }
            for (int i = 0; i < PIDS.length; i++) {
                for (int j = 0; j < PIDS.length; j++) {
                    builder.cost("routingcost", PIDS[i], PIDS[j], costs[i][j]);
                }
            }
            return builder.build();
        }
    }

    @Test
    void aClientFollowingOverTipsHoldsWhatAFreshGetReturnsAfterEachOf200RandomChanges() throws Exception {
        SplittableRandom random = new SplittableRandom(9569);
        Network network = new Network();
        server.informationBase.publish(network.snapshot());
        String networkMap = client.networkMapId();
        String costMap = client.costMapId(ROUTING);
        List<UpdateKind> kinds = new ArrayList<>();
        try (Subscription subscription = client.subscribe(List.of(networkMap, costMap), Optional.of(UpdateService.TIPS), updates::add)) {
            assertThat(subscription.service()).isEqualTo(UpdateService.TIPS);
            awaitFresh(subscription, List.of(networkMap, costMap), kinds, "the first snapshots");
            for (int change = 0; change < 200; change++) {
                String what = switch (random.nextInt(3)) {
                    case 0 -> {
                        int from = random.nextInt(3);
                        int to = random.nextInt(3);
                        network.costs[from][to] = 1 + random.nextInt(99);
                        yield "cost " + PIDS[from] + "->" + PIDS[to];
                    }
                    case 1 -> {
                        int prefix = random.nextInt(network.prefixOwner.length);
                        network.prefixOwner[prefix] = random.nextInt(3);
                        yield "prefix 10." + (prefix + 1) + "/16 to " + PIDS[network.prefixOwner[prefix]];
                    }
                    default -> {
                        network.withD = !network.withD;
                        yield network.withD ? "PID d added" : "PID d removed";
                    }
                };
                server.informationBase.publish(network.snapshot());
                awaitFresh(subscription, List.of(networkMap, costMap), kinds, "change " + change + ": " + what);
            }
            assertThat(kinds.getFirst()).isEqualTo(UpdateKind.FULL);
            assertThat(kinds.stream().filter(kind -> kind != UpdateKind.FULL).count())
                    .as("changes came as patch edges: " + kinds).isGreaterThan(150);
            assertThat(kinds).as("each the smaller of the two patch kinds").contains(UpdateKind.MERGE_PATCH, UpdateKind.JSON_PATCH);
        }
    }

    /** Takes updates until what the subscription holds of every resource equals a fresh GET (10 s at most). */
    private void awaitFresh(Subscription subscription, List<String> resourceIds, List<UpdateKind> kinds, String step)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!held(subscription, resourceIds)) {
            ResourceUpdate update = updates.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(update).as(step + ": the held maps equal a fresh GET within 10 s").isNotNull();
            kinds.add(update.kind());
        }
    }

    private boolean held(Subscription subscription, List<String> resourceIds) throws Exception {
        for (String id : resourceIds) {
            Optional<ResourceUpdate> current = subscription.current(id);
            if (current.isEmpty() || !json(current.get().json()).equals(fresh(id))) {
                return false;
            }
        }
        return true;
    }

    private JsonValue fresh(String resourceId) throws Exception {
        URI uri = server.directoryUri().resolve(client.directory().resources().get(resourceId).uri());
        return json(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }
}
