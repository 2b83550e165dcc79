package io.altokit.client;

import java.time.Duration;
import java.util.Optional;

/**
 * An HTTP status other than success and without an RFC 7285 error object: 404, 406, 415, 500, or a
 * 503 that persisted through the retries (then {@link #retryAfter()} says when the server wants to
 * be asked again).
 */
public final class AltoStatusException extends AltoClientException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Optional<Duration> retryAfter;

    AltoStatusException(String message, int status, Optional<Duration> retryAfter) {
        super(message, null);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
