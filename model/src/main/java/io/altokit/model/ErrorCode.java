package io.altokit.model;

/**
 * ALTO error codes: RFC 7285 section 8.5.2, table 1, then the codes AltoKit's protection layer sends
 * with the HTTP statuses RFC 7285 leaves to HTTP (it allows companion documents to add codes). The
 * extension codes are not in the IANA registry; a client that knows only RFC 7285 still acts on the
 * HTTP status, which is what matters (401, 403, 429, 503 with Retry-After).
 */
public enum ErrorCode {
    /** Parsing error in request (including identifiers). */
    E_SYNTAX,
    /** A required JSON field is missing. */
    E_MISSING_FIELD,
    /** The type of the value of a JSON field is invalid. */
    E_INVALID_FIELD_TYPE,
    /** The value of a JSON field is invalid. */
    E_INVALID_FIELD_VALUE,
    /** Extension, with 401: no or wrong credentials. */
    E_UNAUTHORIZED,
    /** Extension, with 403: the caller may not use this resource, or has used up a privacy budget. */
    E_FORBIDDEN,
    /** Extension, with 429: the caller's request rate is above its limit; Retry-After says when to come back. */
    E_RATE_LIMITED,
    /** Extension, with 503: the server is at capacity (RFC 7285 section 8.5.3); Retry-After says when to retry. */
    E_OVERLOADED,
    /** Extension, with 500: the server failed to answer a valid request; its log has the details. */
    E_INTERNAL
}
