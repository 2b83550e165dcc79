package io.altokit.provision.bgp;

import io.altokit.core.InformationBase;
import io.altokit.core.Snapshot;
import io.altokit.core.SnapshotException;
import io.altokit.provision.ProvisioningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Turns the routes BGP sessions receive into published snapshots. Every change to the route table
 * runs on one thread (so the table needs no locks), and changes are batched: a snapshot is built
 * once no UPDATE has arrived for the debounce period, and at least every {@link #MAX_BATCH_DELAY}
 * while a long burst (a full table) goes on. Routes of a lost session stay until the peer's hold
 * time plus the grace period has passed, so a router restart does not empty the map.
 */
public final class BgpFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BgpFeed.class);
    static final Duration MAX_BATCH_DELAY = Duration.ofSeconds(5);

    private final BgpConfig config;
    private final Supplier<FileNetwork> file;
    private final InformationBase target;
    private final RouteTable table;
    private final ScheduledThreadPoolExecutor thread;
    /** Per peer, how many times its session was lost: a stale-route expiry only acts for the latest loss. */
    private final Map<InetAddress, Integer> losses = new HashMap<>();

    /** Peers whose End-of-RIB has arrived since the start. */
    private final Set<InetAddress> caughtUp = new HashSet<>();
    /** Whether publishing waits for the peers to catch up (see {@link #start}). */
    private boolean holding;
    private long lastChangeNanos;
    private long firstPendingChangeNanos;
    private boolean publishScheduled;

    /**
     * The network file's part of a snapshot, read afresh for each one (so edits to the file apply).
     *
     * @param builder  holds the file's PIDs, prefixes and costs
     * @param prefixes the prefixes the file assigns itself; routes for them are ignored
     */
    public record FileNetwork(Snapshot.Builder builder, Set<RouteKey> prefixes) {
    }

    /** Until {@link #start}, nothing is published: the target keeps serving what it has. */
    public BgpFeed(BgpConfig config, Supplier<FileNetwork> file, InformationBase target) {
        this.config = config;
        this.file = file;
        this.target = target;
        this.table = new RouteTable(config.peers().stream().map(BgpConfig.Peer::address).toList());
        this.thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread worker = new Thread(runnable, "bgp-routes");
            worker.setDaemon(true);
            return worker;
        });
        thread.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts publishing. Normally the file's network (with every PID the rules name) goes out at
     * once. After a restart that restored the last snapshot from the state file, that snapshot is
     * better than a map still filling with routes, so it keeps being served until every peer has
     * sent End-of-RIB or the grace period has passed.
     */
    public void start(boolean keepCurrentUntilPeersCaughtUp) {
        thread.execute(() -> {
            if (keepCurrentUntilPeersCaughtUp) {
                holding = true;
                LOG.atInfo().addKeyValue("max_seconds", config.gracePeriod().toSeconds())
                        .log("serving the restored snapshot until the BGP peers have sent their routes");
                thread.schedule(this::release, config.gracePeriod().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                publish();
            }
        });
    }

    private void release() {
        if (holding) {
            holding = false;
            publish();
        }
    }

    /** One UPDATE: withdrawals first, then the announced prefixes with the PID the rules give them. */
    public void update(InetAddress peer, List<RouteKey> withdrawn, List<RouteKey> announced, RouteAttributes attributes) {
        if (withdrawn.isEmpty() && announced.isEmpty()) {
            return;
        }
        String pid = announced.isEmpty() ? null : config.rules().pidFor(attributes);
        thread.execute(() -> {
            withdrawn.forEach(prefix -> table.withdraw(peer, prefix));
            announced.forEach(prefix -> table.announce(peer, prefix, pid));
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
            thread.schedule(() -> expire(peer, loss), keep.toMillis(), TimeUnit.MILLISECONDS);
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
            changed();
        }
    }

    private void changed() {
        long now = System.nanoTime();
        lastChangeNanos = now;
        if (firstPendingChangeNanos == 0) {
            firstPendingChangeNanos = now;
        }
        if (!publishScheduled) {
            publishScheduled = true;
            thread.schedule(this::publishWhenQuiet, config.debounce().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void publishWhenQuiet() {
        long now = System.nanoTime();
        long quiet = now - lastChangeNanos;
        if (quiet < config.debounce().toNanos() && now - firstPendingChangeNanos < MAX_BATCH_DELAY.toNanos()) {
            thread.schedule(this::publishWhenQuiet, config.debounce().toNanos() - quiet, TimeUnit.NANOSECONDS);
            return;
        }
        publishScheduled = false;
        firstPendingChangeNanos = 0;
        if (!holding) {
            publish();
        }
    }

    private void publish() {
        long started = System.nanoTime();
        try {
            Snapshot snapshot = build();
            target.publish(snapshot);
            LOG.atInfo().addKeyValue("routes", table.size())
                    .addKeyValue("vtag", snapshot.networkMap().vtag())
                    .addKeyValue("millis", (System.nanoTime() - started) / 1_000_000)
                    .log("published a network map from BGP routes");
        } catch (SnapshotException | ProvisioningException e) {
            // The file's part (pool files are re-read) or the routes did not make a snapshot.
            LOG.atError().addKeyValue("problems", e.getMessage())
                    .log("BGP routes did not make a valid snapshot; the current one stays");
        }
    }

    /** The file's network plus the current routes, built on the feed's thread but not published. */
    public Snapshot snapshotNow() {
        try {
            return thread.submit(this::build).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building a snapshot", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    private Snapshot build() {
        FileNetwork network = file.get();
        config.rules().pids().forEach(pid -> network.builder().pid(pid, List.of()));
        table.addTo(network.builder(), network.prefixes());
        return network.builder().build();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
