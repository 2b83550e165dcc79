package io.altokit.provision.bgp;

import io.altokit.core.PrefixKey;
import io.altokit.core.time.Scheduler;
import io.altokit.core.time.Ticker;
import io.altokit.provision.publish.Change;
import io.altokit.provision.publish.Publisher;
import io.altokit.provision.publish.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the routes BGP sessions receive and sends them to the {@link Publisher}. Every change to
 * the route table runs on one thread (so the table needs no locks), and changes are batched: the
 * routes go out once no UPDATE has arrived for the debounce period, and at least every
 * {@link #MAX_BATCH_DELAY} while a long burst (a full table) goes on. Routes of a lost session stay
 * until the peer's hold time plus the grace period has passed, so a router restart does not empty
 * the map. Time comes from the given ticker and scheduler.
 */
public final class BgpFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BgpFeed.class);
    static final Duration MAX_BATCH_DELAY = Duration.ofSeconds(5);
    private static final long NEVER = Long.MIN_VALUE;

    private final BgpConfig config;
    private final Publisher publisher;
    private final RouteTable table;
    /** Runs every change to the table, one at a time. */
    private final Executor thread;
    private final Optional<ScheduledThreadPoolExecutor> ownThread;
    private final Scheduler scheduler;
    private final Ticker ticker;
    /** Per peer, how many times its session was lost: a stale-route expiry only acts for the latest loss. */
    private final Map<InetAddress, Integer> losses = new HashMap<>();

    /** Peers whose End-of-RIB has arrived since the start. */
    private final Set<InetAddress> caughtUp = new HashSet<>();
    /** Whether the publisher waits for the peers to catch up (see {@link #start}). */
    private boolean holding;
    /** What each configured peer is doing, written as it happens and read by anyone ({@link #peers()}). */
    private final Map<InetAddress, PeerActivity> activity = new LinkedHashMap<>();
    /** Peers whose End-of-RIB arrived while a send was pending: their routes are in once it is published. */
    private final List<PeerActivity> awaitingPublication = new ArrayList<>();
    /** The publication of the routes last sent. */
    private CompletableFuture<?> lastSent = CompletableFuture.completedFuture(null);
    private long lastChangeNanos;
    private long firstPendingChangeNanos;
    private boolean sendScheduled;

    /** A feed on a thread of its own ({@code bgp-routes}), on the system clock. Until {@link #start}, nothing is sent. */
    public BgpFeed(BgpConfig config, Publisher publisher) {
        this(config, publisher, routeThread());
    }

    private BgpFeed(BgpConfig config, Publisher publisher, ScheduledThreadPoolExecutor thread) {
        this(config, publisher, thread, Optional.of(thread), Scheduler.on(thread), Ticker.system());
    }

    /**
     * A feed whose table changes run on {@code thread} (which must run tasks one at a time, in
     * order; a direct executor in tests), timed by {@code ticker} and {@code scheduler}.
     */
    public BgpFeed(BgpConfig config, Publisher publisher, Executor thread, Scheduler scheduler, Ticker ticker) {
        this(config, publisher, thread, Optional.empty(), scheduler, ticker);
    }

    private BgpFeed(BgpConfig config, Publisher publisher, Executor thread, Optional<ScheduledThreadPoolExecutor> ownThread,
                    Scheduler scheduler, Ticker ticker) {
        this.config = config;
        this.publisher = publisher;
        this.table = new RouteTable(config.peers().stream().map(BgpConfig.Peer::address).toList());
        config.peers().forEach(peer -> activity.put(peer.address(), new PeerActivity()));
        this.thread = thread;
        this.ownThread = ownThread;
        this.scheduler = scheduler;
        this.ticker = ticker;
    }

    private static ScheduledThreadPoolExecutor routeThread() {
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread worker = new Thread(runnable, "bgp-routes");
            worker.setDaemon(true);
            return worker;
        });
        thread.setRemoveOnCancelPolicy(true);
        return thread;
    }

    /**
     * Starts sending: the (empty) routes with every PID the rules name go out at once. After a
     * restart that restored the last snapshot from the state file, the publisher was started held,
     * since that snapshot is better than a map still filling with routes; the feed tells it
     * {@link Change.CaughtUp} once every peer has sent End-of-RIB or the grace period has passed.
     */
    public void start(boolean publisherHeldUntilPeersCaughtUp) {
        thread.execute(() -> {
            if (publisherHeldUntilPeersCaughtUp) {
                holding = true;
                LOG.atInfo().addKeyValue("max_seconds", config.gracePeriod().toSeconds())
                        .log("serving the restored snapshot until the BGP peers have sent their routes");
                later(this::release, config.gracePeriod());
            }
            send();
        });
    }

    private void release() {
        if (holding) {
            holding = false;
            send();
            publisher.submit(new Change.CaughtUp());
        }
    }

    /** Runs {@code task} on the feed's thread after {@code delay}. */
    private void later(Runnable task, Duration delay) {
        scheduler.schedule(() -> thread.execute(task), delay);
    }

    /** One UPDATE: withdrawals first, then the announced prefixes with the PID the rules give them. */
    public void update(InetAddress peer, List<PrefixKey> withdrawn, List<PrefixKey> announced, RouteAttributes attributes) {
        if (withdrawn.isEmpty() && announced.isEmpty()) {
            return;
        }
        String pid = announced.isEmpty() ? null : config.rules().pidFor(attributes);
        thread.execute(() -> {
            withdrawn.forEach(prefix -> table.withdraw(peer, prefix));
            announced.forEach(prefix -> table.announce(peer, prefix, pid));
            PeerActivity peerActivity = activity.get(peer);
            peerActivity.lastUpdateNanos = ticker.read();
            peerActivity.routes = table.size(peer);
            changed();
        });
    }

    /** The peer sent End-of-RIB (RFC 4724): everything it still has is re-announced, the rest can go. */
    public void endOfRib(InetAddress peer) {
        thread.execute(() -> {
            int dropped = table.dropStale(peer);
            if (dropped > 0) {
                LOG.atInfo().addKeyValue("peer", peer.getHostAddress()).addKeyValue("routes", dropped)
                        .log("dropped stale routes not re-announced before End-of-RIB");
                changed();
            }
            PeerActivity peerActivity = activity.get(peer);
            peerActivity.routes = table.size(peer);
            // Its routes are in once a publication holding them is done: the next send's, or the last one's.
            if (sendScheduled) {
                awaitingPublication.add(peerActivity);
            } else {
                lastSent.thenRun(() -> peerActivity.endOfRib = true);
            }
            caughtUp.add(peer);
            if (holding && caughtUp.size() == config.peers().size()) {
                release();
            }
        });
    }

    /** The session ended (hold timer, NOTIFICATION, TCP close): keep its routes for hold time plus grace. */
    public void sessionLost(InetAddress peer, Duration holdTime) {
        Duration keep = holdTime.plus(config.gracePeriod());
        thread.execute(() -> {
            table.sessionLost(peer);
            int loss = losses.merge(peer, 1, Integer::sum);
            LOG.atWarn().addKeyValue("peer", peer.getHostAddress()).addKeyValue("routes", table.staleSize(peer))
                    .addKeyValue("keep_seconds", keep.toSeconds())
                    .log("BGP session lost; keeping its routes until the grace period ends");
            later(() -> expire(peer, loss), keep);
        });
    }

    private void expire(InetAddress peer, int loss) {
        if (losses.get(peer) != loss) {
            return; // lost again since: that loss's own expiry decides
        }
        int dropped = table.dropStale(peer);
        if (dropped > 0) {
            LOG.atWarn().addKeyValue("peer", peer.getHostAddress()).addKeyValue("routes", dropped)
                    .log("grace period over; dropped the routes the peer did not re-announce");
            activity.get(peer).routes = table.size(peer);
            changed();
        }
    }

    private void changed() {
        long now = ticker.read();
        lastChangeNanos = now;
        if (!sendScheduled) {
            sendScheduled = true;
            firstPendingChangeNanos = now;
            later(this::sendWhenQuiet, config.debounce());
        }
    }

    private void sendWhenQuiet() {
        long now = ticker.read();
        long quiet = now - lastChangeNanos;
        if (quiet < config.debounce().toNanos() && now - firstPendingChangeNanos < MAX_BATCH_DELAY.toNanos()) {
            later(this::sendWhenQuiet, config.debounce().minusNanos(quiet));
            return;
        }
        sendScheduled = false;
        send();
    }

    /** Hands the publisher the routes as they stand. */
    private void send() {
        BgpRoutes routes = routes();
        lastSent = publisher.submit(new Change.RoutesChanged(routes));
        List<PeerActivity> published = List.copyOf(awaitingPublication);
        awaitingPublication.clear();
        lastSent.thenRun(() -> published.forEach(peer -> peer.endOfRib = true));
        LOG.atDebug().addKeyValue("routes", table.size()).addKeyValue("prefixes", routes.size())
                .log("sent the BGP routes to the publisher");
    }

    private BgpRoutes routes() {
        return new BgpRoutes(table.best(), table.pidNames(), config.rules().pids());
    }

    /** A configured peer's session changed state (told by its {@link BgpSession}, on the listener's thread). */
    void sessionState(InetAddress peer, BgpSession.State state) {
        activity.get(peer).session = state;
    }

    /** Each configured peer as it stands, in configuration order; safe from any thread. */
    public List<PeerStatus> peers() {
        long now = ticker.read();
        List<PeerStatus> peers = new ArrayList<>(activity.size());
        activity.forEach((address, peer) -> {
            long last = peer.lastUpdateNanos;
            peers.add(new PeerStatus(address, PeerStatus.name(peer.session), peer.routes,
                    last == NEVER ? Optional.empty() : Optional.of(Duration.ofNanos(now - last)), peer.endOfRib));
        });
        return peers;
    }

    /** One peer's doings; the map holding these is filled once, so readers need no lock, only these volatile fields. */
    private static final class PeerActivity {
        volatile BgpSession.State session = BgpSession.State.IDLE;
        volatile int routes;
        volatile long lastUpdateNanos = NEVER;
        volatile boolean endOfRib;
    }

    /** The routes as they stand now, taken on the feed's thread; the publisher may not have them yet. */
    public Routes routesNow() {
        CompletableFuture<Routes> routes = new CompletableFuture<>();
        thread.execute(() -> routes.complete(routes()));
        try {
            return routes.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking the routes", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        ownThread.ifPresent(own -> {
            own.shutdownNow();
            try {
                own.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
