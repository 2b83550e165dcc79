package io.altokit.core.time;

/**
 * A source of nanoseconds from an arbitrary origin, for measuring elapsed time. Code that waits,
 * debounces or expires takes a ticker instead of calling {@link System#nanoTime()}, so tests can
 * advance time by hand (Caffeine's {@code Ticker}).
 */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds from an arbitrary origin; only differences between two reads are meaningful. */
    long read();

    /** The JVM's monotonic clock. */
    static Ticker system() {
        return System::nanoTime;
    }
}
