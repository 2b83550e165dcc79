package io.altokit.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Holds the current {@link Snapshot}. Readers call {@link #current()} without locking and keep
 * working on the snapshot they got; {@link #publish} swaps in a new one and tells the subscribers
 * what changed. In a server one publisher (provision's {@code Publisher}) is the only caller of
 * {@code publish}, so snapshots become current in the order they were built.
 *
 * <p>A subscriber first gets the current snapshot whole, then one {@link ChangeSet} per
 * publication, in order, with nothing missed or repeated in between (GoBGP's watch: the dump and
 * the registration are one step under the publication lock). Each queued subscriber has a bounded
 * queue drained on an executor, so a slow one never holds publishing up; when its queue overflows
 * the backlog is dropped and it gets the newest snapshot whole instead, from which it can go on.
 */
public final class InformationBase {

    private static final Logger LOG = LoggerFactory.getLogger(InformationBase.class);

    /** Change sets a queued subscriber may fall behind by before it is sent a full snapshot instead. */
    public static final int DEFAULT_QUEUE_CAPACITY = 64;

    /** Virtual threads: a subscriber costs a thread only while it has updates to take in. */
    private static final Executor SUBSCRIBER_THREADS =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("alto-subscriber-", 0).factory());

    /** What a subscriber is told. */
    public sealed interface Update {
        /** The snapshot the update leads to. */
        Snapshot snapshot();

        /** The whole current snapshot: first of all, and again after a queue overflow. */
        record Full(Snapshot snapshot) implements Update {}

        /** One publication, following the snapshot the subscriber had before. */
        record Changed(ChangeSet changes) implements Update {
            @Override
            public Snapshot snapshot() {
                return changes.snapshot();
            }
        }
    }

    /** How updates reach a subscriber. */
    public sealed interface Delivery {
        /**
         * On the publishing thread, before {@code publish} returns: for a quick listener that must
         * have taken the snapshot in by then (the HTTP dispatcher), never for one that does I/O.
         */
        record Inline() implements Delivery {}

        /** Through a queue of at most {@code capacity} updates, drained on {@code executor}. */
        record Queued(Executor executor, int capacity) implements Delivery {
            public Queued {
                Objects.requireNonNull(executor, "executor");
                if (capacity < 1) {
                    throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
                }
            }
        }

        static Delivery inline() {
            return new Inline();
        }

        /** A queue of {@link #DEFAULT_QUEUE_CAPACITY} drained on a virtual thread. */
        static Delivery queued() {
            return new Queued(SUBSCRIBER_THREADS, DEFAULT_QUEUE_CAPACITY);
        }
    }

    /** A registration; closing it (once or more) unsubscribes and drops what is queued; an update being taken in finishes. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private volatile Snapshot current;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    public InformationBase(Snapshot initial) {
        current = Objects.requireNonNull(initial, "initial");
    }

    public Snapshot current() {
        return current;
    }

    /**
     * Makes {@code next} current, then hands every subscriber the change set (inline ones on the
     * calling thread, in subscription order). A subscriber that throws is logged and keeps its
     * subscription; the others are not affected.
     *
     * @return what changed from the previous snapshot
     */
    public synchronized ChangeSet publish(Snapshot next) {
        ChangeSet changes = ChangeSet.between(current, Objects.requireNonNull(next, "next"));
        current = next;
        Update update = new Update.Changed(changes);
        subscribers.forEach(subscriber -> subscriber.offer(update));
        return changes;
    }

    /** {@link #subscribe(Consumer, Delivery)} through a queue drained on a virtual thread. */
    public Subscription subscribe(Consumer<Update> listener) {
        return subscribe(listener, Delivery.queued());
    }

    /**
     * Hands {@code listener} the current snapshot ({@link Update.Full}) and then every publication
     * ({@link Update.Changed}), in order. Both happen in one step, so no publication falls between.
     */
    public synchronized Subscription subscribe(Consumer<Update> listener, Delivery delivery) {
        Subscriber subscriber = switch (delivery) {
            case Delivery.Inline inline -> new Subscriber(listener, Runnable::run, Integer.MAX_VALUE);
            case Delivery.Queued queued -> new Subscriber(listener, queued.executor(), queued.capacity());
        };
        subscriber.offer(new Update.Full(current));
        subscribers.add(subscriber);
        return () -> {
            subscribers.remove(subscriber);
            subscriber.close();
        };
    }

    /** One subscriber's queue; with a direct executor it delivers on the publishing thread. */
    private static final class Subscriber {
        private final Consumer<Update> listener;
        private final Executor executor;
        private final int capacity;
        private final ArrayDeque<Update> queue = new ArrayDeque<>();
        private boolean draining;
        private boolean closed;

        Subscriber(Consumer<Update> listener, Executor executor, int capacity) {
            this.listener = Objects.requireNonNull(listener, "listener");
            this.executor = executor;
            this.capacity = capacity;
        }

        void offer(Update update) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (queue.size() >= capacity) {
                    LOG.atWarn().addKeyValue("listener", listener.getClass().getName())
                            .addKeyValue("dropped", queue.size())
                            .log("a subscriber fell behind; dropped its backlog, it gets the newest snapshot whole");
                    queue.clear();
                    update = new Update.Full(update.snapshot());
                }
                queue.add(update);
                if (draining) {
                    return;
                }
                draining = true;
            }
            executor.execute(this::drain);
        }

        private void drain() {
            for (Update next; (next = poll()) != null; ) {
                try {
                    listener.accept(next);
                } catch (RuntimeException e) {
                    LOG.atError().setCause(e).addKeyValue("listener", listener.getClass().getName())
                            .addKeyValue("vtag", next.snapshot().networkMap().vtag())
                            .log("a subscriber failed to take in a snapshot; it stays subscribed");
                }
            }
        }

        private synchronized Update poll() {
            Update next = closed ? null : queue.poll();
            if (next == null) {
                draining = false;
            }
            return next;
        }

        synchronized void close() {
            closed = true;
            queue.clear();
        }
    }
}
