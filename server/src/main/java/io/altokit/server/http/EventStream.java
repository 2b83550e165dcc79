package io.altokit.server.http;

/**
 * The body of an answer that goes on after its head: server-sent events (RFC 8895 update streams),
 * written by their producer as they happen. The transport writes the head, then calls {@link #start}
 * once with a sink for the rest.
 */
@FunctionalInterface
public interface EventStream {

    void start(Sink sink);

    /** Where a stream's bytes go: the connection, written by its own I/O thread. Thread-safe. */
    interface Sink {
        /**
         * Queues bytes for the client, in order, the pieces as one write; dropped once the stream has
         * ended. The arrays are not copied: they must not change afterwards.
         */
        void send(byte[]... pieces);

        /** Bytes handed to {@link #send} and not yet written to the network: what a client that does not read piles up. */
        long pendingBytes();

        /** Ends the body; the connection closes once what is queued is out. Once or more. */
        void close();

        /**
         * Ends the stream at once, dropping what is still queued (the HTTP/1.1 connection is closed, an
         * HTTP/2 stream reset): for a client that does not even take the end of its stream.
         */
        void abort();

        /** Runs {@code action} once when the stream ends, whichever side ended it (at once if it already has). */
        void onClose(Runnable action);
    }
}
