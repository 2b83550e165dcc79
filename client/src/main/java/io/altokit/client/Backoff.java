package io.altokit.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: the n-th wait is uniform in [cap/2, cap] where the cap
 * doubles from {@code initial} up to {@code max}, so that many clients do not return in step.
 */
record Backoff(Duration initial, Duration max) {

    /** The wait before attempt {@code failures + 1}, after {@code failures} (at least 1) failures in a row. */
    Duration delay(int failures) {
        long cap = Math.min(max.toNanos(), initial.toNanos() << Math.min(Math.max(failures, 1) - 1, 20));
        return Duration.ofNanos(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }
}
