package io.altokit.app;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;

/**
 * The one way end-to-end tests wait for real processes and I/O: check at once, then every 100 ms,
 * and fail naming {@code what} once {@code patience} is over. Unit tests drive time instead.
 */
final class Eventually {
    private static final Duration POLL = Duration.ofMillis(100);

    private Eventually() {
    }

    static ConditionFactory eventually(String what, Duration patience) {
        return Awaitility.await(what).atMost(patience).pollDelay(Duration.ZERO).pollInterval(POLL);
    }
}
