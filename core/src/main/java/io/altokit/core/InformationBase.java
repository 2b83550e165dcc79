package io.altokit.core;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Holds the current {@link Snapshot}. Readers call {@link #current()} without locking and keep
 * working on the snapshot they got; {@link #publish} swaps in a new one and tells the listeners.
 */
public final class InformationBase {

    /** A registration for snapshot changes; closing it (once or more) unsubscribes. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private volatile Snapshot current;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();

    public InformationBase(Snapshot initial) {
        current = Objects.requireNonNull(initial, "initial");
    }

    public Snapshot current() {
        return current;
    }

    /**
     * Makes {@code next} current, then hands it to every listener on the calling thread, in
     * subscription order. Publications are serialized, so listeners see snapshots in the order
     * they became current. A listener that throws does not stop the others; its exception is
     * rethrown afterwards (others attached as suppressed).
     */
    public synchronized void publish(Snapshot next) {
        current = Objects.requireNonNull(next, "next");
        RuntimeException failure = null;
        for (Consumer<Snapshot> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Calls {@code listener} with each snapshot published from now on (not the current one). */
    public Subscription subscribe(Consumer<Snapshot> listener) {
        Objects.requireNonNull(listener, "listener");
        // A wrapper of its own, so subscribing one listener twice gives two independent subscriptions.
        Consumer<Snapshot> registration = listener::accept;
        listeners.add(registration);
        return () -> listeners.remove(registration);
    }
}
