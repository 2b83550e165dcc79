package io.altokit.server;

import io.altokit.core.time.Ticker;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

/**
 * One line per answered request — every status, refusals and timeouts included — with method, URI,
 * status, body bytes, duration, remote address and the authenticated client's name
 * ({@link AccessLineFormat}, the name from the answer's {@link AnswerOrigin}). Cheap enough to stay on under full load: each line is written into a
 * buffer its thread reuses and handed to a {@link BatchingWriter}, which writes to stderr in batches
 * from a thread of its own; when stderr cannot keep up, lines are dropped, counted and reported
 * rather than slowing the server down.
 */
final class AccessLog implements AutoCloseable {
    /** Room for about 7,000 lines waiting while the previous batch is written. */
    private static final int HALF_BUFFER_BYTES = 1 << 20;

    /** Null when the log is off. */
    private final BatchingWriter writer;
    private final AccessLineFormat format;
    private final Ticker ticker;
    private final Clock clock;
    private final ThreadLocal<AccessLineFormat.LineBuffer> lines;

    AccessLog(BatchingWriter writer, AccessLineFormat format, Ticker ticker, Clock clock) {
        this.writer = writer;
        this.format = format;
        this.ticker = ticker;
        this.clock = clock;
        ZoneId zone = clock.getZone();
        this.lines = ThreadLocal.withInitial(() -> new AccessLineFormat.LineBuffer(zone));
    }

    static AccessLog off() {
        return new AccessLog(null, AccessLineFormat.TEXT, Ticker.system(), Clock.systemDefaultZone());
    }

    /** The server's log: on stderr, in the format the command line chose. */
    static AccessLog toStandardError(Ticker ticker) {
        // Not closed with the writer: it is the process's stderr.
        BatchingWriter writer = new BatchingWriter(new FileOutputStream(FileDescriptor.err).getChannel(),
                HALF_BUFFER_BYTES, "access-log", ticker);
        return new AccessLog(writer, AccessLineFormat.configured(), ticker, Clock.systemDefaultZone());
    }

    /**
     * Logs one answer. {@code startedNanos} is when the request's head was read, on this log's
     * ticker; {@code client} the name an authenticator gave the caller, if any.
     */
    void record(InetSocketAddress remote, String method, String uri, int status, long bytes, long startedNanos,
                Optional<String> client) {
        if (writer == null) {
            return;
        }
        long micros = (ticker.read() - startedNanos) / 1_000;
        AccessLineFormat.LineBuffer line = lines.get();
        line.clear();
        format.write(line, clock.millis(), remote.getAddress().getHostAddress(), method, uri, status, bytes, micros,
                client.orElse(null));
        ByteBuffer written = line.flip();
        writer.append(written);
    }

    /** Lines dropped because stderr could not keep up (also reported in the server log). */
    long dropped() {
        return writer == null ? 0 : writer.dropped();
    }

    /** Writes the lines still queued. */
    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }
}
