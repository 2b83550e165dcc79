package io.altokit.server;

import io.altokit.model.AltoError;
import io.altokit.model.MediaTypes;
import io.altokit.model.ResponseEncoder;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP answer before it meets the transport: status, media type, body and the few headers ALTO
 * needs. {@code body} may be shared and must not be modified.
 */
public record Reply(int status, String mediaType, Representation body, Map<String, String> headers) {

    public static Reply ok(String mediaType, Representation body) {
        return new Reply(200, mediaType, body, Map.of());
    }

    public static Reply ok(String mediaType, byte[] body) {
        return ok(mediaType, Representation.of(body));
    }

    public static Reply notModified(Representation body) {
        return new Reply(304, "", body, Map.of());
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
        return new Reply(status, mediaType, body, Map.copyOf(merged));
    }

    public Optional<String> etag() {
        return body.etag();
    }
}
