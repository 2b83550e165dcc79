package io.altokit.server;

import io.altokit.core.time.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Whole lines handed over by request threads and written by a thread of its own, in batches: a line
 * is copied into the filling half of a double buffer under a short lock; the writer thread swaps the
 * halves every flush interval (sooner once the filling half is half full) and writes the full half
 * with one call. Nothing is allocated per line and no request thread ever waits for the output. When
 * the output falls so far behind that the filling half has no room left (overload), a line is
 * dropped and counted; the writer reports drops with at most one warning per report interval.
 */
final class BatchingWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingWriter.class);
    /** How long a line may wait for its batch; about a thousand lines at the benchmark's rate. */
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(20);
    static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);

    private final WritableByteChannel out;
    private final String name;
    private final Ticker ticker;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();

    // Guarded by this.
    private ByteBuffer filling;
    private boolean wakeRequested;
    private boolean closed;

    // The writer thread's own.
    private ByteBuffer draining;
    private long droppedReported;
    private long lastReportNanos;

    /** {@code halfBytes}: the room for lines waiting to be written while the other half is being written. */
    BatchingWriter(WritableByteChannel out, int halfBytes, String name, Ticker ticker) {
        this.out = out;
        this.name = name;
        this.ticker = ticker;
        this.filling = ByteBuffer.allocateDirect(halfBytes);
        this.draining = ByteBuffer.allocateDirect(halfBytes);
        this.lastReportNanos = ticker.read();
        this.thread = Thread.ofPlatform().name(name + "-writer").daemon().start(this::run);
    }

    /** Queues {@code line} (position to limit) for writing, or drops and counts it when there is no room. */
    boolean append(ByteBuffer line) {
        boolean wake;
        synchronized (this) {
            if (closed || filling.remaining() < line.remaining()) {
                dropped.incrementAndGet();
                return false;
            }
            filling.put(line);
            wake = !wakeRequested && filling.position() > filling.capacity() / 2;
            wakeRequested |= wake;
        }
        if (wake) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /** Lines dropped so far because the output could not keep up. */
    long dropped() {
        return dropped.get();
    }

    private void run() {
        boolean last = false;
        while (!last) {
            LockSupport.parkNanos(this, FLUSH_INTERVAL.toNanos());
            synchronized (this) {
                ByteBuffer full = filling;
                filling = draining;
                draining = full;
                wakeRequested = false;
                last = closed;
            }
            drain();
            reportDrops(last);
        }
    }

    private void drain() {
        draining.flip();
        try {
            while (draining.hasRemaining()) {
                out.write(draining);
            }
        } catch (IOException e) {
            LOG.warn("{}: writing failed, {} bytes of lines lost: {}", name, draining.remaining(), e.toString());
        }
        draining.clear();
    }

    private void reportDrops(boolean last) {
        long now = ticker.read();
        long total = dropped.get();
        if (total > droppedReported && (last || now - lastReportNanos >= REPORT_INTERVAL.toNanos())) {
            LOG.warn("{}: {} lines dropped in the last {} s ({} in all): lines came faster than the output took them",
                    name, total - droppedReported, Duration.ofNanos(now - lastReportNanos).toSeconds(), total);
            droppedReported = total;
            lastReportNanos = now;
        }
    }

    /** Writes what is queued, then stops the writer thread; lines appended afterwards are dropped. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
