package io.altokit.server;

import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.ContentCoding;
import io.altokit.server.http.Reply;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.AsciiString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a Netty request into an {@link AltoRequest}, the {@link Reply} into a response with
 * content coding, ETag and keep-alive handled, and writes one access log line per request.
 * Stateless, so one instance serves every connection.
 */
@ChannelHandler.Sharable
public final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);
    private static final AsciiString CONTENT_DIGEST = AsciiString.cached("content-digest");

    private final Dispatcher dispatcher;
    private final AccessLog accessLog;
    private final Optional<Admission> admission;

    HttpHandler(Dispatcher dispatcher, AccessLog accessLog, Optional<Admission> admission) {
        this.dispatcher = dispatcher;
        this.accessLog = accessLog;
        this.admission = admission;
    }

    /** What answering needs to know of a request after Netty has released it. */
    record Exchange(InetSocketAddress remote, String method, String uri, boolean keepAlive,
                    Optional<String> acceptEncoding, long startedNanos) {

        /** Taken from the request's head, as soon as it is read. */
        static Exchange of(ChannelHandlerContext ctx, HttpRequest head) {
            return new Exchange((InetSocketAddress) ctx.channel().remoteAddress(), head.method().name(), head.uri(),
                    HttpUtil.isKeepAlive(head), header(head.headers(), HttpHeaderNames.ACCEPT_ENCODING), System.nanoTime());
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Exchange exchange = Exchange.of(ctx, request);
        InetSocketAddress remote = exchange.remote();
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, exchange, Reply.plain(400, "malformed HTTP request: "
                    + request.decoderResult().cause().getMessage(), Map.of()));
            return;
        }
        AltoRequest altoRequest = toAltoRequest(request, remote, TlsPeer.clientCertificate(ctx.channel()));
        if (admission.isEmpty()) {
            respond(ctx, exchange, dispatcher.dispatch(altoRequest));
            return;
        }
        Optional<Admission.Slot> slot = admission.get().tryAcquire();
        if (slot.isEmpty()) {
            // Filled up while this request's body was arriving.
            respond(ctx, exchange, admission.get().overloaded());
            return;
        }
        // Hold the connection's next request until this one is answered (the FlowControlHandler in
        // front of the admission gate keeps it), so answers leave in request order.
        ctx.channel().config().setAutoRead(false);
        admission.get().run(slot.get(), () -> dispatcher.dispatch(altoRequest),
                reply -> respond(ctx, exchange, reply).addListener(written -> ctx.channel().config().setAutoRead(true)));
    }

    private static AltoRequest toAltoRequest(FullHttpRequest request, InetSocketAddress remote,
                                             Optional<X509Certificate> clientCertificate) {
        HttpHeaders headers = request.headers();
        return new AltoRequest(request.method().name(), pathOf(request.uri()),
                header(headers, HttpHeaderNames.ACCEPT), header(headers, HttpHeaderNames.CONTENT_TYPE),
                header(headers, HttpHeaderNames.IF_NONE_MATCH), ByteBufUtil.getBytes(request.content()),
                remote.getAddress(), header(headers, HttpHeaderNames.AUTHORIZATION), clientCertificate,
                header(headers, CONTENT_DIGEST));
    }

    /** Writes the answer; safe from any thread (Netty hands the write to the channel's event loop). */
    private ChannelFuture respond(ChannelHandlerContext ctx, Exchange exchange, Reply reply) {
        // After a failure the connection may be in a bad state.
        return write(ctx, exchange, reply, exchange.keepAlive() && reply.status() < 500);
    }

    /** Writes the answer, keeping the connection open or closing it once written; logs it. */
    ChannelFuture write(ChannelHandlerContext ctx, Exchange exchange, Reply reply, boolean keepAlive) {
        boolean gzip = reply.body().worthCompressing() && ContentCoding.acceptsGzip(exchange.acceptEncoding());
        FullHttpResponse response = toResponse(reply, gzip, exchange.method().equals("HEAD"));
        HttpUtil.setKeepAlive(response, keepAlive);
        accessLog.record(exchange.remote(), exchange.method(), exchange.uri(), reply.status(),
                response.content().readableBytes(), exchange.startedNanos());
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        return written;
    }

    /** The HTTP/1.1 response the server writes for {@code reply} (public for the benchmarks' encoding cost). */
    public static FullHttpResponse toResponse(Reply reply, boolean gzip, boolean head) {
        byte[] body = reply.status() == 304 ? new byte[0] : gzip ? reply.body().gzipped() : reply.body().identity();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        HttpHeaders headers = response.headers();
        if (!reply.mediaType().isEmpty() && reply.status() != 304) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, reply.mediaType());
        }
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        reply.etagField(gzip).ifPresent(etag -> {
            headers.set(HttpHeaderNames.ETAG, etag);
            headers.set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        });
        if (reply.body().worthCompressing()) {
            headers.set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
        }
        if (gzip) {
            headers.set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
        }
        reply.headers().forEach(headers::set);
        reply.codedFields().of(gzip).forEach(headers::set);
        return response;
    }

    /** The path of a request target; ALTO resources take no query, so the rest is ignored. */
    private static String pathOf(String uri) {
        int end = uri.indexOf('?');
        return end < 0 ? uri : uri.substring(0, end);
    }

    private static Optional<String> header(HttpHeaders headers, CharSequence name) {
        return Optional.ofNullable(headers.get(name));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReadTimeoutException) {
            LOG.debug("closing idle connection from {}", ctx.channel().remoteAddress());
        } else if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            LOG.debug("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            LOG.warn("closing connection from {} after an unexpected error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
