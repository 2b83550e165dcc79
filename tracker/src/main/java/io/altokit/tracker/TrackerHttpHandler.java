package io.altokit.tracker;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Hands GET requests to the {@link Routes} (the tracker or the peer proxy) and writes their replies;
 * request bodies are ignored. Stateless, so one instance serves every connection.
 */
@ChannelHandler.Sharable
final class TrackerHttpHandler extends SimpleChannelInboundHandler<HttpObject> {
    private static final Logger LOG = LoggerFactory.getLogger(TrackerHttpHandler.class);

    private final Routes routes;

    TrackerHttpHandler(Routes routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        if (!(message instanceof HttpRequest request)) {
            return; // body chunks of a request already answered
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        CompletableFuture<Reply> reply;
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            reply = CompletableFuture.completedFuture(cause instanceof TooLongFrameException
                    ? Reply.failure(414, "request line or headers too long (at most " + TrackerServer.MAX_REQUEST_LINE + " bytes)")
                    : Reply.failure(400, "malformed HTTP request: " + cause.getMessage()));
        } else if (!request.method().equals(HttpMethod.GET)) {
            reply = CompletableFuture.completedFuture(Reply.failure(405, "only GET is served"));
        } else {
            String uri = request.uri();
            int mark = uri.indexOf('?');
            reply = routes.answer(mark < 0 ? uri : uri.substring(0, mark), mark < 0 ? "" : uri.substring(mark + 1),
                    ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
        }
        if (reply.isDone() && !reply.isCompletedExceptionally()) {
            write(ctx, reply.join(), keepAlive); // the common case: answered on this I/O thread
            return;
        }
        reply.whenComplete((answer, failure) -> {
            if (failure != null) {
                LOG.atError().setCause(failure).log("tracker request failed");
            }
            Reply done = failure == null ? answer : Reply.failure(500, "internal error");
            ctx.executor().execute(() -> write(ctx, done, keepAlive));
        });
    }

    private static void write(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()),
                Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException || cause instanceof ReadTimeoutException)) {
            LOG.atWarn().setCause(cause).log("tracker connection failed");
        }
        ctx.close();
    }
}
