package io.altokit.server;

import io.altokit.model.AltoError;
import io.altokit.server.http.Reply;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * The answer to a request the HTTP decoder could not frame (a header line without a colon, two
 * Content-Lengths, Content-Length with chunked, a bad chunk, an over-long line or header): an RFC 7285
 * syntax error with the most precise status. The connection closes after it, since where the next
 * request would start is unknown.
 */
final class FramingError {
    private FramingError() {
    }

    static Reply reply(Throwable cause) {
        int status = switch (cause) {
            case TooLongHttpHeaderException tooLong -> 431;
            case TooLongHttpLineException tooLong -> 414;
            default -> 400;
        };
        return Reply.error(status, AltoError.syntax("malformed HTTP request: " + cause.getMessage()));
    }
}
