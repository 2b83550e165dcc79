package io.altokit.server;

import io.altokit.model.AltoError;
import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.altokit.model.ErrorCode;
import io.altokit.server.http.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Overload shedding (RFC 7285 section 8.5.3): at most {@code maxConcurrent} requests are in the
 * server at once — waiting for a worker or being answered. A request beyond that is
 * answered with 503, Retry-After and an error object on the I/O thread — as soon as its head is read
 * when the server is already full (see {@link AdmissionGate}) — so that refusing costs next to
 * nothing and admitted requests never wait behind a queue that grows without bound.
 * Admitted requests run on a fixed pool of worker threads, leaving the I/O threads free to read
 * and refuse. With {@code adaptive}, the limit itself floats below {@code maxConcurrent}: Netflix's
 * Gradient2 lowers it as soon as answers take longer than their long-term average (a queue forming)
 * and raises it while they do not.
 */
final class Admission implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);
    /** Seconds a refused client is asked to wait: long enough to drain a full queue many times over. */
    static final int RETRY_AFTER_SECONDS = 1;
    private static final Reply OVERLOADED = Reply.error(503, AltoError.of(ErrorCode.E_OVERLOADED))
            .withHeaders(Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));

    private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

    private final int maxConcurrent;
    private final SimpleLimiter<Void> limiter;
    private final ExecutorService workers;
    /** Refusals since the last warning; an operator hears about shedding at most every few seconds. */
    private final LongAdder refusedSinceWarning = new LongAdder();
    private final AtomicLong nextWarningNanos = new AtomicLong(System.nanoTime());

    Admission(int maxConcurrent, int workerThreads, boolean adaptive) {
        this.maxConcurrent = maxConcurrent;
        Limit limit = adaptive
                // Starts low and grows while answers stay as fast as the long-term average; never
                // below one request per worker, never above the configured ceiling.
                ? Gradient2Limit.newBuilder().initialLimit(Math.min(maxConcurrent, 2 * workerThreads))
                        .minLimit(Math.min(maxConcurrent, workerThreads)).maxConcurrency(maxConcurrent).build()
                : FixedLimit.of(maxConcurrent);
        this.limiter = SimpleLimiter.newBuilder().limit(limit).build();
        this.workers = Executors.newFixedThreadPool(workerThreads, namedThreads());
    }

    /** Room for one request in the server, taken once the request is read and given back once it is answered. */
    static final class Slot {
        private final Limiter.Listener listener;

        private Slot(Limiter.Listener listener) {
            this.listener = listener;
        }
    }

    /**
     * Whether a request whose head just arrived can hope to be admitted: when the server is full it is
     * refused before its body is read. Not a reservation — a slow body must not hold a place.
     */
    boolean hasRoom() {
        return limiter.getInflight() < limiter.getLimit();
    }

    /** A slot if the server has room, else empty (and the caller answers with {@link #overloaded()}). */
    Optional<Slot> tryAcquire() {
        Optional<Limiter.Listener> listener = limiter.acquire(null);
        if (listener.isEmpty()) {
            noteRefusal();
        }
        return listener.map(Slot::new);
    }

    /**
     * Computes the answer on a worker, frees the slot, then hands the answer to {@code respond} — in
     * that order, so a client that sends its next request as soon as it reads the answer never finds
     * its own previous request still counted.
     */
    void run(Slot slot, Supplier<Reply> answer, Consumer<Reply> respond) {
        try {
            workers.execute(() -> {
                Reply reply;
                try {
                    reply = answer.get();
                    slot.listener.onSuccess();
                } catch (RuntimeException e) {
                    slot.listener.onIgnore();
                    throw e;
                }
                respond.accept(reply);
            });
        } catch (RuntimeException rejected) {
            // Only during shutdown: the pool no longer takes work.
            slot.listener.onIgnore();
            respond.accept(OVERLOADED);
        }
    }

    Reply overloaded() {
        return OVERLOADED;
    }

    void noteRefusal() {
        refusedSinceWarning.increment();
        long now = System.nanoTime();
        long due = nextWarningNanos.get();
        if (now - due >= 0 && nextWarningNanos.compareAndSet(due, now + WARNING_INTERVAL.toNanos())) {
            LOG.warn("overloaded: {} requests refused with 503 since the last warning (limit {} of max-concurrent-requests {})",
                    refusedSinceWarning.sumThenReset(), limiter.getLimit(), maxConcurrent);
        }
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("requests still running after 5 s at shutdown; abandoning them");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "alto-worker-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
