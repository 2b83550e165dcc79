package io.altokit.client;

import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Both strategies against a real server, and the fallbacks an application relies on. */
class PeerRankerTest {
    private static InProcessServer server;
    private static AltoClient client;

    @BeforeAll
    static void start() throws Exception {
        server = new InProcessServer();
        client = AltoClient.builder(server.directoryUri()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(PeerRanker.Strategy.class)
    void closestAreasFirst(PeerRanker.Strategy strategy) throws Exception {
        PeerRanker ranker = PeerRanker.builder(client).strategy(strategy).randomShare(0).seed(1).build();
        // From area a: a costs 1, b 5, c 10 (InProcessServer.network(5)).
        Ranking ranking = ranker.rank(address("10.1.0.1"), List.of(address("10.2.5.9"), address("10.2.0.9"),
                address("2001:db8:1::9"), address("10.1.7.7")));
        assertThat(ranking.status()).isEqualTo(Ranking.Status.OK);
        assertThat(ranking.peers()).extracting(peer -> peer.cost().getAsDouble()).containsExactly(1.0, 1.0, 5.0, 10.0);
        assertThat(ranking.peers()).extracting(RankedPeer::rank).containsExactly(1, 1, 2, 3);
        assertThat(ranking.peers().subList(2, 4)).extracting(peer -> peer.address().getHostAddress())
                .containsExactly("10.2.0.9", "10.2.5.9");
    }

    @ParameterizedTest
    @EnumSource(PeerRanker.Strategy.class)
    void candidatesWithoutCostComeLast(PeerRanker.Strategy strategy) throws Exception {
        PeerRanker ranker = PeerRanker.builder(client).strategy(strategy).randomShare(0)
                .costType(new CostType("hopcount", CostMode.ORDINAL)).build();
        Ranking ranking = ranker.rank(address("10.1.0.1"), List.of(address("192.0.2.1"), address("10.2.0.9")));
        assertThat(ranking.status()).as("the external PID has no hop counts").isEqualTo(Ranking.Status.DEGRADED);
        assertThat(ranking.peers()).extracting(peer -> peer.address().getHostAddress()).containsExactly("10.2.0.9", "192.0.2.1");
    }

    @Test
    void mapRankingAsksTheServerOnlyOncePerRefreshPeriod() throws Exception {
        try (AltoClient own = AltoClient.builder(server.directoryUri()).build()) {
            PeerRanker ranker = PeerRanker.builder(own).strategy(PeerRanker.Strategy.MAPS).mapRefresh(Duration.ofHours(1)).build();
            ranker.rank(address("10.1.0.1"), List.of(address("10.2.0.9")));
            long afterFirst = own.stats().requests();
            for (int i = 0; i < 10; i++) {
                assertThat(ranker.rank(address("10.1.0.1"), List.of(address("10.2.0.9"), address("10.1.0.9"))).status())
                        .isEqualTo(Ranking.Status.OK);
            }
            assertThat(own.stats().requests()).as("no request while the maps are fresh").isEqualTo(afterFirst);

            // Polling, not following the maps' update stream (the server offers one; PeerRankerFollowTest).
            PeerRanker eager = PeerRanker.builder(own).strategy(PeerRanker.Strategy.MAPS).mapRefresh(Duration.ZERO)
                    .followUpdates(false).build();
            eager.rank(address("10.1.0.1"), List.of(address("10.2.0.9")));
            long before = own.stats().requests();
            eager.rank(address("10.1.0.1"), List.of(address("10.2.0.9")));
            assertThat(own.stats().requests()).as("revalidated every time").isGreaterThan(before);
        }
    }

    @Test
    void theRandomShareIsMixedIn() throws Exception {
        List<InetAddress> candidates = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            candidates.add(address("10." + (i % 2 + 1) + ".9." + i));
        }
        Ranking ranking = PeerRanker.builder(client).seed(3).build().rank(address("10.1.0.1"), candidates);
        assertThat(ranking.peers().stream().filter(RankedPeer::random)).as("20 % of 20").hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(PeerRanker.Strategy.class)
    void anUnreachableServerLeavesTheCandidatesUnrankedWithinTheTimeout(PeerRanker.Strategy strategy) throws Exception {
        try (AltoClient down = AltoClient.builder(URI.create("http://127.0.0.1:" + closedPort() + "/directory"))
                .connectTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofMillis(500)).maxAttempts(1).build()) {
            List<InetAddress> candidates = List.of(address("10.2.0.9"), address("10.1.0.9"));
            long started = System.nanoTime();
            Ranking ranking = PeerRanker.builder(down).strategy(strategy).build().rank(address("10.1.0.1"), candidates);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(ranking.status()).isEqualTo(Ranking.Status.UNAVAILABLE);
            assertThat(ranking.reason()).isPresent();
            assertThat(ranking.peers()).extracting(RankedPeer::address).containsExactlyElementsOf(candidates);
        }
    }

    @Test
    void guidanceHandsOutTheMapsInHandForRepeatedRankings() throws Exception {
        try (AltoClient own = AltoClient.builder(server.directoryUri()).build()) {
            PeerRanker ranker = PeerRanker.builder(own).strategy(PeerRanker.Strategy.MAPS).mapRefresh(Duration.ofHours(1)).build();
            MapGuidance guidance = ranker.guidance().orElseThrow();
            int a = guidance.locate(address("10.1.0.1"));
            assertThat(guidance.cost(a, guidance.locate(address("10.2.0.9")))).isEqualTo(5.0);
            long requests = own.stats().requests();
            assertThat(ranker.guidance()).as("the same maps while fresh").containsSame(guidance);
            assertThat(own.stats().requests()).isEqualTo(requests);
        }
        assertThat(PeerRanker.builder(client).strategy(PeerRanker.Strategy.ENDPOINT_COST).build().guidance())
                .as("no maps with the endpoint cost service").isEmpty();
        try (AltoClient down = AltoClient.builder(URI.create("http://127.0.0.1:" + closedPort() + "/directory"))
                .connectTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofMillis(500)).maxAttempts(1).build()) {
            assertThat(PeerRanker.builder(down).strategy(PeerRanker.Strategy.MAPS).build().guidance()).isEmpty();
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
