package io.altokit.server;

import io.altokit.core.time.ThrottledWarning;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.ContentCoding;
import io.altokit.server.http.EventStream;
import io.altokit.server.http.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Turns a Netty request into an {@link AltoRequest} and the {@link Reply} into a response with
 * content coding and ETag handled. Every response, this handler's and the error answers other
 * handlers send through {@link #closingResponse}, is built by {@link #toResponse} (a body above 64
 * KiB: its head, then the body in {@link BodyPieces}) and passes {@link KeepAlive}, which decides
 * keep-alive and logs it. Stateless, so one instance serves every
 * connection.
 */
@ChannelHandler.Sharable
public final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);
    private static final AsciiString CONTENT_DIGEST = AsciiString.cached("content-digest");

    private final Answerer answerer;
    private final Optional<Admission> admission;
    private final ThrottledWarning connectionErrors;

    HttpHandler(Answerer answerer, Optional<Admission> admission, ThrottledWarning connectionErrors) {
        this.answerer = answerer;
        this.admission = admission;
        this.connectionErrors = connectionErrors;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            ctx.writeAndFlush(closingResponse(FramingError.reply(request.decoderResult().cause())));
            return;
        }
        boolean gzip = ContentCoding.acceptsGzip(header(request.headers(), HttpHeaderNames.ACCEPT_ENCODING));
        boolean head = request.method().equals(HttpMethod.HEAD);
        AltoRequest altoRequest = toAltoRequest(request, (InetSocketAddress) ctx.channel().remoteAddress(),
                TlsPeer.clientCertificate(ctx.channel()), TlsPeer.encrypted(ctx.channel()));
        if (admission.isEmpty()) {
            respond(ctx, answer(ctx, altoRequest), gzip, head);
            return;
        }
        Admission limit = admission.get();
        Optional<Admission.Slot> slot = limit.tryAcquire();
        if (slot.isPresent() && limit.cheap(altoRequest)) {
            respond(ctx, limit.answerHere(slot.get(), altoRequest, asked -> answer(ctx, asked)), gzip, head);
            return;
        }
        // Hold the connection's next request until this one is answered (the FlowControlHandler in
        // front of the admission gate keeps it), so answers leave in request order.
        ReadHolds.hold(ctx.channel(), ReadHolds.Reason.ANSWERING);
        Consumer<Reply> respondThenRead = reply -> respond(ctx, reply, gzip, head)
                .addListener(written -> ReadHolds.release(ctx.channel(), ReadHolds.Reason.ANSWERING));
        if (slot.isPresent()) {
            limit.run(slot.get(), altoRequest, asked -> answer(ctx, asked), respondThenRead);
        } else {
            limit.await(altoRequest, asked -> answer(ctx, asked), respondThenRead);
        }
    }

    private static AltoRequest toAltoRequest(FullHttpRequest request, InetSocketAddress remote,
                                             Optional<X509Certificate> clientCertificate, boolean tls) {
        HttpHeaders headers = request.headers();
        return new AltoRequest(request.method().name(), pathOf(request.uri()),
                header(headers, HttpHeaderNames.ACCEPT), header(headers, HttpHeaderNames.CONTENT_TYPE),
                header(headers, HttpHeaderNames.IF_NONE_MATCH), ByteBufUtil.getBytes(request.content()),
                remote.getAddress(), header(headers, HttpHeaderNames.AUTHORIZATION), clientCertificate,
                header(headers, CONTENT_DIGEST), header(headers, HttpHeaderNames.HOST).map(host -> (tls ? "https://" : "http://") + host));
    }

    /** The answerer's reply; its origin goes with it to the access log and the metrics. */
    private Reply answer(ChannelHandlerContext ctx, AltoRequest request) {
        Answerer.Answer answer = answerer.answer(request);
        AnswerOrigin.note(ctx.channel(), answer.origin());
        return answer.reply();
    }

    /** Writes the answer; safe from any thread (Netty hands the write to the channel's event loop). */
    private static ChannelFuture respond(ChannelHandlerContext ctx, Reply reply, boolean acceptsGzip, boolean head) {
        if (reply.pending().isPresent()) {
            return respondLater(ctx, reply.pending().get(), acceptsGzip, head);
        }
        if (reply.stream().isPresent() && reply.status() == 200) {
            return stream(ctx, reply, reply.stream().get());
        }
        boolean gzip = acceptsGzip && reply.body().worthCompressing();
        if (!head && reply.status() == 200 && reply.body().length(gzip) > BodyPieces.PIECE_BYTES) {
            return respondInPieces(ctx, reply, gzip);
        }
        FullHttpResponse response = toResponse(reply, gzip, head);
        if (reply.status() == 500) {
            // After a failure nothing more is trusted on this connection.
            HttpUtil.setKeepAlive(response, false);
        }
        return ctx.writeAndFlush(response);
    }

    /**
     * Writes an answer once it is there (a long poll). The connection's next request waits meanwhile,
     * so that answers leave in request order, and its idle timeout is held off, since its client has
     * nothing to send ({@link IdleTimeout}); no thread waits, whoever completes the answer writes it.
     */
    private static ChannelFuture respondLater(ChannelHandlerContext ctx, CompletionStage<Reply> pending,
                                              boolean acceptsGzip, boolean head) {
        ChannelPromise written = ctx.newPromise();
        if (ctx.executor().inEventLoop()) {
            ReadHolds.hold(ctx.channel(), ReadHolds.Reason.ANSWERING); // before a pipelined next request is read
        } else {
            ctx.executor().execute(() -> ReadHolds.hold(ctx.channel(), ReadHolds.Reason.ANSWERING));
        }
        IdleTimeout.holdOpenUntil(ctx.channel(), pending);
        pending.whenComplete((reply, failure) -> {
            if (failure != null) {
                written.setFailure(failure);
                ctx.close();
                return;
            }
            respond(ctx, reply, acceptsGzip, head).addListener(done -> {
                ReadHolds.release(ctx.channel(), ReadHolds.Reason.ANSWERING);
                written.setSuccess();
            });
        });
        return written;
    }

    /**
     * The head of an event stream, then its body as the producer writes it (chunked in HTTP/1.1, DATA
     * frames in HTTP/2). The client sends nothing more, so the connection's idle timeout is held off
     * while the stream is open ({@link IdleTimeout}); over HTTP/1.1 the connection closes when the
     * stream ends.
     */
    private static ChannelFuture stream(ChannelHandlerContext ctx, Reply reply, EventStream events) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, reply.mediaType());
        headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        reply.headers().forEach(headers::set);
        HttpUtil.setKeepAlive(response, false);
        IdleTimeout.holdOpenWhile(ctx.channel());
        ChannelFuture head = ctx.writeAndFlush(response);
        events.start(new ChannelEventSink(ctx.channel()));
        return head;
    }

    /** An answer after which the connection closes ({@link KeepAlive} closes it once the answer is out). */
    static FullHttpResponse closingResponse(Reply reply) {
        FullHttpResponse response = toResponse(reply, false, false);
        HttpUtil.setKeepAlive(response, false);
        return response;
    }

    /**
     * A big body (a full map) as its head, then {@link BodyPieces} that the pipeline's
     * {@code ChunkedWriteHandler} writes as the connection takes them.
     */
    private static ChannelFuture respondInPieces(ChannelHandlerContext ctx, Reply reply, boolean gzip) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        setHeaders(response.headers(), reply, gzip, reply.body().length(gzip));
        ctx.write(response);
        return ctx.writeAndFlush(new HttpChunkedInput(new BodyPieces(reply.body(), gzip)));
    }

    /** The HTTP/1.1 response the server writes for {@code reply} (public for the benchmarks' encoding cost). */
    public static FullHttpResponse toResponse(Reply reply, boolean gzip, boolean head) {
        boolean empty = reply.status() == 304;
        ByteBuf content = head || empty ? Unpooled.EMPTY_BUFFER
                : Unpooled.wrappedBuffer(gzip ? reply.body().gzipped() : reply.body().identity());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), content);
        setHeaders(response.headers(), reply, gzip, empty ? 0 : reply.body().length(gzip));
        return response;
    }

    private static void setHeaders(HttpHeaders headers, Reply reply, boolean gzip, int contentLength) {
        if (!reply.mediaType().isEmpty() && reply.status() != 304) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, reply.mediaType());
        }
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, contentLength);
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
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            LOG.debug("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            // A remote party may be able to cause this at will: logged at a bounded rate.
            connectionErrors.occurred().ifPresent(count -> LOG.warn(
                    "closing connection from {} after an unexpected error ({} since the last such warning)",
                    ctx.channel().remoteAddress(), count, cause));
        }
        ctx.close();
    }
}
