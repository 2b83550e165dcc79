package io.altokit.provision.reload;

import io.altokit.core.CostMatrix;
import io.altokit.core.InformationBase;
import io.altokit.core.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Rebuilds the snapshot when the configuration file, or a file it depends on, changes, and
 * publishes it only if it built: a broken file leaves the running snapshot in place and is logged
 * in one line naming the file and the reason.
 *
 * <p>It watches the files' directories rather than the files, because editors and deployment tools
 * replace a file by renaming another one over it. A burst of events (an editor writing in several
 * steps) becomes one rebuild once the files have been quiet for the quiet period. Rebuilds run one
 * at a time on a thread of their own, off the request path.
 */
public final class ConfigReloader implements AutoCloseable {

    /** Long enough to cover an editor's save (truncate, write, rename), short enough to feel immediate. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMillis(300);

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    /** What one rebuild came to. */
    public sealed interface Outcome {
        /** The new snapshot is current. */
        record Published(Snapshot snapshot) implements Outcome {}

        /** The files hold the content already served (same vtags), so nothing was published. */
        record Unchanged(Snapshot current) implements Outcome {}

        /** The files could not be loaded; the running snapshot stays. */
        record Failed(String reason) implements Outcome {}
    }

    private final Path config;
    private final Set<Path> watched;
    private final Function<Path, Snapshot> loader;
    private final InformationBase target;
    private final long quietNanos;
    private final WatchService watchService;
    private final Thread watcher;
    private final ScheduledThreadPoolExecutor rebuilder;
    private ScheduledFuture<?> pending;

    private ConfigReloader(Path config, Set<Path> dependencies, Function<Path, Snapshot> loader,
                           InformationBase target, Duration quietPeriod) throws IOException {
        this.config = config.toAbsolutePath().normalize();
        this.loader = Objects.requireNonNull(loader, "loader");
        this.target = Objects.requireNonNull(target, "target");
        quietNanos = quietPeriod.toNanos();
        watched = new HashSet<>();
        watched.add(this.config);
        dependencies.forEach(file -> watched.add(file.toAbsolutePath().normalize()));
        watchService = FileSystems.getDefault().newWatchService();
        try {
            for (Path directory : watched.stream().map(Path::getParent).distinct().toList()) {
                directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            }
        } catch (IOException | RuntimeException e) {
            watchService.close();
            throw e;
        }
        rebuilder = new ScheduledThreadPoolExecutor(1, task -> daemon(task, "alto-config-reload"));
        // On close, a rebuild waiting out its quiet period is dropped; a running one finishes.
        rebuilder.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        watcher = daemon(this::watch, "alto-config-watch");
    }

    /**
     * Starts watching {@code config} and {@code dependencies}; each change rebuilds the snapshot with
     * {@code loader.apply(config)} and publishes it to {@code target}.
     *
     * @param dependencies further files the loader reads (matrices, say); may be empty
     * @param loader builds a snapshot from the configuration file, throwing with the reason if it cannot
     * @throws IOException if a directory cannot be watched
     */
    public static ConfigReloader start(Path config, Set<Path> dependencies, Function<Path, Snapshot> loader,
                                       InformationBase target, Duration quietPeriod) throws IOException {
        ConfigReloader reloader = new ConfigReloader(config, dependencies, loader, target, quietPeriod);
        reloader.watcher.start();
        return reloader;
    }

    /**
     * Rebuilds now, whether or not a file changed (SIGHUP, an admin request), after any rebuild
     * already running.
     *
     * @throws RejectedExecutionException after {@link #close()}
     */
    public CompletableFuture<Outcome> reloadNow() {
        return CompletableFuture.supplyAsync(this::rebuild, rebuilder);
    }

    /** Stops watching, drops a rebuild not yet started, waits for a running one, and ends both threads. */
    @Override
    public void close() {
        try {
            watchService.close();
            watcher.join();
        } catch (IOException e) {
            LOG.warn("closing the configuration watch failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rebuilder.close();
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                Path directory = (Path) key.watchable();
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    // OVERFLOW: events were lost, so one of ours may be among them.
                    relevant |= event.kind() == StandardWatchEventKinds.OVERFLOW
                            || watched.contains(directory.resolve((Path) event.context()));
                }
                if (!key.reset()) {
                    LOG.atWarn().addKeyValue("directory", directory)
                            .log("no longer watching {}: the directory is gone; SIGHUP still reloads", directory);
                }
                if (relevant) {
                    rebuildWhenQuiet();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // close() ends the watch this way.
        }
    }

    private synchronized void rebuildWhenQuiet() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = rebuilder.schedule(this::rebuild, quietNanos, TimeUnit.NANOSECONDS);
    }

    private Outcome rebuild() {
        long started = System.nanoTime();
        Snapshot next;
        try {
            next = loader.apply(config);
        } catch (RuntimeException e) {
            String reason = Objects.requireNonNullElse(e.getMessage(), e.toString());
            // The reason goes in the message only: as a key too, text logs would print it twice.
            LOG.atError().addKeyValue("file", config).addKeyValue("vtag", target.current().networkMap().vtag())
                    .log("configuration not reloaded, still serving the previous snapshot: {}", reason);
            return new Outcome.Failed(reason);
        }
        Snapshot current = target.current();
        if (sameContent(current, next)) {
            LOG.atInfo().addKeyValue("file", config).addKeyValue("vtag", current.networkMap().vtag())
                    .log("configuration unchanged");
            return new Outcome.Unchanged(current);
        }
        try {
            target.publish(next);
        } catch (RuntimeException e) {
            // The snapshot is current all the same; a subscriber failed to take it in.
            LOG.error("a subscriber failed on the reloaded snapshot", e);
        }
        LOG.atInfo().addKeyValue("file", config).addKeyValue("vtag", next.networkMap().vtag())
                .addKeyValue("pids", next.networkMap().size())
                .addKeyValue("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                .log("configuration reloaded: {}", changes(current, next));
        return new Outcome.Published(next);
    }

    /**
     * What a reload changed, for its log line: the network map's vtag when it changed, and the
     * metrics whose costs changed (a change of costs alone keeps the network map's vtag).
     */
    static String changes(Snapshot current, Snapshot next) {
        List<String> parts = new ArrayList<>();
        String before = current.networkMap().vtag();
        String after = next.networkMap().vtag();
        parts.add(before.equals(after) ? "network map unchanged (" + after + ")" : "network map " + before + " -> " + after);
        Set<String> metrics = new TreeSet<>(current.metrics());
        metrics.addAll(next.metrics());
        List<String> changedCosts = metrics.stream().filter(metric -> !current.costMatrix(metric).map(CostMatrix::vtag)
                .equals(next.costMatrix(metric).map(CostMatrix::vtag))).toList();
        parts.add(changedCosts.isEmpty() ? "costs unchanged" : "costs changed: " + String.join(", ", changedCosts));
        return String.join("; ", parts);
    }

    private static boolean sameContent(Snapshot a, Snapshot b) {
        return a.networkMap().vtag().equals(b.networkMap().vtag())
                && a.metrics().equals(b.metrics())
                && a.metrics().stream().allMatch(metric ->
                        a.costMatrix(metric).orElseThrow().vtag().equals(b.costMatrix(metric).orElseThrow().vtag()));
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        // Never the reason the JVM stays up; close() is the orderly way to stop.
        thread.setDaemon(true);
        return thread;
    }
}
