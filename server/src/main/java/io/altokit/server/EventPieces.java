package io.altokit.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;

/**
 * A big server-sent event (a full map, tens of MB at operator scale) as body content a piece at a
 * time, for the {@link ChunkedWriteHandler}, which asks for the next piece only while the connection
 * takes them, as for a big GET ({@link BodyPieces}): written whole, the event would be copied into
 * native memory of its full size per stream, and a client reading it slowly would leave the
 * connection unwritable long enough to be closed as one that takes none of its answers
 * ({@link UntakenAnswers}). The pieces are slices of the event's own bytes; the stream goes on after
 * it (no last content).
 */
final class EventPieces implements ChunkedInput<HttpContent> {
    private final ByteBuf event;
    private final long length;

    /** Takes the event over; it is released once written or dropped. */
    EventPieces(ByteBuf event) {
        this.event = event;
        this.length = event.readableBytes();
    }

    @Override
    public boolean isEndOfInput() {
        return !event.isReadable();
    }

    @Override
    public void close() {
        event.release();
    }

    @Deprecated
    @Override
    public HttpContent readChunk(ChannelHandlerContext ctx) {
        return readChunk(ctx.alloc());
    }

    @Override
    public HttpContent readChunk(ByteBufAllocator allocator) {
        if (isEndOfInput()) {
            return null;
        }
        return new DefaultHttpContent(event.readRetainedSlice(Math.min(BodyPieces.PIECE_BYTES, event.readableBytes())));
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long progress() {
        return length - event.readableBytes();
    }
}
