package io.altokit.model.signing;

import static io.altokit.model.signing.VerificationFailure.BAD_SIGNATURE;
import static io.altokit.model.signing.VerificationFailure.CREATED_IN_FUTURE;
import static io.altokit.model.signing.VerificationFailure.INSUFFICIENT_COVERAGE;
import static io.altokit.model.signing.VerificationFailure.MALFORMED_FIELD;
import static io.altokit.model.signing.VerificationFailure.MISSING_FIELD;
import static io.altokit.model.signing.VerificationFailure.MISSING_LABEL;
import static io.altokit.model.signing.VerificationFailure.TOO_OLD;
import static io.altokit.model.signing.VerificationFailure.UNKNOWN_KEYID;
import static io.altokit.model.signing.VerificationFailure.UNSUPPORTED_ALGORITHM;
import static io.altokit.model.signing.VerificationFailure.UNSUPPORTED_COMPONENT;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a response signed by {@link ResponseSigner} (or by any RFC 9421 Ed25519 signer covering at
 * least {@code @status}, {@code content-type} and {@code content-digest}): parses Signature-Input and
 * Signature, rebuilds the signature base from the received status and fields, checks the Ed25519
 * signature with the trusted key named by {@code keyid}, then the body against Content-Digest.
 *
 * <p>{@link #verify} never throws on hostile input: every failure is a {@link VerificationResult.Rejected}
 * with a {@link VerificationFailure}. Thread-safe and immutable.
 */
public final class SignatureVerifier {
    private static final List<String> REQUIRED = List.of("@status", "content-type", "content-digest");

    private final Map<String, PublicKey> keys;
    private final String label;
    private final Optional<Duration> maxAge;
    private final Duration clockSkew;
    private final Clock clock;
    private final boolean requireEtagCoverage;

    private SignatureVerifier(Builder b) {
        this.keys = Map.copyOf(b.keys);
        this.label = b.label;
        this.maxAge = b.maxAge;
        this.clockSkew = b.clockSkew;
        this.clock = b.clock;
        this.requireEtagCoverage = b.requireEtagCoverage;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a received response.
     *
     * @param status the HTTP status code as received
     * @param fields the response header fields as received
     * @param body   the body bytes as received (before any content decoding the digest was not made over)
     */
    public VerificationResult verify(int status, HttpFields fields, byte[] body) {
        if (fields == null || body == null) {
            return new VerificationResult.Rejected(MISSING_FIELD, "no fields or no body given");
        }
        try {
            return check(status, fields, body);
        } catch (VerificationException e) {
            return new VerificationResult.Rejected(e.failure(), e.getMessage());
        }
    }

    private VerificationResult.Verified check(int status, HttpFields fields, byte[] body) {
        String inputField = fields.value(SignedResponse.SIGNATURE_INPUT)
                .orElseThrow(() -> new VerificationException(MISSING_FIELD, "no Signature-Input field"));
        String signatureField = fields.value(SignedResponse.SIGNATURE)
                .orElseThrow(() -> new VerificationException(MISSING_FIELD, "no Signature field"));
        StructuredFields.Member input = member(inputField, "Signature-Input");
        StructuredFields.Member signatureMember = member(signatureField, "Signature");

        if (!(input instanceof StructuredFields.InnerList covered)) {
            throw new VerificationException(MALFORMED_FIELD, "Signature-Input member " + label + " is not an inner list");
        }
        if (!(signatureMember instanceof StructuredFields.Item sigItem)
                || !(sigItem.value() instanceof StructuredFields.ByteSequence sigBytes)) {
            throw new VerificationException(MALFORMED_FIELD, "Signature member " + label + " is not a byte sequence");
        }

        SignatureParameters params = parameters(covered.params());
        String keyId = params.keyId()
                .orElseThrow(() -> new VerificationException(MALFORMED_FIELD, "Signature-Input has no keyid string parameter"));
        long created = params.created()
                .orElseThrow(() -> new VerificationException(MALFORMED_FIELD, "Signature-Input has no created integer parameter"));
        if (params.alg().isPresent() && !params.alg().get().equals(ResponseSigner.ALG)) {
            throw new VerificationException(UNSUPPORTED_ALGORITHM, "alg=\"" + params.alg().get() + "\", only ed25519 is accepted");
        }
        PublicKey key = keys.get(keyId);
        if (key == null) {
            throw new VerificationException(UNKNOWN_KEYID, "keyid \"" + keyId + "\" is not trusted");
        }

        List<String> ids = componentIds(covered);
        for (String required : REQUIRED) {
            if (!ids.contains(required)) {
                throw new VerificationException(INSUFFICIENT_COVERAGE, "the signature does not cover " + required);
            }
        }
        if (requireEtagCoverage && fields.contains("etag") && !ids.contains("etag")) {
            throw new VerificationException(INSUFFICIENT_COVERAGE, "the response has an ETag the signature does not cover");
        }

        checkTime(created, params);

        List<SignatureBase.Component> components = new ArrayList<>(ids.size());
        for (String id : ids) {
            components.add(new SignatureBase.Component(id, componentValue(id, status, fields)));
        }
        SignatureBase base;
        try {
            base = SignatureBase.of(components, params);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(MALFORMED_FIELD, e.getMessage());
        }
        if (!verifyEd25519(key, base, sigBytes.bytes())) {
            throw new VerificationException(BAD_SIGNATURE, "the Ed25519 signature of keyid \"" + keyId
                    + "\" does not verify over the signature base");
        }
        String digestField = fields.value(ContentDigest.FIELD)
                .orElseThrow(() -> new VerificationException(MISSING_FIELD, "no Content-Digest field"));
        ContentDigest.Algorithm digestAlgorithm = ContentDigest.verify(digestField, body);
        return new VerificationResult.Verified(label, keyId, Instant.ofEpochSecond(created), ids, digestAlgorithm);
    }

    private StructuredFields.Member member(String fieldValue, String fieldName) {
        Map<String, StructuredFields.Member> dictionary;
        try {
            dictionary = StructuredFields.parseDictionary(fieldValue);
        } catch (StructuredFields.MalformedException e) {
            throw new VerificationException(MALFORMED_FIELD, fieldName + " is not a structured-field dictionary: " + e.getMessage());
        }
        StructuredFields.Member member = dictionary.get(label);
        if (member == null) {
            throw new VerificationException(MISSING_LABEL, fieldName + " has no signature labelled " + label
                    + " (labels: " + dictionary.keySet() + ")");
        }
        return member;
    }

    private static SignatureParameters parameters(Map<String, Object> raw) {
        for (Map.Entry<String, Object> p : raw.entrySet()) {
            Object v = p.getValue();
            boolean ok = switch (p.getKey()) {
                case "created", "expires" -> v instanceof Long l && l >= 0;
                case "keyid", "alg", "nonce", "tag" -> v instanceof String;
                default -> true; // unknown parameters are signed as received
            };
            if (!ok) {
                throw new VerificationException(MALFORMED_FIELD, "signature parameter " + p.getKey() + " has the wrong type");
            }
        }
        return SignatureParameters.fromParsed(new LinkedHashMap<>(raw));
    }

    private static List<String> componentIds(StructuredFields.InnerList covered) {
        List<String> ids = new ArrayList<>(covered.items().size());
        for (StructuredFields.Item item : covered.items()) {
            if (!(item.value() instanceof String id)) {
                throw new VerificationException(MALFORMED_FIELD, "a covered component identifier is not a string");
            }
            if (!item.params().isEmpty()) {
                throw new VerificationException(UNSUPPORTED_COMPONENT, "component parameters are not supported: \"" + id + "\""
                        + StructuredFields.serializeParams(item.params()));
            }
            if (id.isEmpty() || !id.equals(id.toLowerCase(java.util.Locale.ROOT))) {
                throw new VerificationException(MALFORMED_FIELD, "component identifier not in lower case: \"" + id + "\"");
            }
            if (ids.contains(id)) {
                throw new VerificationException(MALFORMED_FIELD, "component covered twice: \"" + id + "\"");
            }
            ids.add(id);
        }
        return ids;
    }

    private static String componentValue(String id, int status, HttpFields fields) {
        if (id.startsWith("@")) {
            if (!id.equals("@status")) {
                throw new VerificationException(UNSUPPORTED_COMPONENT, "derived component " + id + " is not supported in a response");
            }
            if (status < 100 || status > 999) {
                throw new VerificationException(MALFORMED_FIELD, "not an HTTP status: " + status);
            }
            return Integer.toString(status);
        }
        return fields.value(id)
                .orElseThrow(() -> new VerificationException(MISSING_FIELD, "covered field " + id + " is absent"));
    }

    private void checkTime(long created, SignatureParameters params) {
        // whole seconds, no Instant arithmetic: no overflow whatever the configured durations
        long now = clock.instant().getEpochSecond();
        long skew = clockSkew.getSeconds();
        if (created - now > skew) {
            throw new VerificationException(CREATED_IN_FUTURE, "created " + Instant.ofEpochSecond(created)
                    + " is more than " + clockSkew + " after " + Instant.ofEpochSecond(now));
        }
        if (maxAge.isPresent() && now - created > maxAge.get().getSeconds()) {
            throw new VerificationException(TOO_OLD, "created " + Instant.ofEpochSecond(created)
                    + " is older than " + maxAge.get() + " at " + Instant.ofEpochSecond(now));
        }
        if (params.expires().isPresent() && now - params.expires().getAsLong() > skew) {
            throw new VerificationException(TOO_OLD, "expired at " + Instant.ofEpochSecond(params.expires().getAsLong()));
        }
    }

    /** Checks a raw Ed25519 signature over a signature base. */
    public static boolean verifyEd25519(PublicKey key, SignatureBase base, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update(base.bytes());
            return ed25519.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification unavailable: " + e.getMessage(), e);
        }
    }

    public static final class Builder {
        private final Map<String, PublicKey> keys = new LinkedHashMap<>();
        private String label = ResponseSigner.DEFAULT_LABEL;
        private Optional<Duration> maxAge = Optional.empty();
        private Duration clockSkew = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private boolean requireEtagCoverage = true;

        private Builder() {
        }

        /** Trusts an Ed25519 public key under a keyid; several keys allow rotation. */
        public Builder trust(String keyId, PublicKey key) {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(key, "key");
            try {
                Signature.getInstance("Ed25519").initVerify(key);
            } catch (InvalidKeyException e) {
                throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm(), e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks Ed25519", e);
            }
            keys.put(keyId, key);
            return this;
        }

        public Builder label(String label) {
            if (!StructuredFields.isValidKey(label)) {
                throw new IllegalArgumentException("a label is a structured-field key (lower case): " + label);
            }
            this.label = label;
            return this;
        }

        /** Rejects signatures whose {@code created} is older than this (default: no limit). */
        public Builder maxAge(Duration maxAge) {
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("negative max age");
            }
            this.maxAge = Optional.of(maxAge);
            return this;
        }

        /** How far {@code created} may lie in the future (default 60 s). */
        public Builder clockSkew(Duration clockSkew) {
            if (clockSkew.isNegative()) {
                throw new IllegalArgumentException("negative clock skew");
            }
            this.clockSkew = clockSkew;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Whether a response with an ETag must have it covered (default true). */
        public Builder requireEtagCoverage(boolean require) {
            this.requireEtagCoverage = require;
            return this;
        }

        public SignatureVerifier build() {
            if (keys.isEmpty()) {
                throw new IllegalStateException("trust at least one key");
            }
            return new SignatureVerifier(this);
        }
    }
}
