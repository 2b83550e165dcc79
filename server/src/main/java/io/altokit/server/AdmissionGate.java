package io.altokit.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;

/**
 * Refusal at the request head, in front of body aggregation: while the server is full, a request is
 * answered 503 before its body is read, and its connection closed, which discards the body without
 * parsing it — under a flood of large queries, reading bodies only to refuse them would itself
 * overload the I/O thread. Requests that pass still take their {@link Admission.Slot} only once
 * fully read (in {@link HttpHandler}), so a client trickling its body holds no place meanwhile.
 */
final class AdmissionGate extends ChannelInboundHandlerAdapter {
    private final Admission admission;
    private final AccessLog accessLog;
    private boolean refusing;

    AdmissionGate(Admission admission, AccessLog accessLog) {
        this.admission = admission;
        this.accessLog = accessLog;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!refusing && msg instanceof HttpRequest head && !admission.hasRoom()) {
            admission.noteRefusal();
            refuse(ctx, head);
        }
        if (refusing) {
            ReferenceCountUtil.release(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
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
}
