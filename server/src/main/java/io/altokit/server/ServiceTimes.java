package io.altokit.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What answers cost, learned as they are computed: a moving average of the time taken per resource
 * path and request-body size class (powers of two, so an endpoint cost query for 100 endpoints and
 * one for 10,000 are told apart). Under a concurrency limit, a request whose class answers faster
 * than a thread hand-off costs is answered on the I/O thread that read it; the rest go to the
 * workers. A class not seen yet counts as expensive, so nothing slow ever blocks an I/O thread twice
 * in a row. Safe from any thread.
 */
final class ServiceTimes {
    /** Below this, handing a request to a worker (queueing, wake-ups, the answer's way back) costs more than answering it. */
    static final long INLINE_BELOW_NANOS = 50_000;
    /** Paths come from clients: only answered ones are kept, and no more than this many classes. */
    private static final int MAX_CLASSES = 1024;
    /** Weight of the newest sample: 1/8, so a few slow answers move a class to the workers. */
    private static final int SMOOTHING_SHIFT = 3;

    private record SizeClass(String path, int log2Bytes) {
        static SizeClass of(String path, int bodyBytes) {
            return new SizeClass(path, 32 - Integer.numberOfLeadingZeros(bodyBytes));
        }
    }

    private final ConcurrentHashMap<SizeClass, AtomicLong> averageNanos = new ConcurrentHashMap<>();

    /** Whether requests like this one have been answered fast enough to answer on the I/O thread. */
    boolean cheap(String path, int bodyBytes) {
        AtomicLong average = averageNanos.get(SizeClass.of(path, bodyBytes));
        return average != null && average.get() < INLINE_BELOW_NANOS;
    }

    /** Learns from one answer that took {@code nanos} to compute. */
    void record(String path, int bodyBytes, int status, long nanos) {
        if (status >= 400) {
            return;
        }
        SizeClass key = SizeClass.of(path, bodyBytes);
        AtomicLong average = averageNanos.get(key);
        if (average == null) {
            if (averageNanos.size() >= MAX_CLASSES) {
                return;
            }
            average = averageNanos.computeIfAbsent(key, k -> new AtomicLong(nanos));
        }
        average.getAndUpdate(old -> old + ((nanos - old) >> SMOOTHING_SHIFT));
    }
}
