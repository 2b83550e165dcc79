package io.altokit.server;

import io.altokit.model.AltoError;
import io.altokit.server.http.Reply;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * Aggregates request bodies up to the limit. A larger body — announced by Content-Length, with or
 * without {@code Expect: 100-continue}, or found on the way — is answered 413 with an error object
 * and {@code Connection: close}; {@link KeepAlive} then closes, lingering so the client reads the 413.
 */
final class BodyLimit extends HttpObjectAggregator {
    private final int maxBytes;

    BodyLimit(int maxBytes) {
        // Not closing on a failed expectation here: KeepAlive closes, after the answer is out.
        super(maxBytes, false);
        this.maxBytes = maxBytes;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (!(answer instanceof HttpResponse refusal) || refusal.status().equals(HttpResponseStatus.CONTINUE)) {
            return answer;
        }
        // Netty's own refusal has no body; the same status with an error object instead.
        int status = refusal.status().code();
        ReferenceCountUtil.release(refusal);
        return HttpHandler.closingResponse(status == 413 ? tooLarge()
                : Reply.error(status, AltoError.syntax("unsupported expectation: " + start.headers().get(HttpHeaderNames.EXPECT))));
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ctx.writeAndFlush(HttpHandler.closingResponse(tooLarge()));
    }

    private Reply tooLarge() {
        return Reply.error(413, AltoError.syntax("request body exceeds the limit of " + maxBytes + " bytes"));
    }
}
