package io.altokit.tracker;

import io.altokit.client.ConnectOrder;
import io.altokit.client.PeerRanker;
import io.altokit.client.Ranking;
import io.altokit.core.time.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Client-side ALTO for unmodified BitTorrent clients: an announce proxy in front of any HTTP tracker.
 * A client announces to {@code /announce/<percent-encoded tracker URL>?<announce parameters>}; the
 * proxy forwards the announce unchanged (from the client's own address, see {@link UpstreamClient}),
 * puts the peers of the answer in ALTO order with {@link ConnectOrder} (best rated first, a random
 * share mixed in) and sends the answer on. It never breaks the swarm: when the ranking fails or
 * takes longer than the ranking timeout, the upstream answer goes back byte for byte. Scrapes
 * ({@code /scrape/<percent-encoded scrape URL>}) pass through. Upstream failures become bencoded
 * failure reasons with status 200, as clients expect. With the maps strategy the maps are fetched
 * when the proxy starts, so that the first announces need not wait for them. Thread-safe.
 */
public final class PeerProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerProxy.class);
    private static final String ANNOUNCE = "/announce/";
    private static final String SCRAPE = "/scrape/";
    private static final Duration MAX_WARM_UP_PAUSE = Duration.ofSeconds(30);

    private final PeerProxyConfig config;
    private final ConnectOrder order;
    private final UpstreamClient upstream;
    private final Ticker ticker;
    private final PeerProxyMetrics metrics;
    private final Semaphore inFlight;
    /** Rankings run here so that a slow ALTO server holds no I/O thread and can be given up on. */
    private final ThreadPoolExecutor rankers;
    private final Thread warmUp;
    /** Whether ALTO guidance was obtained once: the maps at start, or any ranking. */
    private volatile boolean guided;

    /** @param ranker ranks the peers (its random share and seed apply); the caller closes it */
    public PeerProxy(PeerProxyConfig config, PeerRanker ranker) {
        this(config, ranker, Ticker.system());
    }

    public PeerProxy(PeerProxyConfig config, PeerRanker ranker, Ticker ticker) {
        this.config = config;
        this.order = new ConnectOrder(ranker);
        this.ticker = ticker;
        this.metrics = new PeerProxyMetrics(() -> guided ? 1 : 0);
        this.upstream = new UpstreamClient(config.upstreamTimeout(), config.maxBodyBytes());
        this.inFlight = new Semaphore(config.maxInFlight());
        this.rankers = new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(config.maxInFlight()),
                Thread.ofPlatform().daemon().name("peer-proxy-ranking-", 0).factory());
        this.warmUp = Thread.ofVirtual().name("peer-proxy-warm-up").start(() -> fetchGuidance(ranker));
    }

    /**
     * Fetches the maps (map strategy) before the first announce needs them, retrying with backoff
     * (PeerRanker itself retries a failed fetch after its refresh period) until guidance comes or the
     * proxy closes.
     */
    private void fetchGuidance(PeerRanker ranker) {
        Duration pause = Duration.ofSeconds(1);
        while (!guided && !Thread.currentThread().isInterrupted()) {
            if (ranker.guidance().isPresent()) {
                guided = true;
                return;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return; // closed
            }
            pause = pause.multipliedBy(2);
            if (pause.compareTo(MAX_WARM_UP_PAUSE) > 0) {
                pause = MAX_WARM_UP_PAUSE;
            }
        }
    }

    /** The proxy's resources, for a {@link TrackerServer}. */
    public CompletableFuture<Reply> route(String path, String query, InetAddress remote) {
        if (path.startsWith(ANNOUNCE)) {
            return forwarded(path.substring(ANNOUNCE.length()), query, remote, true);
        }
        if (path.startsWith(SCRAPE)) {
            return forwarded(path.substring(SCRAPE.length()), query, remote, false);
        }
        if (path.equals("/metrics")) {
            return CompletableFuture.completedFuture(new Reply(200, PrometheusText.CONTENT_TYPE, metrics.text()));
        }
        return CompletableFuture.completedFuture(Reply.failure(404,
                "no such resource: announce to /announce/<percent-encoded tracker URL>, scrape at /scrape/<...>, or /metrics"));
    }

    private CompletableFuture<Reply> forwarded(String encodedUpstream, String query, InetAddress remote, boolean announce) {
        URI target;
        try {
            target = UpstreamUrl.fromPath(encodedUpstream).withQuery(query);
        } catch (BadRequestException e) {
            return failed(announce, e.getMessage());
        }
        if (!inFlight.tryAcquire()) {
            return failed(announce, "the peer proxy is busy (" + config.maxInFlight() + " requests in flight), retry later");
        }
        CompletableFuture<UpstreamClient.Outcome> outcome = upstream.get(target, remote);
        outcome.whenComplete((done, failure) -> inFlight.release());
        return outcome.thenCompose(answer -> switch (answer) {
            case UpstreamClient.Failure failure -> {
                LOG.atWarn().addKeyValue("upstream", target.getHost()).addKeyValue("reason", failure.reason()).log("forwarding failed");
                yield failed(announce, failure.reason());
            }
            case UpstreamClient.Answer body when announce -> ranked(body.body(), config.self().orElse(remote));
            case UpstreamClient.Answer body -> {
                metrics.scraped(true);
                yield CompletableFuture.completedFuture(Reply.bencoded(body.body()));
            }
        });
    }

    private CompletableFuture<Reply> failed(boolean announce, String reason) {
        if (announce) {
            metrics.announced(PeerProxyMetrics.Announced.FAILURE);
        } else {
            metrics.scraped(false);
        }
        return CompletableFuture.completedFuture(Reply.failure(200, reason));
    }

    /** The upstream answer with its peers in ALTO order, or unchanged when no ranking comes in time. */
    private CompletableFuture<Reply> ranked(byte[] body, InetAddress self) {
        AnnounceAnswer answer;
        try {
            answer = AnnounceAnswer.parse(body, config.maxPeers());
        } catch (BadRequestException e) {
            LOG.atWarn().addKeyValue("reason", e.getMessage()).log("the upstream tracker's answer is unusable");
            return failed(true, e.getMessage());
        }
        if (answer.dropped() > 0) {
            metrics.dropped(answer.dropped());
        }
        List<InetSocketAddress> peers = answer.endpoints();
        if (peers.isEmpty()) {
            metrics.announced(PeerProxyMetrics.Announced.PASSED);
            return CompletableFuture.completedFuture(Reply.bencoded(answer.dropped() > 0 ? answer.inOrder(peers) : body));
        }
        long started = ticker.read();
        CompletableFuture<Optional<ConnectOrder.Plan>> plan;
        try {
            plan = CompletableFuture.supplyAsync(() -> Optional.of(order.order(self, peers)), rankers);
        } catch (RejectedExecutionException e) {
            plan = CompletableFuture.completedFuture(Optional.empty()); // every ranker busy: unranked rather than late
        }
        return plan.completeOnTimeout(Optional.empty(), config.rankingTimeout().toNanos(), TimeUnit.NANOSECONDS)
                .exceptionally(failure -> Optional.empty())
                .thenApply(result -> {
                    Optional<ConnectOrder.Plan> usable = result.filter(p -> p.status() != Ranking.Status.UNAVAILABLE);
                    if (usable.isPresent()) {
                        guided = true;
                    }
                    metrics.ranking(ticker.read() - started, usable.isPresent());
                    metrics.announced(usable.isPresent() ? PeerProxyMetrics.Announced.RANKED : PeerProxyMetrics.Announced.UNRANKED);
                    if (usable.isEmpty()) {
                        LOG.atDebug().addKeyValue("peers", peers.size()).log("no ALTO ranking in time; the upstream list goes back unchanged");
                        return Reply.bencoded(answer.dropped() > 0 ? answer.inOrder(peers) : body);
                    }
                    return Reply.bencoded(answer.inOrder(usable.get().peers()));
                });
    }

    @Override
    public void close() {
        warmUp.interrupt();
        rankers.shutdownNow();
        upstream.close();
    }
}
