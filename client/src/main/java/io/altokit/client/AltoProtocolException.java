package io.altokit.client;

import io.altokit.model.AltoError;

import java.util.Optional;

/**
 * The server answered, but not with what RFC 7285 says it must: the wrong media type, a body that is
 * not JSON or lacks or mistypes a field (the {@link #detail()} names its path), or a cost map whose
 * dependent vtags do not match the network map the client holds.
 */
public final class AltoProtocolException extends AltoClientException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the answer. */
    public enum Problem {
        /** Content-Type is not the media type the resource is listed with (or the error type). */
        WRONG_MEDIA_TYPE,
        /** Not JSON, or JSON that does not follow the message's RFC 7285 definition. */
        MALFORMED_BODY,
        /** The dependent vtags name a network map version other than the one the client holds. */
        VTAG_MISMATCH,
        /** An HTTP exchange RFC 7285 does not allow, such as a 304 to an unconditional request. */
        UNEXPECTED_RESPONSE,
        /**
         * An update (RFC 8895, RFC 9569) that does not continue the version the client holds: a patch
         * before any full state, a patch that does not apply, an edge that does not start where the
         * client is.
         */
        BROKEN_CONTINUITY
    }

    private final Problem problem;
    private final transient Optional<AltoError> detail;

    AltoProtocolException(Problem problem, String message, Optional<AltoError> detail, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.detail = detail;
    }

    public Problem problem() {
        return problem;
    }

    /** For a malformed body: what is wrong and where, as a path such as "meta/dependent-vtags[0]/tag". */
    public Optional<AltoError> detail() {
        return detail;
    }
}
