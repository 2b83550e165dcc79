package io.altokit.client;

import io.altokit.model.AltoError;

/** The server refused the request with an RFC 7285 error object ({@code application/alto-error+json}). */
public final class AltoErrorResponseException extends AltoClientException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient AltoError error;

    AltoErrorResponseException(String request, int status, AltoError error) {
        super(request + " failed with HTTP " + status + ": " + error.describe(), null);
        this.status = status;
        this.error = error;
    }

    /** The HTTP status, 400 for RFC 7285's error codes. */
    public int status() {
        return status;
    }

    public AltoError error() {
        return error;
    }
}
