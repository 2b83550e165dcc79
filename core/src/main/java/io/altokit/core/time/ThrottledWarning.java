package io.altokit.core.time;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A warning that anyone on the network could trigger at will (refusals, broken connections, refused
 * BGP connections, scans): it is written at most once per interval, saying how often it occurred since
 * the last time, so no client can flood the log. Safe from any thread.
 */
public final class ThrottledWarning {
    private final long intervalNanos;
    private final Ticker ticker;
    private final LongAdder sinceLast = new LongAdder();
    private final AtomicLong nextDue;

    public ThrottledWarning(Duration interval, Ticker ticker) {
        this.intervalNanos = interval.toNanos();
        this.ticker = ticker;
        this.nextDue = new AtomicLong(ticker.read());
    }

    /**
     * Counts one occurrence. When a warning is due, returns the occurrences since the last one (this
     * one included) and the caller writes it; else empty.
     */
    public OptionalLong occurred() {
        sinceLast.increment();
        long now = ticker.read();
        long due = nextDue.get();
        if (now - due >= 0 && nextDue.compareAndSet(due, now + intervalNanos)) {
            return OptionalLong.of(sinceLast.sumThenReset());
        }
        return OptionalLong.empty();
    }
}
