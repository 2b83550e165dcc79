package io.altokit.server;

import io.altokit.model.AltoError;
import io.altokit.server.http.Reply;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/** Aggregates request bodies up to the limit and answers larger ones with 413 and an error object. */
final class BodyLimit extends HttpObjectAggregator {
    private final int maxBytes;

    BodyLimit(int maxBytes) {
        super(maxBytes, true);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        Reply reply = Reply.error(413, AltoError.syntax("request body exceeds the limit of " + maxBytes + " bytes"));
        // The rest of the body is still on the wire; closing is the only safe way to discard it.
        ctx.writeAndFlush(HttpHandler.toResponse(reply, false, false)).addListener(ChannelFutureListener.CLOSE);
    }
}
