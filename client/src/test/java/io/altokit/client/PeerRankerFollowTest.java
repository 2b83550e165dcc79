package io.altokit.client;

import io.altokit.core.time.ManualScheduler;
import io.altokit.core.time.ManualTicker;
import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import io.altokit.model.MediaTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.altokit.client.ScriptedServer.Answer;
import static io.altokit.client.UpdateExamples.costMap;
import static io.altokit.client.UpdateExamples.directory;
import static io.altokit.client.UpdateExamples.event;
import static io.altokit.client.UpdateExamples.networkMap;
import static org.assertj.core.api.Assertions.assertThat;

/** The MAPS strategy follows the maps through the update stream when the server offers one, and polls otherwise. */
class PeerRankerFollowTest {
    private static final CostType ROUTING = new CostType("routingcost", CostMode.NUMERICAL);
    private final ScriptedServer server;
    private final AltoClient client;
    private final ManualTicker ticker = new ManualTicker();
    private final BlockingQueue<MapGuidance> changes = new LinkedBlockingQueue<>();

    PeerRankerFollowTest() throws IOException {
        server = new ScriptedServer();
        client = AltoClient.builder(server.uri("/directory")).scheduler(new ManualScheduler(ticker)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private PeerRanker ranker(boolean follow) {
        return PeerRanker.builder(client).strategy(PeerRanker.Strategy.MAPS).costType(ROUTING).randomShare(0)
                .mapRefresh(Duration.ZERO).ticker(ticker).followUpdates(follow).onMapsChanged(changes::add).build();
    }

    /** From PID1: one peer in PID1 (cost 1) and one in PID2, in the order the maps rank them. */
    private static List<String> order(PeerRanker ranker) throws IOException {
        Ranking ranking = ranker.rank(InetAddress.getByName("192.0.2.1"),
                List.of(InetAddress.getByName("198.51.100.130"), InetAddress.getByName("192.0.2.9")));
        assertThat(ranking.status()).as(ranking.reason().orElse("")).isEqualTo(Ranking.Status.OK);
        return ranking.peers().stream().map(peer -> peer.address().getHostAddress()).toList();
    }

    private List<String> requestsSoFar() {
        List<ScriptedServer.Request> drained = new ArrayList<>();
        server.requests.drainTo(drained);
        return drained.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    @Test
    void aPatchOnTheStreamReordersThePeersWithoutAnotherRequest() throws Exception {
        server.on("GET", "/directory", Answer.of(200, MediaTypes.DIRECTORY, directory(true, false)));
        server.on("POST", "/updates/costs", new Answer(200, "text/event-stream",
                event(MediaTypes.NETWORK_MAP + ",r0", networkMap("tag1", "198.51.100.128/25"))
                        + event(MediaTypes.COST_MAP + ",r1", costMap("tag1", 5))
                        + event("application/merge-patch+json,r1", "{\"cost-map\": {\"PID1\": {\"PID2\": 0}}}"), true));

        try (PeerRanker ranker = ranker(true)) {
            order(ranker); // ranked with the stream's full maps, or already with the patch that follows them
            assertThat(changes.poll(10, TimeUnit.SECONDS)).as("the full maps from the stream").isNotNull();
            assertThat(changes.poll(10, TimeUnit.SECONDS)).as("the patched cost map").isNotNull();
            assertThat(requestsSoFar()).as("the maps come once, as the stream's first updates: no GET of them")
                    .containsExactly("GET /directory", "POST /updates/costs");

            assertThat(order(ranker)).as("the patch reversed the order the full maps give (see the polling test)")
                    .containsExactly("198.51.100.130", "192.0.2.9");
            assertThat(order(ranker)).containsExactly("198.51.100.130", "192.0.2.9");
            assertThat(requestsSoFar()).as("rankings while the stream is live send nothing").isEmpty();
        }
    }

    @Test
    void withoutAnUpdateServiceTheMapsArePolled() throws Exception {
        server.on("GET", "/directory", Answer.of(200, MediaTypes.DIRECTORY, directory(false, false)));
        server.on("GET", "/networkmap", Answer.of(200, MediaTypes.NETWORK_MAP, networkMap("tag1", "198.51.100.128/25")),
                Answer.of(200, MediaTypes.NETWORK_MAP, networkMap("tag1", "198.51.100.128/25")));
        server.on("GET", "/costmap/routingcost", Answer.of(200, MediaTypes.COST_MAP, costMap("tag1", 5)),
                Answer.of(200, MediaTypes.COST_MAP, costMap("tag1", 0)));

        try (PeerRanker ranker = ranker(true)) {
            assertThat(order(ranker)).containsExactly("192.0.2.9", "198.51.100.130");
            assertThat(order(ranker)).containsExactly("198.51.100.130", "192.0.2.9");
            assertThat(requestsSoFar()).containsExactly("GET /directory", "GET /networkmap", "GET /costmap/routingcost",
                    "GET /networkmap", "GET /costmap/routingcost");
            assertThat(changes).isEmpty();
        }
    }
}
