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

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.security.PublicKey;
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

    private final Map<String, Ed25519PublicKeyParameters> keys;
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
        return verify(status, fields, body, Optional.empty());
    }

    /**
     * Verifies a received response to a request this client sent: besides the response components,
     * the signature must cover the request's {@code "@method";req}, {@code "@path";req} and, when the
     * request carried one, {@code "content-digest";req}, with the values of this request.
     */
    public VerificationResult verify(int status, HttpFields fields, byte[] body, RequestBinding request) {
        return verify(status, fields, body, Optional.of(request));
    }

    private VerificationResult verify(int status, HttpFields fields, byte[] body, Optional<RequestBinding> request) {
        if (fields == null || body == null || request == null) {
            return new VerificationResult.Rejected(MISSING_FIELD, "no fields or no body given");
        }
        try {
            return check(status, fields, body, request);
        } catch (VerificationException e) {
            return new VerificationResult.Rejected(e.failure(), e.getMessage());
        }
    }

    private VerificationResult.Verified check(int status, HttpFields fields, byte[] body, Optional<RequestBinding> request) {
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
        Ed25519PublicKeyParameters key = keys.get(keyId);
        if (key == null) {
            throw new VerificationException(UNKNOWN_KEYID, "keyid \"" + keyId + "\" is not trusted");
        }

        List<String> ids = componentIds(covered);
        for (String required : REQUIRED) {
            requireCoverage(ids, StructuredFields.serializeString(required));
        }
        if (requireEtagCoverage && fields.contains("etag") && !ids.contains("\"etag\"")) {
            throw new VerificationException(INSUFFICIENT_COVERAGE, "the response has an ETag the signature does not cover");
        }
        if (request.isPresent()) {
            for (SignatureBase.Component bound : request.get().components()) {
                requireCoverage(ids, bound.identifier());
            }
        }

        checkTime(created, params);

        List<SignatureBase.Component> components = new ArrayList<>(covered.items().size());
        for (StructuredFields.Item item : covered.items()) {
            components.add(component((String) item.value(), !item.params().isEmpty(), status, fields, request));
        }
        SignatureBase base;
        try {
            base = SignatureBase.of(components, params);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(MALFORMED_FIELD, e.getMessage());
        }
        if (!Ed25519.verify(key, base.bytes(), sigBytes.bytes())) {
            throw new VerificationException(BAD_SIGNATURE, "the Ed25519 signature of keyid \"" + keyId
                    + "\" does not verify over the signature base");
        }
        String digestField = fields.value(ContentDigest.FIELD)
                .orElseThrow(() -> new VerificationException(MISSING_FIELD, "no Content-Digest field"));
        ContentDigest.Algorithm digestAlgorithm = ContentDigest.verify(digestField, body);
        // listed as plain names, request components with their parameter: @status, content-type, @path;req
        List<String> names = ids.stream().map(id -> id.replace("\"", "")).toList();
        return new VerificationResult.Verified(label, keyId, Instant.ofEpochSecond(created), names, digestAlgorithm);
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

    private static void requireCoverage(List<String> identifiers, String required) {
        if (!identifiers.contains(required)) {
            throw new VerificationException(INSUFFICIENT_COVERAGE, "the signature does not cover " + required);
        }
    }

    /** The serialised identifiers of the covered components, e.g. {@code "@status"}, {@code "@path";req}. */
    private static List<String> componentIds(StructuredFields.InnerList covered) {
        List<String> ids = new ArrayList<>(covered.items().size());
        for (StructuredFields.Item item : covered.items()) {
            if (!(item.value() instanceof String id)) {
                throw new VerificationException(MALFORMED_FIELD, "a covered component identifier is not a string");
            }
            boolean onlyReq = item.params().size() == 1 && Boolean.TRUE.equals(item.params().get(SignatureBase.REQ));
            if (!item.params().isEmpty() && !onlyReq) {
                throw new VerificationException(UNSUPPORTED_COMPONENT, "component parameters other than req are not supported: \""
                        + id + "\"" + StructuredFields.serializeParams(item.params()));
            }
            if (id.isEmpty() || !id.equals(id.toLowerCase(java.util.Locale.ROOT))) {
                throw new VerificationException(MALFORMED_FIELD, "component identifier not in lower case: \"" + id + "\"");
            }
            String identifier = StructuredFields.serializeString(id) + (onlyReq ? ";" + SignatureBase.REQ : "");
            if (ids.contains(identifier)) {
                throw new VerificationException(MALFORMED_FIELD, "component covered twice: " + identifier);
            }
            ids.add(identifier);
        }
        return ids;
    }

    private static SignatureBase.Component component(String id, boolean fromRequest, int status, HttpFields fields,
                                                     Optional<RequestBinding> request) {
        try {
            if (!fromRequest) {
                return new SignatureBase.Component(id, componentValue(id, status, fields));
            }
            RequestBinding answered = request.orElseThrow(() -> new VerificationException(UNSUPPORTED_COMPONENT,
                    "the signature covers the request component \"" + id + "\";req but no request was given"));
            return SignatureBase.Component.ofRequest(id, answered.value(id).orElseThrow(() -> new VerificationException(
                    UNSUPPORTED_COMPONENT, "request component \"" + id + "\";req is not supported or the request has none")));
        } catch (IllegalArgumentException e) {
            throw new VerificationException(MALFORMED_FIELD, e.getMessage());
        }
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
        return Ed25519.verify(Ed25519.publicKey(key), base.bytes(), signature);
    }

    public static final class Builder {
        private final Map<String, Ed25519PublicKeyParameters> keys = new LinkedHashMap<>();
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
            keys.put(keyId, Ed25519.publicKey(Objects.requireNonNull(key, "key")));
            return this;
        }

        /** Trusts a key under its default keyid, the RFC 7638 thumbprint ({@link PemKeys#thumbprint}). */
        public Builder trust(PublicKey key) {
            return trust(PemKeys.thumbprint(key), key);
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
