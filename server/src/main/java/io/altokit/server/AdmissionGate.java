package io.altokit.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Refusal at the request head, in front of body aggregation: while the server is full, a request is
 * answered 503 as soon as its head is read, and the rest of its body is dropped as it arrives,
 * never aggregated or parsed — under a flood of large queries, reading bodies only to refuse them
 * would itself overload the I/O thread. The connection stays open (closing it would make a flood
 * of clients reconnect, which costs both sides more than the refusal). Requests that pass still take
 * their {@link Admission.Slot} only once fully read (in {@link HttpHandler}), so a client trickling
 * its body holds no place meanwhile.
 */
final class AdmissionGate extends ChannelInboundHandlerAdapter {
    private final Admission admission;
    private final HttpHandler handler;
    /** Dropping the body of a refused request, up to its last part. */
    private boolean discarding;

    AdmissionGate(Admission admission, HttpHandler handler) {
        this.admission = admission;
        this.handler = handler;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!discarding && msg instanceof HttpRequest head && !admission.hasRoom()) {
            admission.noteRefusal();
            HttpHandler.Exchange exchange = HttpHandler.Exchange.of(ctx, head);
            handler.write(ctx, exchange, admission.overloaded(), exchange.keepAlive());
            discarding = true;
        }
        if (!discarding) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof LastHttpContent) {
            discarding = false;
        }
        ReferenceCountUtil.release(msg);
    }
}
