package io.altokit.model.signing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The signature parameters of RFC 9421 section 2.3 ({@code created}, {@code keyid}, {@code alg}, ...),
 * kept in the order they were set or received: that order is part of the signed
 * {@code @signature-params} line.
 */
public final class SignatureParameters {
    private final Map<String, Object> params;

    private SignatureParameters(Map<String, Object> params) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parameters as parsed from a Signature-Input member (already validated as RFC 8941 bare items). */
    static SignatureParameters fromParsed(Map<String, Object> parsed) {
        return new SignatureParameters(parsed);
    }

    public OptionalLong created() {
        return params.get("created") instanceof Long l ? OptionalLong.of(l) : OptionalLong.empty();
    }

    public OptionalLong expires() {
        return params.get("expires") instanceof Long l ? OptionalLong.of(l) : OptionalLong.empty();
    }

    public Optional<String> keyId() {
        return params.get("keyid") instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public Optional<String> alg() {
        return params.get("alg") instanceof String s ? Optional.of(s) : Optional.empty();
    }

    Map<String, Object> asMap() {
        return params;
    }

    /** The parameters as serialised after the inner list, e.g. {@code ;created=1618884473;keyid="k"}. */
    public String serialize() {
        return StructuredFields.serializeParams(params);
    }

    @Override
    public String toString() {
        return serialize();
    }

    public static final class Builder {
        private final Map<String, Object> params = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder created(long epochSeconds) {
            params.put("created", epochSeconds);
            return this;
        }

        public Builder expires(long epochSeconds) {
            params.put("expires", epochSeconds);
            return this;
        }

        public Builder keyId(String keyId) {
            StructuredFields.serializeString(keyId); // printable ASCII only
            params.put("keyid", keyId);
            return this;
        }

        public Builder alg(String alg) {
            StructuredFields.serializeString(alg);
            params.put("alg", alg);
            return this;
        }

        public Builder nonce(String nonce) {
            StructuredFields.serializeString(nonce);
            params.put("nonce", nonce);
            return this;
        }

        public Builder tag(String tag) {
            StructuredFields.serializeString(tag);
            params.put("tag", tag);
            return this;
        }

        public SignatureParameters build() {
            return new SignatureParameters(params);
        }
    }
}
