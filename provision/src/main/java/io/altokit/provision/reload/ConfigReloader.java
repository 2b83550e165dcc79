package io.altokit.provision.reload;

import io.altokit.core.ChangeSet;
import io.altokit.core.Snapshot;
import io.altokit.core.time.Scheduler;
import io.altokit.core.time.Ticker;
import io.altokit.provision.publish.Change;
import io.altokit.provision.publish.Outcome;
import io.altokit.provision.publish.Publisher;
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
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Loads the network again when the configuration file, or a file it depends on, changes, and
 * hands it to the {@link Publisher} only if it loaded: a broken file leaves the running snapshot in
 * place and is logged in one line naming the file and the reason.
 *
 * <p>It watches the files' directories rather than the files, because editors and deployment tools
 * replace a file by renaming another one over it. A burst of events (an editor writing in several
 * steps) becomes one rebuild once the files have settled: no event for the quiet period (timed by
 * the given scheduler) and every watched file still as it was when the last event came (size,
 * modification time, and which file the name points to: {@link FileStates}); a file still moving waits
 * another quiet period. A file renamed into place is whole when its event comes, so the quiet
 * period can be short; a reload that catches a file half written fails, or is followed by the
 * reload the writer's next write causes. Loads run one at a time on a thread of their own, off the request path and off the
 * publisher's thread.
 */
public final class ConfigReloader implements AutoCloseable {

    /**
     * Longer than the gaps between the steps of an editor's save (truncate, write, rename: each a
     * system call after the other), short beside the one second a change should take to be served.
     */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMillis(50);

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final Path config;
    private final Set<Path> watched;
    private final Function<Path, Snapshot> loader;
    private final Publisher publisher;
    private final Duration quietPeriod;
    private final WatchService watchService;
    private final Thread watcher;
    private final ScheduledThreadPoolExecutor rebuilder;
    private final Scheduler scheduler;
    private final Ticker ticker;
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private Scheduler.Cancellable pending = () -> { };
    /** Counts the events' waits: a check from before the last event has nothing more to do. */
    private long settling;

    private ConfigReloader(Path config, Set<Path> dependencies, Function<Path, Snapshot> loader, Publisher publisher,
                           Duration quietPeriod, Optional<Scheduler> scheduler, Ticker ticker) throws IOException {
        this.config = config.toAbsolutePath().normalize();
        this.loader = Objects.requireNonNull(loader, "loader");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.quietPeriod = quietPeriod;
        this.ticker = ticker;
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
        this.scheduler = scheduler.orElse(Scheduler.on(rebuilder));
        watcher = daemon(this::watch, "alto-config-watch");
    }

    /**
     * Starts watching {@code config} and {@code dependencies}; each change loads the network with
     * {@code loader.apply(config)} and sends it to {@code publisher}. The quiet period runs on the
     * system clock.
     *
     * @param dependencies further files the loader reads (matrices, say); may be empty
     * @param loader builds the file's network, throwing with the reason if it cannot
     * @throws IOException if a directory cannot be watched
     */
    public static ConfigReloader start(Path config, Set<Path> dependencies, Function<Path, Snapshot> loader,
                                       Publisher publisher, Duration quietPeriod) throws IOException {
        return start(new ConfigReloader(config, dependencies, loader, publisher, quietPeriod, Optional.empty(),
                Ticker.system()));
    }

    /** As {@link #start(Path, Set, Function, Publisher, Duration)}, with the quiet period timed by {@code scheduler}. */
    public static ConfigReloader start(Path config, Set<Path> dependencies, Function<Path, Snapshot> loader,
                                       Publisher publisher, Duration quietPeriod, Scheduler scheduler, Ticker ticker)
            throws IOException {
        return start(new ConfigReloader(config, dependencies, loader, publisher, quietPeriod, Optional.of(scheduler),
                ticker));
    }

    private static ConfigReloader start(ConfigReloader reloader) {
        reloader.watcher.start();
        return reloader;
    }

    /**
     * Loads and publishes now, whether or not a file changed (SIGHUP, an admin request), after any
     * load already running.
     *
     * @throws RejectedExecutionException after {@link #close()}
     */
    public CompletableFuture<Outcome> reloadNow() {
        return CompletableFuture.supplyAsync(this::rebuild, rebuilder);
    }

    /** Reloads run since the start, whatever their outcome. */
    public long reloads() {
        return reloads.get();
    }

    /** Reloads that left the previous snapshot served: the files could not be read or made no valid snapshot. */
    public long failedReloads() {
        return failures.get();
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
        pending.cancel();
        settleThenRebuild(++settling, FileStates.of(watched));
    }

    /** Checks the files after the quiet period: rebuilds if they are still as {@code seen}, else waits again. */
    private synchronized void settleThenRebuild(long round, FileStates seen) {
        pending = scheduler.schedule(() -> settled(round, seen), quietPeriod);
    }

    private synchronized void settled(long round, FileStates seen) {
        if (round != settling) {
            return; // an event came meanwhile and started a wait of its own
        }
        FileStates now = FileStates.of(watched);
        if (!now.equals(seen)) {
            settleThenRebuild(round, now);
            return;
        }
        try {
            rebuilder.execute(this::rebuild);
        } catch (RejectedExecutionException e) {
            // Closed while the files were settling: nothing more to publish.
        }
    }

    private Outcome rebuild() {
        reloads.incrementAndGet();
        long started = ticker.read();
        Snapshot next;
        try {
            next = loader.apply(config);
        } catch (RuntimeException e) {
            return failed(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
        Outcome outcome = publisher.submit(new Change.NetworkLoaded(next)).join();
        switch (outcome) {
            case Outcome.Published published -> LOG.atInfo().addKeyValue("file", config)
                    .addKeyValue("vtag", published.changes().vtag())
                    .addKeyValue("pids", published.changes().snapshot().networkMap().size())
                    .addKeyValue("millis", TimeUnit.NANOSECONDS.toMillis(ticker.read() - started))
                    .log("configuration reloaded: {}", changes(published.changes()));
            case Outcome.Unchanged unchanged -> LOG.atInfo().addKeyValue("file", config)
                    .addKeyValue("vtag", unchanged.current().networkMap().vtag())
                    .log("configuration unchanged");
            case Outcome.Held held -> LOG.atInfo().addKeyValue("file", config)
                    .log("configuration loaded; it is published once the BGP peers have caught up");
            case Outcome.Failed failure -> failed(failure.reason());
        }
        return outcome;
    }

    /**
     * What a reload changed, for its log line: the network map's vtag when the map changed, and the
     * metrics whose costs changed (a change of costs alone keeps the network map's vtag).
     */
    static String changes(ChangeSet changes) {
        String map = changes.previousVtag().equals(changes.vtag()) ? "network map unchanged (" + changes.vtag() + ")"
                : "network map " + changes.previousVtag() + " -> " + changes.vtag();
        // The rebuilt metrics, known at once: comparing the cells (changes.costs()) takes hundreds of
        // milliseconds of CPU at 1,700 PIDs, on the core that serves the change.
        String costs = changes.rebuiltMetrics().isEmpty() ? "costs unchanged" : "costs changed: " + String.join(", ", changes.rebuiltMetrics());
        return map + "; " + costs;
    }

    private Outcome failed(String reason) {
        failures.incrementAndGet();
        // The reason goes in the message only: as a key too, text logs would print it twice.
        LOG.atError().addKeyValue("file", config).addKeyValue("vtag", publisher.target().current().networkMap().vtag())
                .log("configuration not reloaded, still serving the previous snapshot: {}", reason);
        return new Outcome.Failed(reason);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        // Never the reason the JVM stays up; close() is the orderly way to stop.
        thread.setDaemon(true);
        return thread;
    }
}
