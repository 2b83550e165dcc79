package io.altokit.server;

import io.altokit.core.time.Scheduler;
import io.altokit.core.time.ThrottledWarning;
import io.altokit.core.time.Ticker;
import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.altokit.model.AltoError;
import io.altokit.model.ErrorCode;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Overload shedding (RFC 7285 section 8.5.3): at most {@code maxConcurrent} requests are in the
 * server at once — waiting for a worker or being answered. A request that finds them all taken waits
 * in a bounded {@link WaitingRoom} for at most {@link #MAX_WAIT}, and a freed slot goes straight to the
 * newest waiting request, so a worker never idles between a release and the next admission. A
 * request that finds the room full too, or whose time runs out, is answered with 503, Retry-After and
 * an error object — as soon as its head is read when the server is already full (see
 * {@link AdmissionGate}) — so that refusing costs next to nothing and admitted requests never wait
 * behind a queue that grows without bound.
 *
 * <p>The wait is what keeps the capacity: refused clients send again at once, and refusing as fast as
 * they send took the I/O thread as much CPU as the worker got on a shared core (on the expensive workload
 * the limited server admitted 0.42 of the unlimited one's answers: the I/O thread spent about 45 µs of
 * CPU per refusal, and the worker got only 45 % of the server's CPU time). Holding each refused request for
 * the wait bounds refusals at one per connection per {@code MAX_WAIT}; taking the newest keeps the
 * admitted ones' wait short.
 *
 * <p>Admitted requests run on a fixed pool of worker threads, leaving the I/O threads free to read
 * and refuse — except cheap ones ({@link ServiceTimes}) admitted at once, which are answered on the I/O
 * thread that read them, still within the limit: for them a hand-off would cost more than the answer.
 * With {@code adaptive}, the limit itself floats below {@code maxConcurrent}: Netflix's Gradient2
 * lowers it as soon as answers take longer than their long-term average (a queue forming) and raises
 * it while they do not.
 */
final class Admission implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);
    /** Seconds a refused client is asked to wait: long enough to drain a full queue many times over. */
    static final int RETRY_AFTER_SECONDS = 1;
    private static final Reply OVERLOADED = Reply.error(503, AltoError.of(ErrorCode.E_OVERLOADED))
            .withHeaders(Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));

    /** An operator hears about shedding at most this often. */
    private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);
    /**
     * Longest wait for a slot before a 503: a quarter of the Retry-After, so a refused request still
     * hears in good time, and long enough that refusing a flood of connections costs little CPU.
     */
    static final Duration MAX_WAIT = Duration.ofMillis(250);
    /** Requests that may wait at once: more than any benchmark's connections, so a flood waits instead of spinning. */
    static final int MAX_WAITING = 4096;
    /**
     * How often the waiting requests are checked for their time being up: a refusal comes up to this late.
     * Short, because refused clients send again at once, so each sweep brings a burst of new arrivals and
     * none come between sweeps: the newest waiting request, the one a freed slot goes to, is up to one
     * interval old. With 25 ms the admitted requests' p99 under a flood was 40 ms against 5 ms unloaded.
     */
    static final Duration SWEEP_INTERVAL = Duration.ofMillis(5);
    /** Body bytes the waiting requests may hold in memory together. */
    static final long MAX_WAITING_BYTES = 32L << 20;
    /**
     * A waiting request this old is refused as soon as a younger one is admitted, rather than at the end of
     * {@link #MAX_WAIT}: under a flood every client waits in the room, so fresh arrivals come only from
     * answered and refused clients, and refusing one stale request per admission brings a fresh one back
     * in step with the answers instead of in bursts at the sweeps (at the same number of refusals: a
     * full room refuses one request per connection per {@code MAX_WAIT} either way).
     */
    static final Duration STALE_WAIT = Duration.ofMillis(25);

    private final int maxConcurrent;
    private final SimpleLimiter<Void> limiter;
    private final ExecutorService workers;
    private final int workerThreads;
    /** Workers answering or about to: a waiting request is admitted only when one is free, so it never queues behind another. */
    private final AtomicInteger busyWorkers = new AtomicInteger();
    private final ThrottledWarning refusals;
    private final Ticker ticker;
    private final ServiceTimes serviceTimes = new ServiceTimes();
    private final WaitingRoom<Waiting> waiting = new WaitingRoom<>(MAX_WAITING, MAX_WAITING_BYTES);
    private final Scheduler timer;
    private final AtomicBoolean sweepPending = new AtomicBoolean();

    Admission(int maxConcurrent, int workerThreads, boolean adaptive, Ticker ticker, Scheduler timer) {
        this.maxConcurrent = maxConcurrent;
        this.timer = timer;
        Limit limit = adaptive
                // Starts low and grows while answers stay as fast as the long-term average; never
                // below one request per worker, never above the configured ceiling.
                ? Gradient2Limit.newBuilder().initialLimit(Math.min(maxConcurrent, 2 * workerThreads))
                        .minLimit(Math.min(maxConcurrent, workerThreads)).maxConcurrency(maxConcurrent).build()
                : FixedLimit.of(maxConcurrent);
        this.limiter = SimpleLimiter.newBuilder().limit(limit).nanoClock(ticker::read).build();
        this.refusals = new ThrottledWarning(WARNING_INTERVAL, ticker);
        this.ticker = ticker;
        this.workers = Executors.newFixedThreadPool(workerThreads, namedThreads());
        this.workerThreads = workerThreads;
    }

    /** Room for one request in the server, taken once the request is read and given back once it is answered. */
    static final class Slot {
        private final Limiter.Listener listener;

        private Slot(Limiter.Listener listener) {
            this.listener = listener;
        }
    }

    /** A request that found every slot taken: answered on a worker once it gets one, refused if its time runs out. */
    private record Waiting(AltoRequest request, Function<AltoRequest, Reply> answer, Consumer<Reply> respond) {
    }

    /**
     * Whether a request whose head just arrived, announcing {@code bodyBytes} (-1: unknown), can hope to
     * be admitted, at once or after a wait: when not, it is refused before its body is read. Not a
     * reservation — a slow body must not hold a place. A body of unknown size never waits.
     */
    boolean hasRoom(long bodyBytes) {
        return limiter.getInflight() < limiter.getLimit() || bodyBytes >= 0 && waiting.hasSpace(bodyBytes);
    }

    /** A slot if the server has one free now, else empty (and the caller {@linkplain #await waits}). */
    Optional<Slot> tryAcquire() {
        return limiter.acquire(null).map(Slot::new);
    }

    /**
     * Answers {@code request} on a worker once a slot frees, taking it before the requests that waited
     * longer; refuses it with {@link #overloaded()} at once when the waiting room is full, or when no slot
     * came within {@link #MAX_WAIT} (checked every {@link #SWEEP_INTERVAL}). {@code respond} gets exactly
     * one reply, on any thread.
     */
    void await(AltoRequest request, Function<AltoRequest, Reply> answer, Consumer<Reply> respond) {
        Waiting guest = new Waiting(request, answer, respond);
        if (!waiting.enter(new WaitingRoom.Guest<>(guest, request.body().length, ticker.read()))) {
            noteRefusal();
            respond.accept(OVERLOADED);
            return;
        }
        if (sweepPending.compareAndSet(false, true)) {
            timer.schedule(this::sweep, SWEEP_INTERVAL);
        }
        admitWaiting(); // a slot may have freed since the caller found none
    }

    /**
     * Refuses the requests whose time is up, then looks again later while any wait. One timer for the
     * whole room instead of one per request: under a flood, each timer would wake an I/O thread.
     */
    private void sweep() {
        try {
            for (Waiting expired : waiting.leaveArrivedBy(ticker.read() - MAX_WAIT.toNanos())) {
                noteRefusal();
                expired.respond().accept(OVERLOADED);
            }
        } finally {
            sweepPending.set(false); // a failing answer must not stop the sweeps
        }
        if (!waiting.isEmpty() && sweepPending.compareAndSet(false, true)) {
            timer.schedule(this::sweep, SWEEP_INTERVAL);
        }
    }

    /**
     * Hands free slots to the newest waiting requests while a worker is free to start them (a request
     * admitted earlier would only wait in the workers' queue, aging, while newer ones arrive), and refuses
     * one {@linkplain #STALE_WAIT stale} request per admission; called after every release and every arrival
     * in the room.
     */
    private void admitWaiting() {
        while (busyWorkers.get() < workerThreads && !waiting.isEmpty()) {
            Optional<Slot> slot = tryAcquire();
            if (slot.isEmpty()) {
                return;
            }
            Optional<Waiting> next = waiting.takeNewest();
            if (next.isEmpty()) {
                slot.get().listener.onIgnore();
                return;
            }
            run(slot.get(), next.get().request(), next.get().answer(), next.get().respond());
            waiting.leaveOldestArrivedBy(ticker.read() - STALE_WAIT.toNanos()).ifPresent(stale -> {
                noteRefusal();
                stale.respond().accept(OVERLOADED);
            });
        }
    }

    /** Whether requests like this one are answered faster than a hand-off to a worker costs ({@link ServiceTimes}). */
    boolean cheap(AltoRequest request) {
        return serviceTimes.cheap(request.path(), request.body().length);
    }

    /** Computes a {@linkplain #cheap cheap} request's answer on the calling I/O thread and frees the slot. */
    Reply answerHere(Slot slot, AltoRequest request, Function<AltoRequest, Reply> answer) {
        try {
            return timed(slot, request, answer);
        } finally {
            admitWaiting();
        }
    }

    /**
     * Computes the answer on a worker, frees the slot, then hands the answer to {@code respond} — in
     * that order, so a client that sends its next request as soon as it reads the answer never finds
     * its own previous request still counted.
     */
    void run(Slot slot, AltoRequest request, Function<AltoRequest, Reply> answer, Consumer<Reply> respond) {
        busyWorkers.incrementAndGet();
        try {
            workers.execute(() -> {
                Reply reply;
                try {
                    reply = timed(slot, request, answer);
                } finally {
                    busyWorkers.decrementAndGet();
                    // Lets a runnable I/O thread read what arrived meanwhile before the next admission: on
                    // a core shared with it, the worker otherwise took the newest request it could see, which
                    // under a flood was often tens of ms old (admitted p99 in the server 20.9 -> 11.2 ms).
                    Thread.yield();
                    admitWaiting();
                }
                respond.accept(reply);
            });
        } catch (RejectedExecutionException shuttingDown) {
            busyWorkers.decrementAndGet();
            slot.listener.onIgnore();
            respond.accept(OVERLOADED);
        }
    }

    /** Computes the answer and frees the slot; the caller then {@linkplain #admitWaiting admits} the next request. */
    private Reply timed(Slot slot, AltoRequest request, Function<AltoRequest, Reply> answer) {
        long start = ticker.read();
        Reply reply;
        try {
            reply = answer.apply(request);
        } catch (RuntimeException e) {
            slot.listener.onIgnore();
            throw e;
        }
        slot.listener.onSuccess();
        serviceTimes.record(request.path(), request.body().length, reply.status(), ticker.read() - start);
        return reply;
    }

    Reply overloaded() {
        return OVERLOADED;
    }

    void noteRefusal() {
        refusals.occurred().ifPresent(count -> LOG.warn(
                "overloaded: {} requests refused with 503 since the last warning (limit {} of max-concurrent-requests {})",
                count, limiter.getLimit(), maxConcurrent));
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
