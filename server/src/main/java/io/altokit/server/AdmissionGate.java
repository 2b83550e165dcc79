package io.altokit.server;

import io.altokit.server.http.Reply;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Refusal at the request head, in front of body aggregation: while the server is full and its
 * waiting room too (or the body's size is unknown or over the limit, so it cannot wait), a request is
 * answered 503 as soon as its head is read, and its body is dropped as it arrives, never aggregated
 * or parsed — under a flood of large queries, reading bodies only to refuse them would itself
 * overload the I/O thread. The connection stays open when the body is small enough to drop on the
 * way (closing would make a flood of clients reconnect, which costs both sides more than the
 * refusal); a body over the size limit, or of unknown size, ends the connection instead (a lingering
 * close, so the client still reads the 503). Requests that pass still take their
 * {@link Admission.Slot}, or their place in the waiting room, only once fully read (in
 * {@link HttpHandler}), so a client trickling its body holds no place meanwhile.
 */
final class AdmissionGate extends ChannelInboundHandlerAdapter {
    private final Admission admission;
    private final int maxBodyBytes;
    /** Dropping the body of a refused request, up to its last part. */
    private boolean discarding;

    AdmissionGate(Admission admission, int maxBodyBytes) {
        this.admission = admission;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!discarding && msg instanceof HttpRequest head && refuses(head)) {
            admission.noteRefusal();
            Reply refusal = admission.overloaded();
            boolean dropBody = withinLimit(head);
            ctx.writeAndFlush(dropBody ? HttpHandler.toResponse(refusal, false, false) : HttpHandler.closingResponse(refusal));
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

    /** Whether the request is refused at its head: no slot free and no place to wait (a body over the limit never waits). */
    private boolean refuses(HttpRequest head) {
        return !admission.hasRoom(withinLimit(head) ? HttpUtil.getContentLength(head, 0L) : -1);
    }

    /** Whether the head announces a body size, and one within the limit. */
    private boolean withinLimit(HttpRequest head) {
        return !HttpUtil.isTransferEncodingChunked(head) && HttpUtil.getContentLength(head, 0L) <= maxBodyBytes;
    }
}
