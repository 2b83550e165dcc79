package io.altokit.server;

import io.altokit.core.time.ThrottledWarning;
import io.altokit.core.time.Ticker;
import io.altokit.model.AltoError;
import io.altokit.server.http.Reply;
import io.altokit.server.ops.ServerMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The handlers of one accepted connection. Plain HTTP: HTTP/1.1 straight away. With TLS: the first
 * bytes tell a TLS handshake from plain HTTP; after the handshake ALPN picks HTTP/2 or HTTP/1.1, and
 * plain HTTP is either served too ({@code allow-plain-http}) or answered 400 and closed. Every path
 * ends in the same {@link HttpHandler}, and every response of every path passes a {@link KeepAlive}.
 */
final class ConnectionSetup extends ChannelInitializer<SocketChannel> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSetup.class);
    /** Streams one HTTP/2 connection may have open at once (RFC 9113 recommends no fewer than 100). */
    private static final int MAX_CONCURRENT_STREAMS = 128;
    /** A warning any client can cause is written at most this often. */
    private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

    /**
     * Requests one connection may have decoded and waiting for their answers. The real bound is lower:
     * with a concurrency limit a connection stops reading while a request is being answered, so
     * only what one socket read brought in (at most 64 KiB) is decoded ahead; Netty's default of 128
     * would instead fail a deep pipeline of small requests with an exception and a reset.
     */
    private static final int MAX_PIPELINE_DEPTH = 1 << 16;

    private final ServerConfig config;
    private final HttpHandler handler;
    private final Optional<SslContext> tls;
    /** With a concurrency limit: admission at the request head, worker threads answering. */
    private final Optional<Admission> admission;
    private final AccessLog accessLog;
    private final ServerMetrics metrics;
    private final Ticker ticker;
    private final RequestDeadline.Clock deadlines;
    /** Connections closed for not taking their answers, reported at a bounded rate over all connections. */
    private final ThrottledWarning untakenAnswersCloses;

    ConnectionSetup(ServerConfig config, Optional<SslContext> tls, HttpHandler handler, Optional<Admission> admission,
                    AccessLog accessLog, ServerMetrics metrics, Ticker ticker, RequestDeadline.Clock deadlines) {
        this.config = config;
        this.tls = tls;
        this.handler = handler;
        this.admission = admission;
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.ticker = ticker;
        this.deadlines = deadlines;
        this.untakenAnswersCloses = new ThrottledWarning(WARNING_INTERVAL, ticker);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline().addLast(new IdleTimeout(config.idleTimeout()));
        if (tls.isEmpty()) {
            http1(pipeline);
        } else {
            boolean plainAllowed = config.tls().orElseThrow().allowPlainHttp();
            pipeline.addLast(new TlsOrPlain(tls.get(), plainAllowed ? this::http1 : this::refusePlain));
        }
    }

    private void http1(ChannelPipeline pipeline) {
        RequestDeadline deadline = deadline(pipeline.channel());
        pipeline.addLast(deadline.start(), codec());
        addRequestHandling(pipeline, deadline, false);
    }

    private static HttpServerCodec codec() {
        return new HttpServerCodec(new HttpDecoderConfig(), MAX_PIPELINE_DEPTH);
    }

    private RequestDeadline deadline(Channel channel) {
        return deadlines.deadline(config.requestTimeout(), channel);
    }

    /**
     * From decoded HTTP objects on: the deadline's end, {@link UntakenAnswers} and flow control
     * (HTTP/1.1; flow control also on HTTP/2 streams with a limit), {@link KeepAlive} (in front of
     * everything that answers, so every response passes it), the writer of big bodies in pieces
     * ({@link BodyPieces}, as the connection takes them), admission (with a limit), body
     * aggregation, the handler.
     */
    private void addRequestHandling(ChannelPipeline pipeline, RequestDeadline deadline, boolean stream) {
        pipeline.addLast(deadline.finish());
        if (!stream) {
            pipeline.addLast(new UntakenAnswers(config.requestTimeout(), untakenAnswersCloses));
        }
        if (admission.isPresent() || !stream) {
            // Decoded requests wait here while the connection is not read: with a limit, the next one
            // is released only once this one is answered, so answers leave in request order and each
            // request is admitted on its own; and nothing is answered while answers are not taken.
            pipeline.addLast(new FlowControlHandler());
        }
        // Behind KeepAlive, which sees a big body's pieces (BodyPieces) as the content of its response.
        pipeline.addLast(new KeepAlive(accessLog, metrics, ticker, deadline, stream), new ChunkedWriteHandler());
        admission.ifPresent(limit -> pipeline.addLast(new AdmissionGate(limit, config.maxRequestBytes())));
        pipeline.addLast(new BodyLimit(config.maxRequestBytes()), handler);
    }

    private void http2(ChannelPipeline pipeline) {
        pipeline.addLast(Http2FrameCodecBuilder.forServer()
                        .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(MAX_CONCURRENT_STREAMS))
                        .build(),
                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        RequestDeadline deadline = deadline(stream);
                        stream.pipeline().addLast(deadline.start(), new Http2StreamFrameToHttpObjectCodec(true));
                        addRequestHandling(stream.pipeline(), deadline, true);
                    }
                }));
    }

    private void refusePlain(ChannelPipeline pipeline) {
        RequestDeadline deadline = deadline(pipeline.channel());
        pipeline.addLast(deadline.start(), codec(), deadline.finish(), new KeepAlive(accessLog, metrics, ticker, deadline, false),
                new PlainHttpRefusal());
    }

    /**
     * Tells TLS from plain HTTP by the first bytes (a TLS record header or not). Trickling those bytes
     * must not hold a connection either: still undecided after the request deadline, it is closed.
     */
    private final class TlsOrPlain extends OptionalSslHandler {
        private final Consumer<ChannelPipeline> plain;
        private ScheduledFuture<?> undecided;

        TlsOrPlain(SslContext context, Consumer<ChannelPipeline> plain) {
            super(context);
            this.plain = plain;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            undecided = ctx.executor().schedule(() -> {
                LOG.debug("closing connection from {}: neither TLS nor HTTP after {} ms", ctx.channel().remoteAddress(),
                        config.requestTimeout().toMillis());
                ctx.close();
            }, config.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        protected void handlerRemoved0(ChannelHandlerContext ctx) {
            undecided.cancel(false);
        }

        @Override
        protected SslHandler newSslHandler(ChannelHandlerContext ctx, SslContext context) {
            ctx.pipeline().addAfter(ctx.name(), null, new ProtocolChoice());
            SslHandler handler = super.newSslHandler(ctx, context);
            handler.setHandshakeTimeoutMillis(config.requestTimeout().toMillis());
            return handler;
        }

        @Override
        protected ChannelHandler newNonSslHandler(ChannelHandlerContext ctx) {
            return new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    plain.accept(channel.pipeline());
                }
            };
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeQuietly(ctx, cause);
        }
    }

    /** After the handshake: HTTP/2 or HTTP/1.1 as ALPN agreed (HTTP/1.1 when the client offered neither). */
    private final class ProtocolChoice extends ApplicationProtocolNegotiationHandler {
        ProtocolChoice() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            TlsPeer.remember(ctx.channel(), ctx.pipeline().get(SslHandler.class));
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                http2(ctx.pipeline());
            } else {
                http1(ctx.pipeline());
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            // Expected from scanners and from clients without an acceptable certificate: not worth a warning.
            closeQuietly(ctx, cause);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeQuietly(ctx, cause);
        }
    }

    /** Answers plain HTTP on an HTTPS-only port with 400 and an error object; {@link KeepAlive} closes. */
    private static final class PlainHttpRefusal extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            if (msg instanceof HttpRequest) {
                ctx.writeAndFlush(HttpHandler.closingResponse(Reply.error(400,
                        AltoError.syntax("this port accepts HTTPS only; plain HTTP is refused"))));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeQuietly(ctx, cause);
        }
    }

    /** Before the HTTP handler is in place, a failing connection (timeout, reset, bad handshake) just ends. */
    private static void closeQuietly(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing connection from {} before HTTP: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
