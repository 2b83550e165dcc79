package io.altokit.server.protection.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;

import java.net.InetAddress;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A budget of failed authentication attempts per source address (a Bucket4j bucket refilled each
 * minute). A source that has used it up is not checked again until it refills: neither guessing
 * passwords nor making the server compute slow hashes for wrong ones scales from one address.
 * The buckets live in a bounded cache.
 */
final class FailedAttempts {
    private static final long MAX_TRACKED_SOURCES = 100_000;

    private final long perMinute;
    private final Cache<InetAddress, Bucket> buckets;

    FailedAttempts(long perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("failed attempts per minute must be at least 1, got " + perMinute);
        }
        this.perMinute = perMinute;
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_TRACKED_SOURCES).expireAfterAccess(Duration.ofMinutes(1)).build();
    }

    /** Whole seconds until {@code source} may try again, if it has used up its failures. */
    OptionalLong secondsUntilAllowed(InetAddress source) {
        Bucket bucket = buckets.getIfPresent(source);
        if (bucket == null) {
            return OptionalLong.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? OptionalLong.empty()
                : OptionalLong.of(Math.max(1, Math.ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000_000L)));
    }

    void record(InetAddress source) {
        buckets.get(source, key -> Bucket.builder().addLimit(Bandwidth.builder().capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build()).tryConsume(1);
    }
}
