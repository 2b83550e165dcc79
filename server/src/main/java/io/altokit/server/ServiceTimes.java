package io.altokit.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What answers cost, learned as they are computed, per resource path and request-body size class
 * (powers of two, so an endpoint cost query for 100 endpoints and one for 10,000 are told apart).
 * Under a concurrency limit, a request of a class whose answers mostly take less than a thread
 * hand-off costs is answered on the I/O thread that read it; the rest go to the workers.
 *
 * <p>"Mostly" is a moving share of fast answers, not an average time: on a busy machine a cheap
 * answer whose thread was preempted takes milliseconds now and then, which must not move its class
 * to the workers (each answer that waits for a worker holds a place in the limit meanwhile), while a
 * class whose answers turn slow moves after a few of them. A class not seen yet counts as expensive.
 * Safe from any thread.
 */
final class ServiceTimes {
    /** Below this, handing a request to a worker (queueing, wake-ups, the answer's way back) costs more than answering it. */
    static final long INLINE_BELOW_NANOS = 50_000;
    /** Paths come from clients: only answered ones are kept, and no more than this many classes. */
    private static final int MAX_CLASSES = 1024;
    /** The share of fast answers as a fraction of this (fixed point). */
    private static final int ALL = 1 << 16;
    /** Weight of the newest answer: 1/8, so about five slow answers in a row move a cheap class to the workers. */
    private static final int SMOOTHING_SHIFT = 3;

    private record SizeClass(String path, int log2Bytes) {
        static SizeClass of(String path, int bodyBytes) {
            return new SizeClass(path, 32 - Integer.numberOfLeadingZeros(bodyBytes));
        }
    }

    private final ConcurrentHashMap<SizeClass, AtomicInteger> fastShares = new ConcurrentHashMap<>();

    /** Whether most requests like this one have been answered fast enough to answer on the I/O thread. */
    boolean cheap(String path, int bodyBytes) {
        AtomicInteger fastShare = fastShares.get(SizeClass.of(path, bodyBytes));
        return fastShare != null && fastShare.get() > ALL / 2;
    }

    /** Learns from one answer that took {@code nanos} to compute. */
    void record(String path, int bodyBytes, int status, long nanos) {
        if (status >= 400) {
            return;
        }
        int fast = nanos < INLINE_BELOW_NANOS ? ALL : 0;
        SizeClass key = SizeClass.of(path, bodyBytes);
        AtomicInteger fastShare = fastShares.get(key);
        if (fastShare == null) {
            if (fastShares.size() >= MAX_CLASSES) {
                return;
            }
            fastShare = fastShares.computeIfAbsent(key, k -> new AtomicInteger(fast));
        }
        fastShare.getAndUpdate(share -> share + ((fast - share) >> SMOOTHING_SHIFT));
    }
}
