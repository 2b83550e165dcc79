package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InformationBaseTest {

    private final Snapshot first = Snapshot.builder().pid("a", Prefixes.of("10.0.0.0/8")).build();
    private final Snapshot second = Snapshot.builder().pid("b", Prefixes.of("10.0.0.0/8")).build();
    private final Snapshot third = Snapshot.builder().pid("c", Prefixes.of("10.0.0.0/8")).build();

    @Test
    void publishReplacesTheCurrentSnapshot() {
        InformationBase base = new InformationBase(first);
        assertThat(base.current()).isSameAs(first);
        base.publish(second);
        assertThat(base.current()).isSameAs(second);
    }

    @Test
    void listenersHearEveryPublicationUntilTheyUnsubscribe() {
        InformationBase base = new InformationBase(first);
        List<Snapshot> heard = new ArrayList<>();
        InformationBase.Subscription subscription = base.subscribe(heard::add);
        base.publish(second);
        subscription.close();
        subscription.close();
        base.publish(third);
        assertThat(heard).containsExactly(second);
    }

    @Test
    void listenersSeeTheNewSnapshotAsCurrent() {
        InformationBase base = new InformationBase(first);
        List<Snapshot> currentWhenNotified = new ArrayList<>();
        base.subscribe(snapshot -> currentWhenNotified.add(base.current()));
        base.publish(second);
        assertThat(currentWhenNotified).containsExactly(second);
    }

    @Test
    void subscribingOneListenerTwiceGivesTwoSubscriptions() {
        InformationBase base = new InformationBase(first);
        List<Snapshot> heard = new ArrayList<>();
        InformationBase.Subscription once = base.subscribe(heard::add);
        base.subscribe(heard::add);
        base.publish(second);
        once.close();
        base.publish(third);
        assertThat(heard).containsExactly(second, second, third);
    }

    @Test
    void aFailingListenerDoesNotSilenceTheOthers() {
        InformationBase base = new InformationBase(first);
        List<Snapshot> heard = new ArrayList<>();
        base.subscribe(snapshot -> {
            throw new IllegalStateException("first");
        });
        base.subscribe(heard::add);
        base.subscribe(snapshot -> {
            throw new IllegalStateException("second");
        });

        RuntimeException failure = catchRuntimeException(() -> base.publish(second));

        assertThat(heard).containsExactly(second);
        assertThat(base.current()).isSameAs(second);
        assertThat(failure).hasMessage("first");
        assertThat(failure.getSuppressed()).singleElement().satisfies(e -> assertThat(e).hasMessage("second"));
    }

    @Test
    void concurrentPublicationsReachListenersInTheOrderTheyTookEffect() throws InterruptedException {
        InformationBase base = new InformationBase(first);
        List<Snapshot> heard = new CopyOnWriteArrayList<>();
        List<Snapshot> currentAfterEach = new CopyOnWriteArrayList<>();
        base.subscribe(snapshot -> {
            heard.add(snapshot);
            Thread.yield();
            currentAfterEach.add(base.current());
        });
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
        assertThat(currentAfterEach).hasSize(200).containsExactlyElementsOf(heard);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
