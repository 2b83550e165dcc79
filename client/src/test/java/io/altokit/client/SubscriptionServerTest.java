package io.altokit.client;

import io.altokit.core.IpPrefix;
import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Subscriptions against the real server's RFC 8895 update stream, its snapshots published by hand. */
class SubscriptionServerTest {
    private static final CostType ROUTING = new CostType("routingcost", CostMode.NUMERICAL);

    private final InProcessServer server;
    private final AltoClient client;
    private final BlockingQueue<ResourceUpdate> updates = new LinkedBlockingQueue<>();

    SubscriptionServerTest() throws InterruptedException {
        server = new InProcessServer();
        client = AltoClient.builder(server.directoryUri()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private ResourceUpdate next() throws InterruptedException {
        ResourceUpdate update = updates.poll(10, TimeUnit.SECONDS);
        assertThat(update).as("an update within 10 s").isNotNull();
        return update;
    }

    private JsonValue fresh(String resourceId) throws Exception {
        URI uri = server.directoryUri().resolve(client.directory().resources().get(resourceId).uri());
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            return Json.createReader(new StringReader(body)).readValue();
        }
    }

    private static JsonValue json(ResourceUpdate update) {
        return Json.createReader(new StringReader(update.json())).readValue();
    }

    @Test
    void theHeldMapsFollowEveryPublicationAndEqualAFreshGet() throws Exception {
        String networkMap = client.networkMapId();
        String costMap = client.costMapId(ROUTING);
        try (Subscription subscription = client.subscribe(List.of(networkMap, costMap), updates::add)) {
            assertThat(subscription.service()).isEqualTo(UpdateService.SSE);
            assertThat(next().resourceId()).as("the network map before the cost map depending on it").isEqualTo(networkMap);
            assertThat(next().resourceId()).isEqualTo(costMap);

            server.informationBase.publish(InProcessServer.network(7).build());
            ResourceUpdate cost = next();
            assertThat(cost.resourceId()).isEqualTo(costMap);
            assertThat(cost.kind()).as("one cell: the JSON patch is the smaller").isEqualTo(UpdateKind.JSON_PATCH);
            assertThat(cost.costMap().costs().cost(0, 1)).isEqualTo(7);

            server.informationBase.publish(InProcessServer.network(7)
                    .pid("a", List.of(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("10.9.0.0/16"), IpPrefix.parse("2001:db8:1::/48")))
                    .build());
            ResourceUpdate moved = next();
            assertThat(moved.resourceId()).isEqualTo(networkMap);
            assertThat(moved.kind()).isNotEqualTo(UpdateKind.FULL);
            assertThat(moved.networkMap().pids().get("a").toString()).contains("10.9.0.0/16");
            assertThat(next().costMap().dependentVtags()).containsExactly(moved.networkMap().vtag());

            assertThat(json(subscription.current(networkMap).orElseThrow())).isEqualTo(fresh(networkMap));
            assertThat(json(subscription.current(costMap).orElseThrow())).isEqualTo(fresh(costMap));
            assertThat(subscription.isLive()).isTrue();
        }
    }

    @Test
    void aRankerFollowingTheStreamDownloadsEachMapOnce() throws Exception {
        BlockingQueue<MapGuidance> changes = new LinkedBlockingQueue<>();
        try (PeerRanker ranker = PeerRanker.builder(client).strategy(PeerRanker.Strategy.MAPS).costType(ROUTING)
                .randomShare(0).onMapsChanged(changes::add).build()) {
            List<InetAddress> peers = List.of(InetAddress.getByName("10.2.0.9"), InetAddress.getByName("10.2.5.9"));
            assertThat(ranker.rank(InetAddress.getByName("10.1.0.1"), peers).status()).isEqualTo(Ranking.Status.OK);
            assertThat(client.stats().requests()).as("the directory and the update stream: no GET of the maps, whose "
                    + "full versions are the stream's first updates").isEqualTo(2);
            assertThat(changes.poll(10, TimeUnit.SECONDS)).as("the maps, from the stream").isNotNull();
            assertThat(changes).as("one pair of full maps").isEmpty();
        }
    }

    @Test
    void aRankerFollowingTheStreamReordersPeersWhenACostChanges() throws Exception {
        BlockingQueue<MapGuidance> changes = new LinkedBlockingQueue<>();
        try (PeerRanker ranker = PeerRanker.builder(client).strategy(PeerRanker.Strategy.MAPS).costType(ROUTING)
                .randomShare(0).onMapsChanged(changes::add).build()) {
            InetAddress inA = InetAddress.getByName("10.1.0.1");
            List<InetAddress> peers = List.of(InetAddress.getByName("10.2.0.9"), InetAddress.getByName("10.2.5.9"));
            // From area a: b costs 5, c 10.
            assertThat(ranker.rank(inA, peers).peers().getFirst().address()).isEqualTo(peers.get(0));
            assertThat(changes.poll(10, TimeUnit.SECONDS)).as("the maps from the stream").isNotNull();
            long requests = client.stats().requests();

            server.informationBase.publish(InProcessServer.network(20).build());
            assertThat(changes.poll(10, TimeUnit.SECONDS)).as("the patched cost map").isNotNull();

            assertThat(ranker.rank(inA, peers).peers().getFirst().address()).as("c (10) now before b (20)").isEqualTo(peers.get(1));
            assertThat(client.stats().requests()).as("no request: the stream brought the change").isEqualTo(requests);
        }
    }
}
