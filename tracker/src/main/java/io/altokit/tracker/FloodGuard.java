package io.altokit.tracker;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-address request budget: a token bucket per source address refilled at {@code perSecond},
 * holding at most two seconds' worth. Addresses idle long enough to be full again are forgotten by
 * {@link #sweep}, so the map stays as small as the set of recently active addresses.
 */
final class FloodGuard {
    private final int perSecond;
    private final ConcurrentHashMap<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long updatedNanos) {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }
    }

    /** @param perSecond requests per second per address; 0 lets everything through */
    FloodGuard(int perSecond) {
        this.perSecond = perSecond;
    }

    boolean allow(InetAddress address, long nowNanos) {
        if (perSecond == 0) {
            return true;
        }
        double capacity = 2.0 * perSecond;
        Bucket bucket = buckets.computeIfAbsent(address, key -> new Bucket(capacity, nowNanos));
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (nowNanos - bucket.updatedNanos) * perSecond / 1e9);
            bucket.updatedNanos = nowNanos;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens--;
            return true;
        }
    }

    /** Forgets addresses idle for more than two seconds (their bucket would be full again). */
    void sweep(long nowNanos) {
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                return nowNanos - bucket.updatedNanos > 2_000_000_000L;
            }
        });
    }

    int tracked() {
        return buckets.size();
    }
}
