package io.altokit.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Update stream subscribers (RFC 8895) as plain non-blocking sockets read by one selector on the
 * caller's thread, so the client side adds no thread per stream either. Each subscriber counts the
 * blocks it has read in full: the response head (up to its blank line), then each event of the
 * chunked body (up to the blank line that ends it; keep-alive comments are not counted). It keeps its
 * bytes and the start of its last block.
 *
 * <p>The body is taken out of its HTTP/1.1 chunks before the events are looked for: an earlier
 * version looked for blank lines in the raw bytes, where the head ends in CRLF CRLF (no block) and a
 * comment's chunk starts with the CRLF that ends the chunk before (so the comment counted as an
 * event). With a current tag a stream sends its control event and then nothing until the first
 * keep-alive comment, 20 s later, which that version took for the stream's second block: opening
 * 1,000 streams "took 20 s" whatever the server did.
 */
final class SseSubscribers implements AutoCloseable {
    /** How much of a block is kept for a look at it: an event's type and the start of its data. */
    private static final int KEPT_CHARS = 512;
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    static final class Subscriber {
        /** How many of its first blocks' completion times are kept (the head, the control event, ...). */
        static final int TIMED_BLOCKS = 4;

        /** Where the reading is in the HTTP/1.1 response: its head, then its chunks (size line, data, CRLF). */
        private enum Part { HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, ENDED }

        final SocketChannel channel;
        /** When its connection was asked for and when it was up, in {@link System#nanoTime()}. */
        final long connectStart;
        final long connected;
        /** When each of its first {@link #TIMED_BLOCKS} blocks was read in full, in {@link System#nanoTime()}. */
        final long[] blockAt = new long[TIMED_BLOCKS];
        int events;
        long bytes;
        /** When it completed the block {@link #readUntil} waited for, in {@link System#nanoTime()}. */
        long doneAt;
        private Part part = Part.HEAD;
        private int headEndMatched;
        private final StringBuilder chunkSize = new StringBuilder();
        private long chunkLeft;
        private boolean newline;
        private boolean blockStart = true;
        private boolean comment;
        private final StringBuilder block = new StringBuilder();
        private String lastBlock = "";

        private Subscriber(SocketChannel channel, long connectStart, long connected) {
            this.channel = channel;
            this.connectStart = connectStart;
            this.connected = connected;
        }

        /** The start of the last complete block: the head, or an event from its {@code event:} line on. */
        String lastEvent() {
            return lastBlock;
        }

        /** Whether the response is not an event stream (a refusal: its head is the last block) or has ended. */
        boolean refusedOrEnded() {
            return part == Part.ENDED;
        }

        private void read(ByteBuffer buffer, long now) throws IOException {
            bytes += buffer.remaining();
            while (buffer.hasRemaining()) {
                byte next = buffer.get();
                switch (part) {
                    case HEAD -> head(next, now);
                    case CHUNK_SIZE -> {
                        if (next != '\n') {
                            chunkSize.append((char) next);
                            break;
                        }
                        chunkLeft = Long.parseLong(chunkSize.toString().strip(), 16);
                        chunkSize.setLength(0);
                        part = chunkLeft == 0 ? Part.ENDED : Part.CHUNK_DATA;
                    }
                    case CHUNK_DATA -> {
                        event(next, now);
                        if (--chunkLeft == 0) {
                            part = Part.CHUNK_END;
                        }
                    }
                    case CHUNK_END -> part = next == '\n' ? Part.CHUNK_SIZE : Part.CHUNK_END;
                    case ENDED -> {
                        return;
                    }
                }
            }
        }

        private void head(byte next, long now) {
            if (block.length() < KEPT_CHARS) {
                block.append((char) next);
            }
            headEndMatched = next == HEAD_END[headEndMatched] ? headEndMatched + 1 : next == '\r' ? 1 : 0;
            if (headEndMatched == HEAD_END.length) {
                String head = block.toString();
                complete(now);
                boolean stream = head.startsWith("HTTP/1.1 200 ") && head.toLowerCase(Locale.ROOT)
                        .contains("transfer-encoding: chunked");
                part = stream ? Part.CHUNK_SIZE : Part.ENDED;
            }
        }

        /** One byte of the event stream: an event ends with a blank line; a block starting with ':' is a comment. */
        private void event(byte next, long now) {
            if (blockStart) {
                comment = next == ':';
                blockStart = false;
            }
            if (block.length() < KEPT_CHARS) {
                block.append((char) next); // ASCII event lines; the data only glanced at
            }
            boolean isNewline = next == '\n';
            if (isNewline && newline) {
                if (comment) {
                    block.setLength(0);
                } else {
                    complete(now);
                }
                blockStart = true;
            }
            newline = isNewline;
        }

        private void complete(long now) {
            if (events < TIMED_BLOCKS) {
                blockAt[events] = now;
            }
            events++;
            lastBlock = block.toString();
            block.setLength(0);
        }
    }

    private final Selector selector;
    private final List<Subscriber> all = new ArrayList<>();

    private SseSubscribers(Selector selector) {
        this.selector = selector;
    }

    /**
     * Opens {@code count} update streams with {@code params} (the stream parameters), each with its own
     * bearer credentials, since anonymous streams from one address are limited per client; all at
     * once, as fast as connections come up.
     */
    static SseSubscribers open(InetSocketAddress server, int count, String params) throws IOException {
        SseSubscribers subscribers = new SseSubscribers(Selector.open());
        for (int i = 0; i < count; i++) {
            subscribers.add(server, params);
        }
        return subscribers;
    }

    /**
     * Opens {@code count} update streams one at a time, each after the one before has read its first
     * {@code blocks} blocks (the response head, the control event, ...): each open's latency without
     * the others queued in front of it.
     */
    static SseSubscribers openOneByOne(InetSocketAddress server, int count, String params, int blocks, Duration limit)
            throws IOException {
        SseSubscribers subscribers = new SseSubscribers(Selector.open());
        for (int i = 0; i < count; i++) {
            subscribers.add(server, params);
            subscribers.readUntil(blocks, limit);
        }
        return subscribers;
    }

    private void add(InetSocketAddress server, String params) throws IOException {
        byte[] body = params.getBytes(StandardCharsets.UTF_8);
        long connectStart = System.nanoTime();
        SocketChannel channel = SocketChannel.open(server);
        long connected = System.nanoTime();
        // Head and body in one write, as an HTTP client library sends a small request.
        byte[] head = ("POST /updates/stream HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer subscriber-%d\r\nContent-Type: application/alto-updatestreamparams+json\r\n"
                + "Content-Length: %d\r\n\r\n").formatted(all.size(), body.length).getBytes(StandardCharsets.US_ASCII);
        channel.write(ByteBuffer.allocate(head.length + body.length).put(head).put(body).flip());
        channel.configureBlocking(false);
        Subscriber subscriber = new Subscriber(channel, connectStart, connected);
        channel.register(selector, SelectionKey.OP_READ, subscriber);
        all.add(subscriber);
    }

    List<Subscriber> all() {
        return all;
    }

    /** Reads until every subscriber has read {@code events} blocks, noting when each got there. */
    void readUntil(int events, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        while (all.stream().anyMatch(subscriber -> subscriber.events < events)) {
            if (System.nanoTime() - deadline > 0) {
                long behind = all.stream().filter(subscriber -> subscriber.events < events).count();
                throw new IOException(behind + " subscribers had not read " + events + " blocks after " + limit);
            }
            selector.select(1000);
            for (SelectionKey key : selector.selectedKeys()) {
                Subscriber subscriber = (Subscriber) key.attachment();
                buffer.clear();
                if (subscriber.channel.read(buffer) < 0) {
                    throw new IOException("a stream ended early; its last block: " + subscriber.lastEvent());
                }
                buffer.flip();
                boolean before = subscriber.events < events;
                subscriber.read(buffer, System.nanoTime());
                if (subscriber.refusedOrEnded()) {
                    throw new IOException("a stream was refused or ended; its last block: " + subscriber.lastEvent());
                }
                if (before && subscriber.events >= events) {
                    subscriber.doneAt = System.nanoTime();
                }
            }
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void close() throws IOException {
        for (Subscriber subscriber : all) {
            subscriber.channel.close();
        }
        selector.close();
    }
}
