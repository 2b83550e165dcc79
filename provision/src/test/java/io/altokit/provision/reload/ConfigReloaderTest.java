package io.altokit.provision.reload;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.altokit.core.InformationBase;
import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.core.SnapshotException;
import io.altokit.core.time.ManualScheduler;
import io.altokit.core.time.ManualTicker;
import io.altokit.core.time.Scheduler;
import io.altokit.core.time.Ticker;
import io.altokit.provision.ProvisioningException;
import io.altokit.provision.publish.Outcome;
import io.altokit.provision.publish.Publisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigReloaderTest {

    private static final Duration QUIET = ConfigReloader.DEFAULT_QUIET_PERIOD;
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path config;
    private InformationBase base;
    private Publisher publisher;
    private final BlockingQueue<Snapshot> published = new LinkedBlockingQueue<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final LogCapture log = new LogCapture(ConfigReloader.class);
    private ConfigReloader reloader;

    /**
     * Two PIDs; {@code cost} is the routing cost from a to b. The reloader only needs some file and a
     * loader of it (app gives it the YAML reader), so the tests use a line format: "pid prefix" or
     * "metric from to cost".
     */
    private static String network(int cost) {
        return """
                a 10.1.0.0/16
                b 10.2.0.0/16
                routingcost a b %d
                """.formatted(cost);
    }

    private static Snapshot load(Path path) {
        Snapshot.Builder builder = Snapshot.builder();
        try {
            for (String line : Files.readAllLines(path)) {
                String[] words = line.split(" ");
                if (words.length == 2) {
                    builder.pid(words[0], List.of(IpPrefix.parse(words[1])));
                } else {
                    builder.cost(words[0], words[1], words[2], Double.parseDouble(words[3]));
                }
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | SnapshotException e) {
            throw new ProvisioningException(path + ": " + e.getMessage());
        }
    }

    private static double cost(Snapshot snapshot) {
        return snapshot.costMatrix("routingcost").orElseThrow().cost(0, 1);
    }

    @BeforeEach
    void serveTheFile() throws IOException {
        config = Files.writeString(dir.resolve("network.txt"), network(1));
        base = new InformationBase(load(config));
        base.subscribe(update -> {
            if (update instanceof InformationBase.Update.Changed) {
                published.add(update.snapshot());
            }
        }, InformationBase.Delivery.inline());
        publisher = new Publisher(base, base.current(), false, Runnable::run, Ticker.system());
    }

    @AfterEach
    void stop() {
        if (reloader != null) {
            reloader.close();
        }
        log.close();
    }

    private void watch(Set<Path> dependencies) throws IOException {
        watch(dependencies, path -> {
            loads.incrementAndGet();
            return load(path);
        });
    }

    private void watch(Set<Path> dependencies, Function<Path, Snapshot> loader) throws IOException {
        reloader = ConfigReloader.start(config, dependencies, loader, publisher, QUIET);
    }

    /**
     * Edits {@code file} in place with one write of the same length: truncating first would leave an
     * empty file that a loaded machine may hold past the quiet period, a state of its own that the
     * reloader would rightly load.
     */
    private static void overwrite(Path file, String content) throws IOException {
        assertThat(content).as("same length as before").hasSize((int) Files.size(file));
        Files.writeString(file, content, StandardOpenOption.WRITE);
    }

    private Snapshot nextPublished() throws InterruptedException {
        Snapshot next = published.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(next).as("a snapshot published within %s", DEADLINE).isNotNull();
        return next;
    }

    private ILoggingEvent nextLogged(Level level) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (ILoggingEvent event; (event = log.next(Duration.ofNanos(deadline - System.nanoTime()))) != null; ) {
            if (event.getLevel() == level) {
                return event;
            }
        }
        throw new AssertionError("nothing logged at " + level + " within " + DEADLINE);
    }

    @Test
    void anEditInPlaceIsPublished() throws Exception {
        watch(Set.of());
        String before = base.current().costMatrix("routingcost").orElseThrow().vtag();
        overwrite(config, network(2));
        Snapshot next = nextPublished();
        assertThat(cost(next)).isEqualTo(2);
        assertThat(next.costMatrix("routingcost").orElseThrow().vtag()).isNotEqualTo(before);
        assertThat(base.current()).isSameAs(next);
    }

    @Test
    void theReloadLineSaysWhatChangedAndAFailureGivesItsReasonOnce() throws Exception {
        watch(Set.of());
        String vtag = base.current().networkMap().vtag();
        overwrite(config, network(2));
        assertThat(nextLogged(Level.INFO).getFormattedMessage()).as("a change of costs alone keeps the map's vtag")
                .isEqualTo("configuration reloaded: network map unchanged (" + vtag + "); costs changed: routingcost");

        overwrite(config, network(2).replace("10.2.0.0/16", "10.2.0.0/33"));
        ILoggingEvent failure = nextLogged(Level.ERROR);
        assertThat(failure.getKeyValuePairs()).extracting(pair -> pair.key).containsExactly("file", "vtag");
        assertThat(failure.getFormattedMessage().split("10.2.0.0/33", -1)).as("the reason once").hasSize(2);
    }

    @Test
    void aReplacementByRenameIsPublished() throws Exception {
        watch(Set.of());
        Path written = Files.writeString(dir.resolve(".network.txt.swp"), network(3));
        Files.move(written, config, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertThat(cost(nextPublished())).isEqualTo(3);
    }

    @Test
    void aBrokenEditKeepsTheRunningSnapshotAndIsLoggedThenTheFixIsPublished() throws Exception {
        watch(Set.of());
        Snapshot running = base.current();
        overwrite(config, network(1).replace("10.2.0.0/16", "10.2.0.0/33"));

        ILoggingEvent failure = nextLogged(Level.ERROR);
        assertThat(failure.getFormattedMessage())
                .startsWith("configuration not reloaded, still serving the previous snapshot: " + config)
                .contains("10.2.0.0/33");
        assertThat(base.current()).isSameAs(running);
        assertThat(published).isEmpty();

        overwrite(config, network(4));
        assertThat(cost(nextPublished())).isEqualTo(4);
    }

    @Test
    void aBurstOfWritesIsOneRebuildOfTheLastContent() throws Exception {
        // Time stands still while the writes come, however slowly a loaded machine makes them.
        ManualScheduler manual = new ManualScheduler(new ManualTicker(0));
        BlockingQueue<Path> loading = new LinkedBlockingQueue<>();
        reloader = ConfigReloader.start(config, Set.of(), path -> {
            loads.incrementAndGet();
            loading.add(path);
            return load(path);
        }, publisher, QUIET, manual, manual.ticker());
        for (int cost = 11; cost <= 20; cost++) {
            Files.writeString(config, network(cost));
        }
        // The watcher may still be handing on events: time moves a quiet period at a time until a load starts.
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        do {
            manual.advance(QUIET);
        } while (loading.poll(50, TimeUnit.MILLISECONDS) == null && System.nanoTime() < deadline);
        assertThat(cost(nextPublished())).isEqualTo(20);
        assertThat(loads).hasValue(1);
    }

    @Test
    void aChangedDependencyRebuildsAndTheSameContentIsNotPublishedAgain() throws Exception {
        Path matrix = Files.writeString(Files.createDirectory(dir.resolve("matrices")).resolve("rtt.csv"), "a,b,1\n");
        watch(Set.of(matrix));
        overwrite(matrix, "a,b,2\n");
        assertThat(nextLogged(Level.INFO).getFormattedMessage()).isEqualTo("configuration unchanged");
        assertThat(loads).hasValue(1);
        assertThat(published).isEmpty();
    }

    @Test
    void reloadNowReportsWhatTheRebuildCameTo() throws Exception {
        watch(Set.of());
        assertThat(reloader.reloadNow().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo(new Outcome.Unchanged(base.current()));
        reloader.close();

        watch(Set.of(), path -> {
            throw new ProvisioningException(path + ": broken");
        });
        assertThat(reloader.reloadNow().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo(new Outcome.Failed(config + ": broken"));
    }

    @Test
    void theQuietPeriodIsTimedByTheInjectedSchedulerSoNothingLoadsWhileTimeStandsStill() throws Exception {
        ManualScheduler manual = new ManualScheduler(new ManualTicker(Long.MAX_VALUE - QUIET.toNanos()));
        // What the test waits for, in order: rebuilds scheduled (their delay) and snapshots published.
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        base.subscribe(update -> {
            if (update instanceof InformationBase.Update.Changed) {
                events.add(update.snapshot());
            }
        }, InformationBase.Delivery.inline());
        Scheduler recording = (task, delay) -> {
            Scheduler.Cancellable scheduled = manual.schedule(task, delay);
            events.add(delay);
            return scheduled;
        };
        reloader = ConfigReloader.start(config, Set.of(), path -> {
            loads.incrementAndGet();
            return load(path);
        }, publisher, QUIET, recording, manual.ticker());

        Files.writeString(config, network(5));
        Object event = events.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("a rebuild scheduled after the quiet period").isEqualTo(QUIET);
        assertThat(loads).as("time stands still, so the rebuild waits").hasValue(0);
        while (!(event instanceof Snapshot)) {
            manual.advance(QUIET); // each event the watcher saw restarts the quiet period
            event = events.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("a rebuild or a publication within %s", DEADLINE).isNotNull();
        }
        assertThat(cost((Snapshot) event)).isEqualTo(5);
    }

    @Test
    void aFileStillChangingAfterTheQuietPeriodIsWaitedForAndItsLastContentLoaded() throws Exception {
        // The watched name is a link into a directory not watched: writes there raise no event, so
        // only the files' state, checked at the end of the quiet period, can tell the file moved.
        Path data = Files.createDirectory(dir.resolve("data"));
        Path first = Files.writeString(data.resolve("first.txt"), network(1));
        Files.delete(config);
        Files.createSymbolicLink(config, first);
        ManualScheduler manual = new ManualScheduler(new ManualTicker(0));
        BlockingQueue<Duration> waits = new LinkedBlockingQueue<>();
        Scheduler recording = (task, delay) -> {
            Scheduler.Cancellable scheduled = manual.schedule(task, delay);
            waits.add(delay);
            return scheduled;
        };
        reloader = ConfigReloader.start(config, Set.of(), path -> {
            loads.incrementAndGet();
            return load(path);
        }, publisher, QUIET, recording, manual.ticker());

        Path second = Files.writeString(data.resolve("second.txt"), network(6));
        Path link = Files.createSymbolicLink(dir.resolve(".network.txt.new"), second);
        Files.move(link, config, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertThat(waits.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).as("the rename seen").isEqualTo(QUIET);
        Files.writeString(second, network(60)); // another size: seen even within the clock's granularity

        manual.advance(QUIET);
        assertThat(waits.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).as("the file moved: another wait").isEqualTo(QUIET);
        assertThat(loads).as("nothing read while the file moves").hasValue(0);
        manual.advance(QUIET);
        assertThat(cost(nextPublished())).isEqualTo(60);
        assertThat(loads).hasValue(1);
    }

    @Test
    void closeEndsBothThreadsAndRefusesReloads() throws Exception {
        watch(Set.of());
        reloader.reloadNow().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        reloader.close();
        assertThatThrownBy(reloader::reloadNow).isInstanceOf(RejectedExecutionException.class);
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("alto-config-")) {
                thread.join(DEADLINE.toMillis());
                assertThat(thread.isAlive()).as("reloader thread %s still running", thread.getName()).isFalse();
            }
        }
    }
}
