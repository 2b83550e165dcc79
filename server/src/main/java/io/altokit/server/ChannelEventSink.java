package io.altokit.server;

import io.altokit.server.http.EventStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An event stream's body on a connection (or HTTP/2 stream): each event one chunk (a big one in
 * {@link EventPieces}), written by the channel's event loop whoever sends it. Counts what is written
 * but not yet on the network, so the producer can tell a client that does not read.
 */
final class ChannelEventSink implements EventStream.Sink {
    private final Channel channel;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();

    ChannelEventSink(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void send(byte[]... pieces) {
        if (ended.get() || !channel.isActive()) {
            return;
        }
        ByteBuf bytes = Unpooled.wrappedBuffer(pieces);
        int length = bytes.readableBytes();
        pending.addAndGet(length);
        Object content = length > BodyPieces.PIECE_BYTES ? new EventPieces(bytes) : new DefaultHttpContent(bytes);
        channel.writeAndFlush(content).addListener(written -> pending.addAndGet(-length));
    }

    @Override
    public long pendingBytes() {
        return pending.get();
    }

    /** The last chunk; {@link KeepAlive} then closes the connection, as the head said it would. */
    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }
    }

    @Override
    public void abort() {
        ended.set(true);
        channel.close();
    }

    @Override
    public void onClose(Runnable action) {
        channel.closeFuture().addListener(closed -> action.run());
    }
}
