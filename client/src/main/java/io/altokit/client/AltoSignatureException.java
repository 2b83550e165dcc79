package io.altokit.client;

import io.altokit.model.signing.VerificationFailure;

/**
 * The client verifies signatures ({@link AltoClient.Builder#verifySignatures}) and a successful answer
 * was unsigned, signed by another key, altered after signing, or signed for another request. Such an
 * answer may be forged guidance, so it is never used and never retried.
 */
public final class AltoSignatureException extends AltoClientException {
    private static final long serialVersionUID = 1L;

    private final VerificationFailure failure;

    AltoSignatureException(String message, VerificationFailure failure) {
        super(message, null);
        this.failure = failure;
    }

    /** Why the signature was rejected. */
    public VerificationFailure failure() {
        return failure;
    }
}
