package io.altokit.model.signing;

/** A rejected signature or digest, with the typed reason and a human-readable detail. */
public final class VerificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final VerificationFailure failure;

    public VerificationException(VerificationFailure failure, String detail) {
        super(failure + ": " + detail, null, false, false);
        this.failure = failure;
    }

    public VerificationFailure failure() {
        return failure;
    }
}
