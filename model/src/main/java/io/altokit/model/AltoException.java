package io.altokit.model;

/** A request (or response) that violates RFC 7285; carries the error object the server sends back. */
public final class AltoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient AltoError error;

    public AltoException(AltoError error) {
        super(error.describe(), null, false, false);
        this.error = error;
    }

    public AltoError error() {
        return error;
    }
}
