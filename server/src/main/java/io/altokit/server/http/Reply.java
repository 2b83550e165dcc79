package io.altokit.server.http;

import io.altokit.model.AltoError;
import io.altokit.model.MediaTypes;
import io.altokit.model.ResponseEncoder;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * An HTTP answer before it meets the transport: status, media type, body and the few headers ALTO
 * needs, plus fields that depend on the bytes as sent, which only the transport's choice of content
 * coding fixes ({@link CodedFields}). {@code body} may be shared and must not be modified.
 *
 * <p>A reply may also stand for an answer that is not there yet ({@link #later}): a long poll
 * (RFC 9569 edges) is answered when a publication or a timeout completes it, with no thread waiting.
 */
public record Reply(int status, String mediaType, Representation body, Map<String, String> headers,
                    CodedFields codedFields, Optional<EventStream> stream, Optional<CompletionStage<Reply>> pending) {

    public Reply(int status, String mediaType, Representation body, Map<String, String> headers,
                 CodedFields codedFields, Optional<EventStream> stream) {
        this(status, mediaType, body, headers, codedFields, stream, Optional.empty());
    }

    /**
     * Header fields computed from the body in the content coding the transport picked (gzip or
     * identity), such as Content-Digest and a signature over it (RFC 9530: the digest is over the
     * content as sent). Called once per response, on the I/O thread.
     */
    @FunctionalInterface
    public interface CodedFields {
        CodedFields NONE = gzip -> Map.of();

        Map<String, String> of(boolean gzip);
    }

    public Reply(int status, String mediaType, Representation body, Map<String, String> headers,
                 CodedFields codedFields) {
        this(status, mediaType, body, headers, codedFields, Optional.empty());
    }

    public Reply(int status, String mediaType, Representation body, Map<String, String> headers) {
        this(status, mediaType, body, headers, CodedFields.NONE);
    }

    /**
     * A 200 whose body is written after the head as events happen ({@code body} is empty): the
     * transport writes the head, then starts {@code stream}.
     */
    public static Reply streaming(String mediaType, EventStream stream) {
        return new Reply(200, mediaType, Representation.of(new byte[0]), Map.of(), CodedFields.NONE, Optional.of(stream));
    }

    /**
     * An answer that {@code answer} completes later; the transport writes it then, from whichever
     * thread completes it. Until then the status is a placeholder (202) nobody sends.
     */
    public static Reply later(CompletionStage<Reply> answer) {
        return new Reply(202, "", Representation.of(new byte[0]), Map.of(), CodedFields.NONE, Optional.empty(),
                Optional.of(answer));
    }

    /** This reply, or once it is there the pending one, passed through {@code step} (a decorator, a 304 check). */
    public Reply then(UnaryOperator<Reply> step) {
        return pending.map(later -> later(later.thenApply(step))).orElseGet(() -> step.apply(this));
    }

    public static Reply ok(String mediaType, Representation body) {
        return new Reply(200, mediaType, body, Map.of());
    }

    public static Reply ok(String mediaType, byte[] body) {
        return ok(mediaType, Representation.of(body));
    }

    /**
     * The 304 for a request whose If-None-Match matched this answer. It keeps the answer's media type
     * and body for the decorators (a cache freshens its stored answer from the 304's fields); the
     * transport sends neither.
     */
    public static Reply notModified(Reply validated) {
        return new Reply(304, validated.mediaType(), validated.body(), Map.of());
    }

    /** An RFC 7285 error object with the status that goes with it. */
    public static Reply error(int status, AltoError error) {
        return new Reply(status, MediaTypes.ERROR, Representation.of(ResponseEncoder.error(error)), Map.of());
    }

    /** HTTP-level failures that carry no ALTO-layer information (RFC 7285 8.5): a one-line explanation. */
    public static Reply plain(int status, String message, Map<String, String> headers) {
        return new Reply(status, "text/plain; charset=utf-8",
                Representation.of((message + "\n").getBytes(StandardCharsets.UTF_8)), headers);
    }

    /** This reply with {@code extra} headers added (replacing any of the same name). */
    public Reply withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new Reply(status, mediaType, body, Map.copyOf(merged), codedFields, stream, pending);
    }

    public Optional<String> etag() {
        return body.etag();
    }

    /** The ETag field value as sent in the given coding: the gzip variant is another entity with its own tag. */
    public Optional<String> etagField(boolean gzip) {
        return body.etag().map(tag -> "\"" + tag + (gzip ? ContentCoding.GZIP_ETAG_SUFFIX : "") + "\"");
    }

    public Reply withCodedFields(CodedFields fields) {
        return new Reply(status, mediaType, body, headers, fields, stream, pending);
    }
}
