package io.altokit.tracker;

import io.altokit.client.AltoClient;
import io.altokit.client.MapGuidance;
import io.altokit.client.PeerRanker;
import io.altokit.client.RankedPeer;
import io.altokit.client.Ranking;
import io.altokit.core.time.Scheduler;
import io.altokit.core.time.Ticker;
import io.altokit.model.IpBits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The BitTorrent tracker without its transport: announces and scrapes in, bencoded answers out.
 * Peer lists come from ALTO guidance through {@link PeerRanker}: in {@link AltoMode#MAPS} the maps
 * follow the server's update stream when it offers one (a change takes effect as it arrives) and are
 * revalidated in the background otherwise, and each swarm ranks by PID locally (no ALTO request on the
 * announce path); in {@link AltoMode#ECS} each announce asks the endpoint cost service about a
 * random sample of the swarm, off the I/O threads. Without guidance the lists are random.
 * Time (peer expiry, flood budgets) comes from a {@link Ticker} and housekeeping (expiry sweeps, map
 * revalidation) runs on a {@link Scheduler}, so tests move both by hand. Thread-safe.
 */
public final class Tracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tracker.class);
    /** Peers of a swarm sent to the endpoint cost service per announce (ECS mode). */
    static final int ECS_SAMPLE = 200;
    private static final Duration FLOOD_SWEEP = Duration.ofSeconds(5);

    private final TrackerConfig config;
    private final Optional<PeerRanker> ranker;
    private final ConcurrentHashMap<Id20, Swarm> swarms = new ConcurrentHashMap<>();
    /** Peers in all swarms, kept exact by announces and expiry so the total can be bounded. */
    private final LongAdder peers = new LongAdder();
    private final FloodGuard flood;
    private final TrackerMetrics metrics;
    private final Ticker ticker;
    private final Scheduler scheduler;
    /** The housekeeping thread when the tracker made its own scheduler (and so shuts it down). */
    private final Optional<ScheduledExecutorService> ownHousekeeping;
    private final Optional<ThreadPoolExecutor> ecsWorkers;
    /** The random draws: one shared seeded generator (thread-safe), or each thread's own. */
    private final Supplier<RandomGenerator> random;
    private volatile MapGuidance maps;
    private volatile boolean closed;

    /**
     * @param alto the ALTO server's client, required unless {@code mode} is NONE; the caller closes it
     */
    public Tracker(TrackerConfig config, AltoMode mode, Optional<AltoClient> alto) {
        this(config, mode, alto, Ticker.system(), Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("tracker-housekeeping").factory()));
    }

    /**
     * @param ticker    the clock of peer expiry and flood budgets
     * @param scheduler runs the housekeeping; the caller owns it
     */
    public Tracker(TrackerConfig config, AltoMode mode, Optional<AltoClient> alto, Ticker ticker, Scheduler scheduler) {
        this(config, mode, alto, ticker, scheduler, Optional.empty());
    }

    private Tracker(TrackerConfig config, AltoMode mode, Optional<AltoClient> alto, Ticker ticker,
                    ScheduledExecutorService housekeeping) {
        this(config, mode, alto, ticker, Scheduler.on(housekeeping), Optional.of(housekeeping));
    }

    private Tracker(TrackerConfig config, AltoMode mode, Optional<AltoClient> alto, Ticker ticker, Scheduler scheduler,
                    Optional<ScheduledExecutorService> ownHousekeeping) {
        if (mode != AltoMode.NONE && alto.isEmpty()) {
            ownHousekeeping.ifPresent(ScheduledExecutorService::shutdownNow);
            throw new IllegalArgumentException(mode + " guidance needs an ALTO server");
        }
        this.config = config;
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.ownHousekeeping = ownHousekeeping;
        if (config.seed().isPresent()) {
            Random seeded = new Random(config.seed().getAsLong());
            this.random = () -> seeded;
        } else {
            this.random = ThreadLocalRandom::current;
        }
        this.ranker = alto.filter(client -> mode != AltoMode.NONE).map(client -> {
            PeerRanker.Builder builder = PeerRanker.builder(client)
                    .strategy(mode == AltoMode.MAPS ? PeerRanker.Strategy.MAPS : PeerRanker.Strategy.ENDPOINT_COST)
                    .randomShare(config.randomShare())
                    .mapRefresh(Duration.ZERO) // the tracker paces revalidation itself (guidanceRefresh)
                    .onMapsChanged(this::use); // followed maps take effect at once, not at the next refresh
            config.seed().ifPresent(builder::seed);
            return builder.build();
        });
        this.flood = new FloodGuard(config.announcesPerSecond());
        this.metrics = new TrackerMetrics(peers::sum, () -> swarms.values().stream().mapToInt(Swarm::seeders).sum(), swarms::size,
                () -> maps == null ? 0 : 1);
        Duration expirySweep = Duration.ofMillis(Math.clamp(config.peerExpiry().toMillis() / 4, 250, 30_000));
        every(expirySweep, expirySweep, this::expire);
        every(FLOOD_SWEEP, FLOOD_SWEEP, () -> flood.sweep(ticker.read()));
        if (mode == AltoMode.MAPS) {
            every(Duration.ZERO, config.guidanceRefresh(), this::refreshGuidance);
        }
        this.ecsWorkers = mode == AltoMode.ECS
                ? Optional.of(new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
                        Thread.ofPlatform().daemon().name("tracker-ecs-", 0).factory()))
                : Optional.empty();
    }

    /** The tracker's resources: {@code /announce}, {@code /scrape} and {@code /metrics}. */
    public CompletableFuture<Reply> route(String path, String query, InetAddress remote) {
        return switch (path) {
            case "/announce" -> announce(query, remote);
            case "/scrape" -> CompletableFuture.completedFuture(scrape(query, remote));
            case "/metrics" -> CompletableFuture.completedFuture(metrics());
            default -> CompletableFuture.completedFuture(Reply.failure(404, "no such resource: try /announce, /scrape or /metrics"));
        };
    }

    /** {@code GET /announce?QUERY} from {@code remote}. Completes at once except in ECS mode. */
    public CompletableFuture<Reply> announce(String query, InetAddress remote) {
        long now = ticker.read();
        if (!flood.allow(remote, now)) {
            metrics.announce(TrackerMetrics.Outcome.FLOOD);
            return CompletableFuture.completedFuture(Reply.failure(429, "too many requests from this address, retry later"));
        }
        Announce announce;
        try {
            announce = Announce.parse(QueryString.parse(query), config.defaultNumwant(), config.maxNumwant());
        } catch (BadRequestException e) {
            metrics.announce(TrackerMetrics.Outcome.FAILURE);
            return CompletableFuture.completedFuture(Reply.failure(200, e.getMessage()));
        }
        InetAddress source = config.acceptIpParameter() ? announce.ip().orElse(remote) : remote;
        Optional<Swarm> joined = record(announce, source, now);
        if (joined.isEmpty()) {
            metrics.announce(TrackerMetrics.Outcome.FAILURE);
            return CompletableFuture.completedFuture(Reply.failure(200,
                    "this tracker is full: it tracks " + config.maxSwarms() + " torrents at most"));
        }
        Swarm swarm = joined.get();
        metrics.announce(TrackerMetrics.Outcome.OK);
        if (announce.event() == Announce.Event.STOPPED || announce.numwant() == 0) {
            return CompletableFuture.completedFuture(answer(swarm, announce, new Selection(List.of(), 0, 0, 0)));
        }
        if (ecsWorkers.isPresent()) {
            try {
                return CompletableFuture.supplyAsync(() -> answer(swarm, announce, rankByEndpointCost(swarm, announce, source)),
                        ecsWorkers.get());
            } catch (RejectedExecutionException e) {
                // Every worker busy with a slow ALTO server: answer at once, unranked, rather than queue without bound.
                return CompletableFuture.completedFuture(answer(swarm, announce, swarm.select(announce.peerId(), source,
                        announce.seeder(), announce.numwant(), 0, null, random.get())));
            }
        }
        Selection selection = swarm.select(announce.peerId(), source, announce.seeder(), announce.numwant(),
                config.randomShare(), maps, random.get());
        return CompletableFuture.completedFuture(answer(swarm, announce, selection));
    }

    /** Records the announce in its torrent's swarm (created if needed); empty when no torrent can be added. */
    private Optional<Swarm> record(Announce announce, InetAddress source, long now) {
        Swarm swarm = swarms.get(announce.infoHash());
        if (swarm == null) {
            if (swarms.size() >= config.maxSwarms()) {
                return Optional.empty();
            }
            swarm = swarms.computeIfAbsent(announce.infoHash(), hash -> new Swarm());
        }
        int gained;
        while ((gained = swarm.announce(announce, source, now, config.maxPeersPerSwarm(), peers.sum() < config.maxPeers()))
                == Swarm.RETIRED) {
            swarms.remove(announce.infoHash(), swarm); // expiry dropped it a moment ago: start its successor
            swarm = swarms.computeIfAbsent(announce.infoHash(), hash -> new Swarm());
        }
        peers.add(gained);
        return Optional.of(swarm);
    }

    private Reply answer(Swarm swarm, Announce announce, Selection selection) {
        metrics.returned(selection);
        int seeders = swarm.seeders();
        return Reply.bencoded(Responses.announce(selection, announce, config.interval().toSeconds(), seeders,
                swarm.size() - seeders));
    }

    /** A random sample of the swarm, ranked by the endpoint cost service; the first numwant of it. */
    private Selection rankByEndpointCost(Swarm swarm, Announce announce, InetAddress source) {
        Selection sample = swarm.select(announce.peerId(), source, announce.seeder(), Math.max(announce.numwant(), ECS_SAMPLE),
                0, null, random.get());
        Map<InetAddress, ArrayDeque<ListedPeer>> byAddress = new HashMap<>();
        List<InetAddress> addresses = new ArrayList<>(sample.peers().size());
        for (ListedPeer peer : sample.peers()) {
            InetAddress address = IpBits.toInetAddress(peer.address());
            addresses.add(address);
            byAddress.computeIfAbsent(address, key -> new ArrayDeque<>()).add(peer);
        }
        long started = ticker.read();
        Ranking ranking = ranker.orElseThrow().rank(source, addresses);
        metrics.guidance(ticker.read() - started, ranking.status() != Ranking.Status.UNAVAILABLE);
        List<ListedPeer> listed = new ArrayList<>();
        int random = 0;
        int unranked = 0;
        for (RankedPeer peer : ranking.peers().subList(0, Math.min(announce.numwant(), ranking.peers().size()))) {
            listed.add(byAddress.get(peer.address()).poll()); // peers sharing an address are ranked alike
            random += peer.random() ? 1 : 0;
            unranked += !peer.random() && peer.rank() == 0 ? 1 : 0;
        }
        return new Selection(listed, 0, random, unranked);
    }

    /** {@code GET /scrape?info_hash=...} (BEP 48): the counts of each torrent asked about. */
    public Reply scrape(String query, InetAddress remote) {
        if (!flood.allow(remote, ticker.read())) {
            return Reply.failure(429, "too many requests from this address, retry later");
        }
        List<Responses.ScrapeEntry> entries = new ArrayList<>();
        try {
            List<byte[]> hashes = QueryString.parse(query).all("info_hash");
            if (hashes.isEmpty()) {
                throw new BadRequestException("scrape needs at least one info_hash (no full scrape)");
            }
            for (byte[] hash : hashes) {
                if (hash.length != Id20.LENGTH) {
                    throw new BadRequestException("info_hash must be 20 bytes, got " + hash.length);
                }
                Id20 infoHash = Id20.of(hash);
                Swarm swarm = swarms.get(infoHash);
                if (swarm != null) {
                    int seeders = swarm.seeders();
                    entries.add(new Responses.ScrapeEntry(infoHash, seeders, swarm.completed(), swarm.size() - seeders));
                }
            }
        } catch (BadRequestException e) {
            return Reply.failure(200, e.getMessage());
        }
        metrics.scrape();
        return Reply.bencoded(Responses.scrape(entries));
    }

    /** {@code GET /metrics}: the Prometheus text format. */
    public Reply metrics() {
        return new Reply(200, PrometheusText.CONTENT_TYPE, metrics.text());
    }

    /** Whether ALTO maps are in hand (map mode); the lists are random until they are. */
    public boolean guided() {
        return maps != null;
    }

    private void refreshGuidance() {
        long started = ticker.read();
        Optional<MapGuidance> fresh = ranker.orElseThrow().guidance();
        metrics.guidance(ticker.read() - started, fresh.isPresent());
        // While the server is unreachable the last maps stay in use: they are stale, not wrong.
        fresh.ifPresent(this::use);
    }

    private void use(MapGuidance guidance) {
        if (maps != guidance) {
            LOG.atInfo().addKeyValue("pids", guidance.pidCount()).log("ALTO maps in use");
        }
        maps = guidance;
    }

    private void expire() {
        long cutoff = ticker.read() - config.peerExpiry().toNanos();
        swarms.values().removeIf(swarm -> {
            peers.add(-swarm.expire(cutoff));
            return swarm.retireIfEmpty();
        });
    }

    /** Runs {@code task} after {@code first}, then {@code period} after each run ends, until closed. */
    private void every(Duration first, Duration period, Runnable task) {
        scheduler.schedule(() -> {
            if (closed) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("tracker housekeeping failed", e);
            }
            if (!closed) {
                every(period, period, task);
            }
        }, first);
    }

    @Override
    public void close() {
        closed = true;
        ranker.ifPresent(PeerRanker::close);
        ownHousekeeping.ifPresent(ScheduledExecutorService::shutdownNow);
        ecsWorkers.ifPresent(ThreadPoolExecutor::shutdownNow);
    }
}
