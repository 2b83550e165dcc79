package io.altokit.server;

import io.altokit.server.http.Representation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;

import java.io.IOException;
import java.io.InputStream;

/**
 * A big response body read a piece at a time, for the {@link ChunkedWriteHandler}, which asks for
 * the next piece only while the connection takes them. Written whole, a heap body is first copied
 * into a direct buffer of its full size (a native transport writes only direct memory): a full cost
 * map of 83 MB (1,700 PIDs) took 83 MB of native memory per response in flight. In pieces it takes
 * one piece, and a body kept gzipped only ({@link Representation#compressed}) is inflated as it goes out.
 */
final class BodyPieces implements ChunkedInput<ByteBuf> {
    /** Large enough that a piece costs one write, small enough that pieces in flight cost nothing to speak of. */
    static final int PIECE_BYTES = 64 * 1024;

    private final InputStream body;
    private final long length;
    private long read;

    /** The body of {@code representation} in one content coding. */
    BodyPieces(Representation representation, boolean gzip) {
        this.body = representation.open(gzip);
        this.length = representation.length(gzip);
    }

    @Override
    public boolean isEndOfInput() {
        return read == length;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws IOException {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
        if (isEndOfInput()) {
            return null;
        }
        int size = (int) Math.min(PIECE_BYTES, length - read);
        ByteBuf piece = allocator.heapBuffer(size);
        try {
            int got = body.readNBytes(piece.array(), piece.arrayOffset() + piece.writerIndex(), size);
            if (got != size) {
                throw new IOException("the body ended after " + (read + got) + " of " + length + " bytes");
            }
            piece.writerIndex(piece.writerIndex() + size);
        } catch (IOException | RuntimeException e) {
            piece.release();
            throw e;
        }
        read += size;
        return piece;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long progress() {
        return read;
    }
}
