package io.altokit.model;

import java.util.Optional;

/**
 * The ALTO error resource (RFC 7285 section 8.5.2): a code plus, where the RFC allows, the offending
 * field's path ("cost-type/cost-mode"), its value as a string, or a syntax error description.
 */
public record AltoError(ErrorCode code, Optional<String> field, Optional<String> value, Optional<String> syntaxError) {

    public AltoError {
        if (value.isPresent() && field.isEmpty()) {
            throw new IllegalArgumentException("RFC 7285: an error with a value must name the field");
        }
    }

    /** An error that names no field, such as the protection layer's refusals. */
    public static AltoError of(ErrorCode code) {
        return new AltoError(code, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static AltoError syntax(String description) {
        return new AltoError(ErrorCode.E_SYNTAX, Optional.empty(), Optional.empty(), Optional.of(description));
    }

    public static AltoError missingField(String field) {
        return new AltoError(ErrorCode.E_MISSING_FIELD, Optional.of(field), Optional.empty(), Optional.empty());
    }

    public static AltoError invalidType(String field) {
        return new AltoError(ErrorCode.E_INVALID_FIELD_TYPE, Optional.of(field), Optional.empty(), Optional.empty());
    }

    /** An invalid field whose value is too large or composite to echo, such as an over-long list. */
    public static AltoError invalidValue(String field) {
        return new AltoError(ErrorCode.E_INVALID_FIELD_VALUE, Optional.of(field), Optional.empty(), Optional.empty());
    }

    public static AltoError invalidValue(String field, String value) {
        return new AltoError(ErrorCode.E_INVALID_FIELD_VALUE, Optional.of(field), Optional.of(value), Optional.empty());
    }

    /** A one-line description for logs and exception messages. */
    public String describe() {
        StringBuilder text = new StringBuilder(code.name());
        field.ifPresent(f -> text.append(" field=").append(f));
        value.ifPresent(v -> text.append(" value=").append(v));
        syntaxError.ifPresent(s -> text.append(": ").append(s));
        return text.toString();
    }
}
