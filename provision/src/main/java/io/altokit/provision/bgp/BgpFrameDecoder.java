package io.altokit.provision.bgp;

import io.altokit.provision.bgp.message.BgpCodec;
import io.altokit.provision.bgp.message.DecodeResult;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;
import java.util.Optional;

/**
 * Cuts the TCP stream into whole BGP messages (header included). A bad header (marker, length, type)
 * cannot be resynchronised: it is passed on as the {@link DecodeResult.Failure} the session answers
 * with a NOTIFICATION, and the rest of the stream is discarded.
 */
final class BgpFrameDecoder extends ByteToMessageDecoder {
    private final BgpCodec codec;
    private boolean broken;

    BgpFrameDecoder(BgpCodec codec) {
        this.codec = codec;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= BgpCodec.HEADER_LENGTH) {
            byte[] header = new byte[BgpCodec.HEADER_LENGTH];
            in.getBytes(in.readerIndex(), header);
            Optional<DecodeResult.Failure> bad = codec.checkHeader(header, 0);
            if (bad.isPresent()) {
                broken = true;
                in.skipBytes(in.readableBytes());
                out.add(bad.get());
                return;
            }
            int length = BgpCodec.messageLength(header, 0);
            if (in.readableBytes() < length) {
                return;
            }
            byte[] message = new byte[length];
            in.readBytes(message);
            out.add(message);
        }
    }
}
