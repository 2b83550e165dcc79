package io.altokit.model.signing;

/** Why a signed response (or a Content-Digest field) was rejected. */
public enum VerificationFailure {
    /** A required field (Signature-Input, Signature, Content-Digest, or a covered field) is absent. */
    MISSING_FIELD,
    /** Signature-Input or Signature has no member with the expected label. */
    MISSING_LABEL,
    /** A field does not parse as the structured field it must be (RFC 8941), or has the wrong shape. */
    MALFORMED_FIELD,
    /** The {@code alg} parameter names an algorithm other than ed25519. */
    UNSUPPORTED_ALGORITHM,
    /** A covered component this implementation cannot reproduce (derived components other than @status, component parameters). */
    UNSUPPORTED_COMPONENT,
    /** The signature does not cover a component the verifier requires (@status, content-type, content-digest, etag when present). */
    INSUFFICIENT_COVERAGE,
    /** The {@code keyid} is not one of the trusted keys. */
    UNKNOWN_KEYID,
    /** {@code created} is older than the allowed maximum age, or {@code expires} has passed. */
    TOO_OLD,
    /** {@code created} lies further in the future than the allowed clock skew. */
    CREATED_IN_FUTURE,
    /** The Ed25519 signature does not verify over the rebuilt signature base. */
    BAD_SIGNATURE,
    /** Content-Digest carries no algorithm this implementation supports (sha-256, sha-512). */
    UNSUPPORTED_DIGEST,
    /** The body's digest differs from the one in Content-Digest. */
    DIGEST_MISMATCH
}
