package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.altokit.core.InformationBase.Delivery;
import io.altokit.core.InformationBase.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class InformationBaseTest {

    private final Snapshot first = Snapshot.builder().pid("a", Prefixes.of("10.0.0.0/8")).build();
    private final Snapshot second = Snapshot.builder().pid("b", Prefixes.of("10.0.0.0/8")).build();
    private final Snapshot third = Snapshot.builder().pid("c", Prefixes.of("10.0.0.0/8")).build();
    private final Snapshot fourth = Snapshot.builder().pid("d", Prefixes.of("10.0.0.0/8")).build();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(InformationBase.class);

    {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void detachLog() {
        logger.detachAppender(log);
    }

    private static Consumer<Update> snapshots(List<Snapshot> heard) {
        return update -> heard.add(update.snapshot());
    }

    @Test
    void publishReplacesTheCurrentSnapshot() {
        InformationBase base = new InformationBase(first);
        assertThat(base.current()).isSameAs(first);
        base.publish(second);
        assertThat(base.current()).isSameAs(second);
    }

    @Test
    void listenersHearTheCurrentSnapshotThenEveryPublicationUntilTheyUnsubscribe() {
        InformationBase base = new InformationBase(first);
        List<Snapshot> heard = new ArrayList<>();
        InformationBase.Subscription subscription = base.subscribe(snapshots(heard), Delivery.inline());
        base.publish(second);
        subscription.close();
        subscription.close();
        base.publish(third);
        assertThat(heard).containsExactly(first, second);
    }

    @Test
    void listenersSeeTheNewSnapshotAsCurrent() {
        InformationBase base = new InformationBase(first);
        List<Snapshot> currentWhenNotified = new ArrayList<>();
        base.subscribe(update -> currentWhenNotified.add(base.current()), Delivery.inline());
        base.publish(second);
        assertThat(currentWhenNotified).containsExactly(first, second);
    }

    @Test
    void subscribingOneListenerTwiceGivesTwoSubscriptions() {
        InformationBase base = new InformationBase(first);
        List<Snapshot> heard = new ArrayList<>();
        Consumer<Update> listener = snapshots(heard);
        InformationBase.Subscription once = base.subscribe(listener, Delivery.inline());
        base.subscribe(listener, Delivery.inline());
        heard.clear();
        base.publish(second);
        once.close();
        base.publish(third);
        assertThat(heard).containsExactly(second, second, third);
    }

    @Test
    void aFailingListenerIsLoggedAndSilencesNeitherTheOthersNorItsOwnNextUpdate() {
        InformationBase base = new InformationBase(first);
        List<Snapshot> heard = new ArrayList<>();
        List<Snapshot> failed = new ArrayList<>();
        base.subscribe(update -> {
            failed.add(update.snapshot());
            throw new IllegalStateException("first");
        }, Delivery.inline());
        base.subscribe(snapshots(heard), Delivery.inline());

        base.publish(second);
        base.publish(third);

        assertThat(heard).containsExactly(first, second, third);
        assertThat(failed).containsExactly(first, second, third);
        assertThat(base.current()).isSameAs(third);
        assertThat(log.list).hasSize(3).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("first");
        });
    }

    @Test
    void concurrentPublicationsReachListenersInTheOrderTheyTookEffect() throws InterruptedException {
        InformationBase base = new InformationBase(first);
        List<Snapshot> heard = new CopyOnWriteArrayList<>();
        List<Snapshot> currentAfterEach = new CopyOnWriteArrayList<>();
        List<ChangeSet> changes = new CopyOnWriteArrayList<>();
        base.subscribe(update -> {
            heard.add(update.snapshot());
            Thread.yield();
            currentAfterEach.add(base.current());
            if (update instanceof Update.Changed changed) {
                changes.add(changed.changes());
            }
        }, Delivery.inline());
        ExecutorService publishers = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 200; i++) {
            Snapshot next = i % 2 == 0 ? second : third;
            publishers.execute(() -> {
                awaitQuietly(start);
                base.publish(next);
            });
        }
        start.countDown();
        publishers.shutdown();
        assertThat(publishers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        // Had publications interleaved, some listener call would see another snapshot as current.
        assertThat(currentAfterEach).hasSize(201).containsExactlyElementsOf(heard);
        // Each change set starts where the one before ended.
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).previousVtag()).isEqualTo(changes.get(i - 1).vtag());
        }
    }

    /**
     * GoBGP's TestWatchUpdateCurrentDeliversInitBeforeLiveEvents: the new subscriber is stalled in
     * the middle of taking in the current snapshot while another thread publishes; the full
     * snapshot still comes first and the publication after it, continuing from it.
     */
    @Test
    void theCurrentSnapshotIsDeliveredBeforeAPublicationMadeWhileItIsTakenIn() throws Exception {
        InformationBase base = new InformationBase(first);
        List<Update> heard = new CopyOnWriteArrayList<>();
        CountDownLatch dumping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread subscriber = Thread.ofPlatform().start(() -> base.subscribe(update -> {
            heard.add(update);
            if (update instanceof Update.Full) {
                dumping.countDown();
                awaitQuietly(release);
            }
        }, Delivery.inline()));
        assertThat(dumping.await(10, TimeUnit.SECONDS)).isTrue();
        Thread publisher = Thread.ofPlatform().start(() -> base.publish(second));
        // The publisher is blocked behind the subscription or has not started: either way not before it.
        assertThat(heard).hasSize(1);
        release.countDown();
        subscriber.join(10_000);
        publisher.join(10_000);

        assertThat(heard).hasSize(2);
        assertThat(heard.get(0)).isEqualTo(new Update.Full(first));
        ChangeSet live = ((Update.Changed) heard.get(1)).changes();
        assertThat(live.previousVtag()).isEqualTo(first.networkMap().vtag());
        assertThat(live.snapshot()).isSameAs(second);
    }

    @Test
    void aSlowQueuedSubscriberDoesNotHoldPublishingUpAndAfterAnOverflowGetsTheNewestSnapshotWhole() {
        InformationBase base = new InformationBase(first);
        List<Runnable> tasks = new ArrayList<>();
        List<Update> heard = new ArrayList<>();
        base.subscribe(heard::add, new Delivery.Queued(tasks::add, 2));

        base.publish(second);
        base.publish(third); // the queue (full first, then second) overflows
        assertThat(heard).as("nothing runs until the subscriber's executor does").isEmpty();
        assertThat(base.current()).isSameAs(third);
        runAll(tasks);
        assertThat(heard).containsExactly(new Update.Full(third));
        assertThat(log.list).singleElement().satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN));

        base.publish(fourth);
        runAll(tasks);
        assertThat(heard).hasSize(2);
        ChangeSet next = ((Update.Changed) heard.get(1)).changes();
        assertThat(next.previousVtag()).isEqualTo(third.networkMap().vtag());
        assertThat(next.snapshot()).isSameAs(fourth);
    }

    @Test
    void byDefaultUpdatesArriveInOrderOffThePublishingThread() throws Exception {
        InformationBase base = new InformationBase(first);
        BlockingQueue<Update> heard = new LinkedBlockingQueue<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        base.subscribe(update -> {
            threads.add(Thread.currentThread());
            heard.add(update);
        });
        base.publish(second);
        base.publish(third);

        List<Update> updates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Update next = heard.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("update %d delivered", i).isNotNull();
            updates.add(next);
        }
        assertThat(updates).extracting(Update::snapshot).containsExactly(first, second, third);
        assertThat(updates.getFirst()).isInstanceOf(Update.Full.class);
        assertThat(((Update.Changed) updates.get(2)).changes().previousVtag()).isEqualTo(second.networkMap().vtag());
        assertThat(threads).allSatisfy(thread -> assertThat(thread.isVirtual()).isTrue());
    }

    @Test
    void aClosedQueuedSubscriptionDropsWhatItHasNotTakenYet() {
        InformationBase base = new InformationBase(first);
        List<Runnable> tasks = new ArrayList<>();
        List<Update> heard = new ArrayList<>();
        InformationBase.Subscription subscription = base.subscribe(heard::add, new Delivery.Queued(tasks::add, 8));
        base.publish(second);
        subscription.close();
        runAll(tasks);
        assertThat(heard).isEmpty();
    }

    private static void runAll(List<Runnable> tasks) {
        while (!tasks.isEmpty()) {
            tasks.removeFirst().run();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
