package io.altokit.client;

import io.altokit.core.time.ManualTicker;
import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maps strategy over time (a {@link ManualTicker}) when it polls (the server's update stream is
 * not followed here; PeerRankerFollowTest covers that): one caller revalidates while the others rank
 * with the maps in hand, and a failed revalidation leaves the maps in use, degraded, up to the
 * maximum staleness.
 */
class PeerRankerStalenessTest {
    private static final Duration REFRESH = Duration.ofSeconds(60);
    private static final Duration MAX_STALENESS = Duration.ofMinutes(10);

    private InProcessServer server;
    private TamperingProxy proxy;
    private AltoClient client;
    private final ManualTicker ticker = new ManualTicker(Long.MAX_VALUE - Duration.ofMinutes(1).toNanos());
    private PeerRanker ranker;

    @BeforeEach
    void start() throws Exception {
        server = new InProcessServer();
        proxy = new TamperingProxy(server.directoryUri());
        client = AltoClient.builder(proxy.directoryUri()).maxAttempts(1).requestTimeout(Duration.ofSeconds(10)).build();
        ranker = PeerRanker.builder(client).strategy(PeerRanker.Strategy.MAPS).randomShare(0).ticker(ticker)
                .mapRefresh(REFRESH).maxStaleness(MAX_STALENESS).followUpdates(false).build();
    }

    @AfterEach
    void stop() {
        client.close();
        proxy.close();
        server.close();
    }

    @Test
    void aFailedRevalidationServesTheMapsInHandDegradedWithTheirAgeUntilTheMaximumStaleness() throws Exception {
        assertThat(rank().status()).isEqualTo(Ranking.Status.OK);
        proxy.tamper(answer -> new TamperingProxy.Answer(answer.path(), 503, Map.of(), "down".getBytes(StandardCharsets.UTF_8)));

        ticker.advance(Duration.ofSeconds(90));
        Ranking stale = rank();
        assertThat(stale.status()).isEqualTo(Ranking.Status.DEGRADED);
        assertThat(stale.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("90 s old").contains("503"));
        assertThat(stale.peers()).extracting(peer -> peer.address().getHostAddress()).as("still ranked by the maps")
                .containsExactly("10.1.0.9", "10.2.0.9");

        ticker.advance(MAX_STALENESS);
        Ranking tooOld = rank();
        assertThat(tooOld.status()).isEqualTo(Ranking.Status.UNAVAILABLE);
        assertThat(tooOld.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("maximum staleness of 600 s"));

        proxy.tamper(answer -> answer);
        ticker.advance(REFRESH);
        assertThat(rank().status()).as("fresh maps again once the server answers").isEqualTo(Ranking.Status.OK);
    }

    @Test
    void oneCallerRevalidatesWhileTheOthersRankWithTheMapsInHand() throws Exception {
        assertThat(rank().status()).isEqualTo(Ranking.Status.OK);
        AtomicInteger revalidations = new AtomicInteger();
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        proxy.tamper(answer -> {
            revalidations.incrementAndGet();
            arrived.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer;
        });
        ticker.advance(REFRESH);
        CompletableFuture<Ranking> revalidating = CompletableFuture.supplyAsync(this::rank);
        assertThat(arrived.await(20, TimeUnit.SECONDS)).as("the first caller is revalidating").isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(rank().status()).as("served from the maps in hand, without waiting").isEqualTo(Ranking.Status.OK);
        }
        assertThat(revalidations).as("a single revalidation in flight").hasValue(1);
        release.countDown();
        assertThat(revalidating.get(20, TimeUnit.SECONDS).status()).isEqualTo(Ranking.Status.OK);
    }

    @Test
    void callersWaitingForTheFirstMapsShareOneFetch() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        proxy.tamper(answer -> {
            requests.incrementAndGet();
            arrived.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TamperingProxy.Answer(answer.path(), 503, Map.of(), new byte[0]);
        });
        PeerRanker fresh = PeerRanker.builder(client).strategy(PeerRanker.Strategy.MAPS)
                .costType(new CostType("routingcost", CostMode.NUMERICAL))
                .ticker(ticker).mapRefresh(REFRESH).followUpdates(false).build();
        try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
            List<CompletableFuture<Ranking>> callers = List.of(CompletableFuture.supplyAsync(() -> rank(fresh), threads),
                    CompletableFuture.supplyAsync(() -> rank(fresh), threads), CompletableFuture.supplyAsync(() -> rank(fresh), threads));
            assertThat(arrived.await(20, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (CompletableFuture<Ranking> caller : callers) {
                assertThat(caller.get(20, TimeUnit.SECONDS).status()).isEqualTo(Ranking.Status.UNAVAILABLE);
            }
        }
        assertThat(requests).as("one failed fetch answers every waiting caller").hasValue(1);
    }

    private Ranking rank() {
        return rank(ranker);
    }

    private static Ranking rank(PeerRanker ranker) {
        try {
            return ranker.rank(InetAddress.getByName("10.1.0.1"),
                    List.of(InetAddress.getByName("10.2.0.9"), InetAddress.getByName("10.1.0.9")));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
