package io.altokit.core.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ticker that moves only when told to, for tests and simulations. Start it near
 * {@code Long.MAX_VALUE} to catch code that compares nano times with {@code <} instead of
 * subtracting.
 */
public final class ManualTicker implements Ticker {

    private final AtomicLong nanos;

    public ManualTicker() {
        this(0);
    }

    public ManualTicker(long startNanos) {
        nanos = new AtomicLong(startNanos);
    }

    @Override
    public long read() {
        return nanos.get();
    }

    /** Moves time forward (wrapping around like {@link System#nanoTime()} may). */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + amount);
        }
        nanos.addAndGet(amount.toNanos());
    }
}
