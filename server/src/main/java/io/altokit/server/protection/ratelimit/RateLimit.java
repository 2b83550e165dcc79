package io.altokit.server.protection.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.altokit.model.ErrorCode;
import io.altokit.server.protection.Call;
import io.altokit.server.protection.Caller;
import io.altokit.server.protection.Guard;
import io.altokit.server.protection.Refusal;
import io.altokit.server.protection.Verdict;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * Per-caller token buckets (Bucket4j): a caller over its rate gets 429 with Retry-After (whole
 * seconds until a token is back, rounded up) and an error object, while every other caller keeps
 * its own bucket. Callers are keyed by {@link Caller#budgetKey()} (client name, else address).
 *
 * <p>The buckets live in a Caffeine cache bounded in size, so a flood from many source addresses
 * cannot grow memory without bound; a bucket idle long enough to have refilled is dropped, since a
 * fresh one is the same.
 */
public final class RateLimit implements Guard {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimit.class);

    private final Rate defaultRate;
    private final Map<String, Rate> clientRates;
    private final Cache<String, Bucket> buckets;

    /** @param clientRates rates for named clients that differ from the default */
    public RateLimit(Rate defaultRate, Map<String, Rate> clientRates, long maxTrackedCallers) {
        this.defaultRate = defaultRate;
        this.clientRates = Map.copyOf(clientRates);
        long slowestRefillNanos = clientRates.values().stream().mapToLong(RateLimit::refillNanos)
                .reduce(refillNanos(defaultRate), Math::max);
        this.buckets = Caffeine.newBuilder().maximumSize(maxTrackedCallers)
                .expireAfterAccess(Duration.ofNanos(Math.max(slowestRefillNanos, Duration.ofSeconds(1).toNanos())))
                .build();
    }

    @Override
    public Verdict check(Call call) {
        Caller caller = call.caller();
        Rate rate = caller.name().map(clientRates::get).orElse(defaultRate);
        ConsumptionProbe probe = buckets.get(caller.budgetKey(), key -> bucket(rate)).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Verdict.pass(call);
        }
        long seconds = Math.max(1, Math.ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000_000L));
        LOG.debug("429 for {} {} from {}: over {} requests/s", call.request().method(), call.request().path(),
                caller.budgetKey(), rate.requestsPerSecond());
        return Refusal.refuse(429, ErrorCode.E_RATE_LIMITED, Map.of("Retry-After", Long.toString(seconds)), "rate_limit");
    }

    /** How many callers have a bucket now (after pending evictions). */
    long trackedCallers() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private static Bucket bucket(Rate rate) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(rate.burst())
                .refillGreedy(rate.requestsPerSecond(), Duration.ofSeconds(1)).build()).build();
    }

    /** How long an empty bucket takes to fill up. */
    private static long refillNanos(Rate rate) {
        return Math.ceilDiv(rate.burst() * 1_000_000_000L, rate.requestsPerSecond());
    }
}
