package io.altokit.model;

/** RFC 7285 section 8.5.2, table 1. */
public enum ErrorCode {
    /** Parsing error in request (including identifiers). */
    E_SYNTAX,
    /** A required JSON field is missing. */
    E_MISSING_FIELD,
    /** The type of the value of a JSON field is invalid. */
    E_INVALID_FIELD_TYPE,
    /** The value of a JSON field is invalid. */
    E_INVALID_FIELD_VALUE
}
