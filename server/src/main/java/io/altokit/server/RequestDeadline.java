package io.altokit.server;

import io.altokit.model.AltoError;
import io.altokit.server.http.Reply;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time from a request's first byte to its last (slowloris: headers or a body trickled
 * byte by byte to hold a connection open). The idle timeout alone cannot catch that, because every
 * trickled byte resets it. A request late past the bound is answered 408 and its connection (or
 * HTTP/2 stream) closed; other connections are untouched.
 *
 * <p>One instance per connection (or stream): {@link #start()} sits in front of the HTTP decoder and
 * arms the timer on the first read of a request, {@link #finish()} sits behind the aggregator and
 * disarms it when the complete request passes. Both run on the channel's event loop.
 */
final class RequestDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);

    private final Duration timeout;
    private ScheduledFuture<?> timer;
    private ChannelHandlerContext responder;

    RequestDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    /** Arms the deadline when a request's first bytes arrive. */
    ChannelHandler start() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (timer == null) {
                    timer = ctx.executor().schedule(RequestDeadline.this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                disarm();
                ctx.fireChannelInactive();
            }
        };
    }

    /** Disarms the deadline when the whole request is in; its position lets the 408 pass the HTTP encoder. */
    ChannelHandler finish() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                responder = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof FullHttpRequest) {
                    disarm();
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire() {
        timer = null;
        if (responder == null || !responder.channel().isActive()) {
            return;
        }
        LOG.debug("closing connection from {}: request incomplete after {} ms", responder.channel().remoteAddress(),
                timeout.toMillis());
        FullHttpResponse response = HttpHandler.toResponse(Reply.error(408,
                AltoError.syntax("request not complete within " + timeout.toMillis() + " ms")), false, false);
        HttpUtil.setKeepAlive(response, false);
        responder.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
