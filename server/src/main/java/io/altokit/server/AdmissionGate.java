package io.altokit.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Admission at the request head, in front of body aggregation: a request the server has no room for
 * is answered 503 before its body is read, and its connection closed, which discards the body
 * without parsing it — under a flood of large queries, reading bodies only to refuse them would
 * itself overload the I/O thread. An admitted request carries its {@link Admission.Slot} on the
 * channel to {@link HttpHandler}; a slot whose request never arrives there (connection closed,
 * body too large) is given back when the channel closes.
 */
final class AdmissionGate extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<Admission.Slot> SLOT = AttributeKey.valueOf("altokit.admission-slot");

    private final Admission admission;
    private final AccessLog accessLog;
    private boolean refusing;

    AdmissionGate(Admission admission, AccessLog accessLog) {
        this.admission = admission;
        this.accessLog = accessLog;
    }

    /** The slot taken for the request now being answered on this channel. */
    static Optional<Admission.Slot> takeSlot(ChannelHandlerContext ctx) {
        return Optional.ofNullable(ctx.channel().attr(SLOT).getAndSet(null));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refusing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest head) {
            Optional<Admission.Slot> slot = admission.tryAcquire();
            if (slot.isEmpty()) {
                refuse(ctx, head);
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.channel().attr(SLOT).set(slot.get());
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, HttpRequest head) {
        refusing = true;
        long started = System.nanoTime();
        FullHttpResponse response = HttpHandler.toResponse(admission.overloaded(), false, false);
        HttpUtil.setKeepAlive(response, false);
        accessLog.record((InetSocketAddress) ctx.channel().remoteAddress(), head.method().name(), head.uri(), 503,
                response.content().readableBytes(), started);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        takeSlot(ctx).ifPresent(Admission.Slot::abandon);
        ctx.fireChannelInactive();
    }
}
