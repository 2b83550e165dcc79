package io.altokit.provision.publish;

import io.altokit.core.ChangeSet;
import io.altokit.core.InformationBase;
import io.altokit.core.Snapshot;
import io.altokit.core.time.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one writer of an {@link InformationBase}: it owns the network model (the network file's
 * network plus the routing feed's routes) and is the only caller of {@code publish}. Every source
 * of change (file reload, BGP routes, the end of a restart's hold) sends it a typed {@link Change}
 * through a bounded inbox; the changes are applied one batch at a time on one thread, so snapshots
 * are published in the order their changes arrived and an older one never replaces a newer one
 * (GoBGP's management loop, EXAMPLES.md section 1).
 *
 * <p>Changes that queue up while a snapshot is being built are coalesced into the next one. The
 * next snapshot is built from the model, never by going back to the sources: a route change lays
 * the new routes over the file's network as it was last loaded. The rebuild is incremental where the
 * change allows: a file reload that leaves every PID's prefixes as they were (pool cells changed)
 * is compared with the network it replaces, and only the cost matrices of the metrics whose costs
 * differ are taken into the last built snapshot, whose network map (routes laid over) and other
 * matrices are shared; so the server re-encodes only those maps, and the change set keeps only
 * those matrices of the previous snapshot. Every failure (a build that does
 * not check out, a subscriber that throws, anything unexpected) is logged and the publisher goes on
 * with the next change; each publication logs how long its changes waited and how long the build took.
 */
public final class Publisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    /** Changes that may wait; a source that finds the inbox full waits too (back pressure). */
    public static final int INBOX_CAPACITY = 1024;

    private record Pending(Change change, long enqueuedNanos, CompletableFuture<Outcome> outcome) {}

    private final InformationBase target;
    private final Executor executor;
    private final Optional<ExecutorService> ownThread;
    private final Ticker ticker;
    private final BlockingQueue<Pending> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
    private boolean draining;
    /** How long the last snapshot build took, for metrics; negative before the first. */
    private volatile long lastBuildNanos = -1;

    // The model: touched only by the batch being applied, one at a time.
    private Snapshot network;
    private Optional<Routes> routes = Optional.empty();
    private boolean held;
    /** The snapshot last built from the model (published, or held back), for the next incremental rebuild. */
    private Optional<Snapshot> built;

    /**
     * @param network the network file's network, which {@code target} serves unless it was restored
     * @param held whether {@code target} serves a snapshot restored from the state file, to be kept
     *     until a {@link Change.CaughtUp}
     * @param executor runs the batches one at a time (a direct executor in tests)
     */
    public Publisher(InformationBase target, Snapshot network, boolean held, Executor executor, Ticker ticker) {
        this(target, network, held, executor, Optional.empty(), ticker);
    }

    private Publisher(InformationBase target, Snapshot network, boolean held, Executor executor,
                      Optional<ExecutorService> ownThread, Ticker ticker) {
        this.target = Objects.requireNonNull(target, "target");
        this.network = Objects.requireNonNull(network, "network");
        this.held = held;
        this.built = held ? Optional.empty() : Optional.of(network);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ownThread = ownThread;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** A publisher on a thread of its own ({@code alto-publisher}), timed by the system ticker. */
    public static Publisher start(InformationBase target, Snapshot network, boolean held) {
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread worker = new Thread(task, "alto-publisher");
            worker.setDaemon(true);
            return worker;
        });
        return new Publisher(target, network, held, thread, Optional.of(thread), Ticker.system());
    }

    /** How long building the last snapshot took (published or not); empty before the first build. */
    public Optional<Duration> lastBuildTime() {
        long nanos = lastBuildNanos;
        return nanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    public InformationBase target() {
        return target;
    }

    /**
     * Queues {@code change}, waiting while the inbox is full.
     *
     * @return completes with what the change came to, once its batch was applied
     */
    public CompletableFuture<Outcome> submit(Change change) {
        Pending pending = new Pending(Objects.requireNonNull(change, "change"), ticker.read(), new CompletableFuture<>());
        try {
            inbox.put(pending);
            drainSoon();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.outcome().complete(new Outcome.Failed("interrupted while queueing the " + change.source() + " change"));
        } catch (RejectedExecutionException e) {
            inbox.remove(pending);
            pending.outcome().complete(new Outcome.Failed("the publisher is closed"));
        }
        return pending.outcome();
    }

    private void drainSoon() {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                draining = false;
            }
            throw e;
        }
    }

    private void drain() {
        for (List<Pending> batch; !(batch = nextBatch()).isEmpty(); ) {
            Outcome outcome;
            try {
                outcome = apply(batch);
            } catch (RuntimeException e) {
                LOG.atError().setCause(e).addKeyValue("sources", sources(batch))
                        .log("publishing failed unexpectedly; the current snapshot stays");
                outcome = new Outcome.Failed(Objects.requireNonNullElse(e.getMessage(), e.toString()));
            } catch (Error e) {
                // Out of memory, say: the sources are not left waiting, and the next change starts a new drain.
                batch.forEach(pending -> pending.outcome().completeExceptionally(e));
                synchronized (this) {
                    draining = false;
                }
                throw e;
            }
            for (Pending pending : batch) {
                pending.outcome().complete(outcome);
            }
        }
    }

    private synchronized List<Pending> nextBatch() {
        List<Pending> batch = new ArrayList<>();
        inbox.drainTo(batch);
        if (batch.isEmpty()) {
            draining = false;
        }
        return batch;
    }

    private Outcome apply(List<Pending> batch) {
        long started = ticker.read();
        Snapshot previousNetwork = network;
        boolean routesChanged = false;
        for (Pending pending : batch) {
            switch (pending.change()) {
                case Change.NetworkLoaded loaded -> network = loaded.network();
                case Change.RoutesChanged changed -> {
                    routes = Optional.of(changed.routes());
                    routesChanged = true;
                }
                case Change.CaughtUp caughtUp -> held = false;
            }
        }
        if (held) {
            LOG.atDebug().addKeyValue("sources", sources(batch)).log("change kept for later: serving the restored snapshot");
            built = Optional.empty();
            return new Outcome.Held();
        }
        Snapshot next;
        try {
            next = routesChanged ? build() : rebuild(previousNetwork);
            built = Optional.of(next);
        } catch (RuntimeException e) {
            built = Optional.empty(); // the model moved on without it: the next change builds whole
            String reason = Objects.requireNonNullElse(e.getMessage(), e.toString());
            LOG.atError().addKeyValue("sources", sources(batch)).addKeyValue("reason", reason)
                    .log("the change did not make a valid snapshot; the current one stays: {}", reason);
            return new Outcome.Failed(reason);
        }
        long built = ticker.read();
        lastBuildNanos = built - started;
        Snapshot current = target.current();
        if (sameContent(current, next)) {
            LOG.atDebug().addKeyValue("sources", sources(batch)).addKeyValue("vtag", current.networkMap().vtag())
                    .log("the change left the served content as it was");
            return new Outcome.Unchanged(current);
        }
        ChangeSet changes = target.publish(next);
        LOG.atInfo().addKeyValue("sources", sources(batch)).addKeyValue("vtag", changes.vtag())
                .addKeyValue("previous_vtag", changes.previousVtag())
                .addKeyValue("pids", next.networkMap().size()).addKeyValue("routes", routes.map(Routes::size).orElse(0))
                .addKeyValue("wait_millis", TimeUnit.NANOSECONDS.toMillis(started - batch.getFirst().enqueuedNanos()))
                .addKeyValue("build_millis", TimeUnit.NANOSECONDS.toMillis(built - started))
                .log("published a snapshot");
        if (LOG.isDebugEnabled()) {
            // Only here: working the change set out costs as much as a build when a full table moves.
            LOG.atDebug().addKeyValue("vtag", changes.vtag()).addKeyValue("pids", changes.pids().size())
                    .addKeyValue("prefixes", changes.prefixes().size()).addKeyValue("metrics", changes.costs().keySet())
                    .log("what the publication changed");
        }
        return new Outcome.Published(changes);
    }

    /**
     * The model's snapshot after the file's network replaced {@code previousNetwork} (the same one
     * when no file change came): only the changed metrics and the PIDs' properties taken into the
     * last built snapshot when the prefixes stayed, else built whole.
     */
    private Snapshot rebuild(Snapshot previousNetwork) {
        if (built.isEmpty() || !network.networkMap().vtag().equals(previousNetwork.networkMap().vtag())) {
            return build();
        }
        List<String> changed = Stream.concat(previousNetwork.metrics().stream(), network.metrics().stream()).distinct()
                .filter(metric -> !vtagOf(previousNetwork, metric).equals(vtagOf(network, metric)))
                .toList();
        LOG.atDebug().addKeyValue("metrics", changed).log("the file changed costs only: rebuilding their maps");
        Snapshot costs = changed.isEmpty() ? built.get() : built.get().withCostsOf(network, changed);
        return costs.withPidProperties(network.pidProperties());
    }

    private static Optional<String> vtagOf(Snapshot snapshot, String metric) {
        return snapshot.costTag(metric);
    }

    /** The file's network, with the routes laid over it when a routing feed sent any. */
    private Snapshot build() {
        if (routes.isEmpty()) {
            return network;
        }
        Snapshot.Builder builder = network.toBuilder();
        routes.get().addTo(builder, network);
        return builder.build();
    }

    private static boolean sameContent(Snapshot a, Snapshot b) {
        return a.networkMap().vtag().equals(b.networkMap().vtag()) && a.pidProperties().equals(b.pidProperties())
                && a.metrics().equals(b.metrics())
                && a.metrics().stream().allMatch(metric -> a.costTag(metric).equals(b.costTag(metric)));
    }

    private static String sources(List<Pending> batch) {
        return batch.stream().map(pending -> pending.change().source()).distinct().collect(Collectors.joining(","));
    }

    /** Stops taking changes (later ones come to {@link Outcome.Failed}); the ones already queued are applied first. */
    @Override
    public void close() {
        ownThread.ifPresent(thread -> {
            thread.shutdown();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
