package io.altokit.provision.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.altokit.core.AddressFamily;
import io.altokit.core.ChangeSet;
import io.altokit.core.InformationBase;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.core.PidProperties;
import io.altokit.core.Snapshot;
import io.altokit.core.time.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PublisherTest {

    private final ManualTicker ticker = new ManualTicker(Long.MAX_VALUE - Duration.ofSeconds(1).toNanos());
    private final ListAppender<ILoggingEvent> publisherLog = capture(Publisher.class);
    private final ListAppender<ILoggingEvent> baseLog = capture(InformationBase.class);

    private static ListAppender<ILoggingEvent> capture(Class<?> source) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(source)).addAppender(appender);
        return appender;
    }

    @AfterEach
    void detachLogs() {
        ((Logger) LoggerFactory.getLogger(Publisher.class)).detachAppender(publisherLog);
        ((Logger) LoggerFactory.getLogger(InformationBase.class)).detachAppender(baseLog);
    }

    /** The file's network, version {@code version}: PIDs a and b, the version as the cost from a to b. */
    private static Snapshot network(int version) {
        return Snapshot.builder()
                .pid("a", List.of(IpPrefix.parse("10.1.0.0/16")))
                .pid("b", List.of(IpPrefix.parse("10.2.0.0/16")))
                .cost("hopcount", "a", "b", version)
                .cost("hopcount", "b", "a", 1)
                .build();
    }

    /** Routes version {@code version}: that many /24s, each to PID b. */
    private static Routes routes(int version) {
        Map<IpPrefix, String> routes = new TreeMap<>();
        for (int i = 0; i < version; i++) {
            routes.put(IpPrefix.parse("10.9." + i + ".0/24"), "b");
        }
        return new ListedRoutes(routes);
    }

    /** Routes from a map; the network's own prefixes win. */
    private record ListedRoutes(Map<IpPrefix, String> routes) implements Routes {
        @Override
        public void addTo(Snapshot.Builder builder, Snapshot network) {
            routes.forEach((prefix, pid) -> {
                NetworkMap map = network.networkMap();
                if (!map.prefixes(map.lookup(prefix.address()), prefix.family()).contains(prefix)) {
                    builder.pid(pid, List.of(prefix));
                }
            });
        }

        @Override
        public int size() {
            return routes.size();
        }
    }

    private static int fileVersion(Snapshot snapshot) {
        return (int) snapshot.costMatrix("hopcount").orElseThrow().cost(0, 1);
    }

    private static int routesVersion(Snapshot snapshot) {
        NetworkMap map = snapshot.networkMap();
        return map.prefixes(map.indexOf("b").orElseThrow(), AddressFamily.IPV4).size() - 1;
    }

    private static List<Update> changes(InformationBase base) {
        List<Update> heard = new CopyOnWriteArrayList<>();
        base.subscribe(update -> {
            if (update instanceof InformationBase.Update.Changed changed) {
                heard.add(new Update(changed.changes()));
            }
        }, InformationBase.Delivery.inline());
        return heard;
    }

    private record Update(ChangeSet changes) {}

    @Test
    void concurrentFileAndRouteChangesArePublishedInOrderAndNeverGoBack() throws Exception {
        InformationBase base = new InformationBase(network(1));
        List<Update> published = changes(base);
        int versions = 60;
        try (Publisher publisher = Publisher.start(base, network(1), false)) {
            ExecutorService sources = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Outcome>> outcomes = new CopyOnWriteArrayList<>();
            sources.execute(() -> {
                await(start);
                for (int version = 2; version <= versions; version++) {
                    outcomes.add(publisher.submit(new Change.NetworkLoaded(network(version))));
                }
            });
            sources.execute(() -> {
                await(start);
                for (int version = 1; version <= versions; version++) {
                    outcomes.add(publisher.submit(new Change.RoutesChanged(routes(version))));
                }
            });
            start.countDown();
            sources.shutdown();
            assertThat(sources.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }

        assertThat(published).isNotEmpty();
        int file = 1;
        int routes = 0;
        String vtag = network(1).networkMap().vtag();
        for (Update update : published) {
            Snapshot snapshot = update.changes().snapshot();
            assertThat(update.changes().previousVtag()).as("each change set continues the one before").isEqualTo(vtag);
            assertThat(fileVersion(snapshot)).as("file version").isGreaterThanOrEqualTo(file);
            assertThat(routesVersion(snapshot)).as("routes version").isGreaterThanOrEqualTo(routes);
            file = fileVersion(snapshot);
            routes = routesVersion(snapshot);
            vtag = update.changes().vtag();
        }
        assertThat(fileVersion(base.current())).isEqualTo(versions);
        assertThat(routesVersion(base.current())).isEqualTo(versions);
    }

    @Test
    void changesQueuedWhileTheThreadIsBusyAreOnePublicationWithTheWaitAndBuildTimesLogged() {
        InformationBase base = new InformationBase(network(1));
        List<Update> published = changes(base);
        List<Runnable> thread = new ArrayList<>();
        Publisher publisher = new Publisher(base, network(1), false, thread::add, ticker);

        CompletableFuture<Outcome> file = publisher.submit(new Change.NetworkLoaded(network(2)));
        ticker.advance(Duration.ofMillis(3));
        CompletableFuture<Outcome> route = publisher.submit(new Change.RoutesChanged(routes(2)));
        ticker.advance(Duration.ofMillis(4));
        assertThat(thread).as("one drain for both").hasSize(1);
        thread.removeFirst().run();

        assertThat(published).hasSize(1);
        assertThat(file).isCompletedWithValue(route.join());
        assertThat(route.join()).isEqualTo(new Outcome.Published(published.getFirst().changes()));
        assertThat(fileVersion(base.current())).isEqualTo(2);
        assertThat(routesVersion(base.current())).isEqualTo(2);
        ILoggingEvent logged = publisherLog.list.getLast();
        assertThat(logged.getFormattedMessage()).isEqualTo("published a snapshot");
        assertThat(keyValues(logged)).containsEntry("sources", "file,routes").containsEntry("wait_millis", 7L)
                .containsEntry("build_millis", 0L);
    }

    @Test
    void aFileChangingOnlyThePidsPropertiesIsPublishedUnderTheRoutes() {
        InformationBase base = new InformationBase(network(1));
        Publisher publisher = new Publisher(base, network(1), false, Runnable::run, ticker);
        publisher.submit(new Change.RoutesChanged(routes(2)));
        Snapshot named = network(1).withPidProperties(PidProperties.from(Map.of("a", Map.of("priv:area-name", "Warszawa"))));

        Outcome outcome = publisher.submit(new Change.NetworkLoaded(named)).join();

        assertThat(outcome).isInstanceOf(Outcome.Published.class);
        assertThat(base.current().pidProperties().of("a")).containsEntry("priv:area-name", "Warszawa");
        assertThat(routesVersion(base.current())).as("the routes stay laid over").isEqualTo(2);
        assertThat(publisher.submit(new Change.NetworkLoaded(named)).join()).isInstanceOf(Outcome.Unchanged.class);
    }

    @Test
    void theChangeSetOfARouteChangeNamesExactlyItsPrefixesAndPids() {
        InformationBase base = new InformationBase(network(1));
        Publisher publisher = new Publisher(base, network(1), false, Runnable::run, ticker);
        publisher.submit(new Change.RoutesChanged(routes(1)));

        Outcome outcome = publisher.submit(new Change.RoutesChanged(new ListedRoutes(Map.of(
                IpPrefix.parse("10.9.0.0/24"), "a", IpPrefix.parse("10.8.0.0/16"), "b", IpPrefix.parse("10.1.0.0/16"), "b"))))
                .join();

        ChangeSet changes = ((Outcome.Published) outcome).changes();
        assertThat(changes.pids()).containsExactly("a", "b");
        assertThat(changes.prefixes()).containsExactly(IpPrefix.parse("10.8.0.0/16"), IpPrefix.parse("10.9.0.0/24"));
        assertThat(changes.costs()).isEmpty();

        ChangeSet fileChange = ((Outcome.Published) publisher.submit(new Change.NetworkLoaded(network(5))).join()).changes();
        assertThat(fileChange.pids()).isEmpty();
        assertThat(fileChange.prefixes()).isEmpty();
        assertThat(fileChange.costs()).containsOnlyKeys("hopcount");
        assertThat(fileChange.costs("hopcount").orElseThrow().numerical())
                .containsExactly(new ChangeSet.CostCell("a", "b"));
        assertThat(fileChange.snapshot().networkMap().prefixes(0, AddressFamily.IPV4))
                .as("the routes stay laid over the reloaded file").contains(IpPrefix.parse("10.9.0.0/24"));
    }

    @Test
    void aFailingBuildAndAThrowingSubscriberAreLoggedAndThePublisherGoesOn() {
        InformationBase base = new InformationBase(network(1));
        base.subscribe(update -> {
            if (update instanceof InformationBase.Update.Changed) {
                throw new IllegalStateException("subscriber broke");
            }
        }, InformationBase.Delivery.inline());
        Publisher publisher = new Publisher(base, network(1), false, Runnable::run, ticker);

        Outcome unexpected = publisher.submit(new Change.RoutesChanged(new Routes() {
            @Override
            public void addTo(Snapshot.Builder builder, Snapshot network) {
                throw new IllegalArgumentException("routes broke");
            }

            @Override
            public int size() {
                return 0;
            }
        })).join();
        Outcome invalid = publisher.submit(new Change.RoutesChanged(
                new ListedRoutes(Map.of(IpPrefix.parse("10.9.0.0/24"), "not a PID name")))).join();
        Outcome published = publisher.submit(new Change.RoutesChanged(routes(3))).join();

        assertThat(unexpected).isEqualTo(new Outcome.Failed("routes broke"));
        assertThat(invalid).isInstanceOfSatisfying(Outcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("invalid PID name \"not a PID name\""));
        assertThat(published).isInstanceOf(Outcome.Published.class);
        assertThat(routesVersion(base.current())).isEqualTo(3);
        assertThat(publisherLog.list).filteredOn(event -> event.getLevel() == Level.ERROR).hasSize(2)
                .allSatisfy(event -> assertThat(event.getFormattedMessage())
                        .startsWith("the change did not make a valid snapshot; the current one stays: "));
        assertThat(baseLog.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("subscriber broke");
        });
    }

    @Test
    void anErrorFailsItsOwnBatchOnlyAndTheNextChangeIsPublished() throws Exception {
        InformationBase base = new InformationBase(network(1));
        Publisher publisher = new Publisher(base, network(1), false, Runnable::run, ticker);
        Routes exhausting = new Routes() {
            @Override
            public void addTo(Snapshot.Builder builder, Snapshot network) {
                throw new OutOfMemoryError("simulated");
            }

            @Override
            public int size() {
                return 0;
            }
        };

        assertThatThrownBy(() -> publisher.submit(new Change.RoutesChanged(exhausting)))
                .isInstanceOf(OutOfMemoryError.class);
        assertThat(publisher.submit(new Change.RoutesChanged(routes(2))).get(10, TimeUnit.SECONDS))
                .as("a new drain took the change").isInstanceOf(Outcome.Published.class);
        assertThat(routesVersion(base.current())).isEqualTo(2);
    }

    @Test
    void aHeldPublisherKeepsTheRestoredSnapshotUntilTheSourcesCatchUp() {
        Snapshot restored = network(9);
        InformationBase base = new InformationBase(restored);
        Publisher publisher = new Publisher(base, network(1), true, Runnable::run, ticker);

        assertThat(publisher.submit(new Change.RoutesChanged(routes(2))).join()).isEqualTo(new Outcome.Held());
        assertThat(publisher.submit(new Change.NetworkLoaded(network(3))).join()).isEqualTo(new Outcome.Held());
        assertThat(base.current()).isSameAs(restored);

        assertThat(publisher.submit(new Change.CaughtUp()).join()).isInstanceOf(Outcome.Published.class);
        assertThat(fileVersion(base.current())).isEqualTo(3);
        assertThat(routesVersion(base.current())).isEqualTo(2);
        assertThat(publisher.submit(new Change.NetworkLoaded(network(3))).join())
                .isEqualTo(new Outcome.Unchanged(base.current()));
    }

    @Test
    void aClosedPublisherRefusesChanges() {
        InformationBase base = new InformationBase(network(1));
        Publisher publisher = Publisher.start(base, network(1), false);
        publisher.close();
        assertThat(publisher.submit(new Change.NetworkLoaded(network(2))).join())
                .isEqualTo(new Outcome.Failed("the publisher is closed"));
        assertThat(base.current().networkMap().vtag()).isEqualTo(network(1).networkMap().vtag());
    }

    private static Map<String, Object> keyValues(ILoggingEvent event) {
        Map<String, Object> values = new TreeMap<>();
        event.getKeyValuePairs().forEach(pair -> values.put(pair.key, pair.value));
        return values;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
