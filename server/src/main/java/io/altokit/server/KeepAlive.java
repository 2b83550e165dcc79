package io.altokit.server;

import io.altokit.core.time.Ticker;
import io.altokit.model.AltoError;
import io.altokit.server.http.Reply;
import io.altokit.server.ops.ServerMetrics;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * The one place every response of a connection (or HTTP/2 stream) passes, whoever wrote it — the
 * handler, the admission gate, the body limit, the request deadline: it pairs the response with its
 * request, logs and counts it ({@link AccessLog}, {@link ServerMetrics}; exactly once per response), and owns keep-alive (Netty's
 * {@code HttpServerKeepAliveHandler} rule): the connection stays open only if the request asked for
 * it, its framing could be trusted and the writer did not say {@code Connection: close}; otherwise
 * the response says {@code Connection: close} and the connection ends with a {@link LingeringClose}
 * once it is sent. It also answers a request whose {@link RequestDeadline} passed (408).
 *
 * <p>It sits behind the HTTP codec (and the flow control that releases one request at a time, when
 * there is a concurrency limit) and in front of every handler that answers. One instance per
 * connection or stream, used on its event loop only.
 */
final class KeepAlive extends ChannelDuplexHandler {
    private final AccessLog accessLog;
    private final ServerMetrics metrics;
    private final Ticker ticker;
    private final RequestDeadline deadline;
    /** HTTP/2: one request per stream, no Connection header; ending means ending the stream. */
    private final boolean stream;

    /** Requests read and not yet answered, oldest first. */
    private final ArrayDeque<Exchange> unanswered = new ArrayDeque<>(2);
    /** The last request read is still missing its last part. */
    private boolean bodyArriving;
    /** The decoder failed: where the next request starts cannot be known. */
    private boolean framingBroken;
    /** The deadline passed while earlier requests were still being answered; the 408 waits its turn. */
    private boolean expiryDue;
    /** A response said close: nothing more is read or answered. */
    private boolean closing;
    /**
     * The client may still be sending when the connection closes (the rest of a head cut off by its
     * deadline, a body, a broken request's rest, or requests pipelined behind a keep-alive one), so
     * closing must linger. Not after a complete
     * request that itself asked to close: then a plain close loses nothing.
     */
    private boolean mayStillSend;
    /** The head of an answer was dropped while closing: so is the rest of its body (pieces of a big one). */
    private boolean droppingBody;

    KeepAlive(AccessLog accessLog, ServerMetrics metrics, Ticker ticker, RequestDeadline deadline, boolean stream) {
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.ticker = ticker;
        this.deadline = deadline;
        this.stream = stream;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest head) {
            unanswered.add(Exchange.of(ctx, head, ticker.read()));
            bodyArriving = true;
        }
        if (msg instanceof DecoderResultProvider decoded && decoded.decoderResult().isFailure()) {
            framingBroken = true;
        }
        if (msg instanceof LastHttpContent) {
            bodyArriving = false;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event != RequestDeadline.Expired.EVENT) {
            ctx.fireUserEventTriggered(event);
        } else if (!closing) {
            expiryDue = true;
            answerExpiryInTurn(ctx);
        }
    }

    /**
     * The 408 goes out once the requests before the late one are answered. A late body whose request
     * was already answered (refused at its head) gets no second answer: its connection just ends.
     */
    private void answerExpiryInTurn(ChannelHandlerContext ctx) {
        int owedBefore = unanswered.size() - (bodyArriving ? 1 : 0);
        if (closing || owedBefore > 0) {
            return;
        }
        expiryDue = false;
        if (bodyArriving && unanswered.isEmpty()) {
            closing = true;
            mayStillSend = true;
            end(ctx);
            return;
        }
        ctx.channel().writeAndFlush(HttpHandler.closingResponse(Reply.error(408,
                AltoError.syntax("request not complete within " + deadline.timeout().toMillis() + " ms"))));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (droppingBody && msg instanceof HttpContent) {
            droppingBody = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            promise.setSuccess();
            return;
        }
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            if (closing) {
                // An answer to a request read before the connection started closing: nobody will read it.
                droppingBody = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                promise.setSuccess();
                return;
            }
            // Only the 408 for trickled headers answers a request whose head was never read.
            boolean headArriving = unanswered.isEmpty();
            Exchange exchange = headArriving ? Exchange.headless(ctx, ticker.read()) : unanswered.poll();
            boolean keepAlive = exchange.keepAlive() && !framingBroken && HttpUtil.isKeepAlive(response);
            if (!stream) {
                setConnection(response, exchange, keepAlive);
            }
            AnswerOrigin origin = AnswerOrigin.take(ctx.channel());
            int status = response.status().code();
            long bytes = response instanceof FullHttpResponse full ? full.content().readableBytes()
                    : HttpUtil.getContentLength(response, 0L);
            accessLog.record(exchange.remote(), exchange.method(), exchange.uri(), status, bytes, exchange.startedNanos(),
                    origin.client());
            metrics.answered(origin.resource(), exchange.method(), status, bytes, ticker.read() - exchange.startedNanos());
            closing = !keepAlive;
            mayStillSend = headArriving || bodyArriving || framingBroken || exchange.keepAlive();
        }
        if (closing && msg instanceof LastHttpContent) {
            deadline.disarm();
            ctx.write(msg, promise.unvoid()).addListener(written -> end(ctx));
            return;
        }
        ctx.write(msg, promise);
        if (expiryDue && msg instanceof LastHttpContent) {
            answerExpiryInTurn(ctx);
        }
    }

    /** Every response is HTTP/1.1; an HTTP/1.0 client learns of keep-alive only from the header. */
    private static void setConnection(HttpResponse response, Exchange exchange, boolean keepAlive) {
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (exchange.version().equals(HttpVersion.HTTP_1_0)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else {
            response.headers().remove(HttpHeaderNames.CONNECTION);
        }
    }

    private void end(ChannelHandlerContext ctx) {
        if (stream || !mayStillSend) {
            ctx.close();
        } else {
            LingeringClose.close(ctx.channel());
        }
    }
}
