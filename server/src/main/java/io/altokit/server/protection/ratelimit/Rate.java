package io.altokit.server.protection.ratelimit;

/** A token bucket's shape: refilled at {@code requestsPerSecond}, holding at most {@code burst} requests. */
public record Rate(long requestsPerSecond, long burst) {
    public Rate {
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requests-per-second must be at least 1, got " + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
    }
}
