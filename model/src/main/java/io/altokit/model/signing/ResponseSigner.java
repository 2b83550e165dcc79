package io.altokit.model.signing;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs ALTO responses per RFC 9421 with Ed25519. Covered components, in this order:
 * {@code "@status" "content-type" "content-digest"} and {@code "etag"} when the response has one;
 * parameters {@code ;created=<unix seconds>;keyid="<id>";alg="ed25519"}. The Content-Digest (RFC 9530)
 * is computed here from the body, so the body is bound to the signature through it.
 *
 * <p>Thread-safe and immutable; one instance per server key.
 */
public final class ResponseSigner {
    public static final String DEFAULT_LABEL = "alto";
    public static final String ALG = "ed25519";

    private final PrivateKey key;
    private final String keyId;
    private final String label;
    private final Clock clock;
    private final boolean includeAlg;
    private final ContentDigest.Algorithm[] digestAlgorithms;

    private ResponseSigner(Builder b) {
        this.key = b.key;
        this.keyId = b.keyId;
        this.label = b.label;
        this.clock = b.clock;
        this.includeAlg = b.includeAlg;
        this.digestAlgorithms = b.digestAlgorithms.clone();
    }

    public static Builder builder(PrivateKey key, String keyId) {
        return new Builder(key, keyId);
    }

    public String keyId() {
        return keyId;
    }

    public String label() {
        return label;
    }

    /** Signs a response without ETag. */
    public SignedResponse sign(int status, String contentType, byte[] body) {
        return sign(status, HttpFields.builder().add("Content-Type", contentType).build(), body);
    }

    /**
     * Signs a response given its status, its header fields (Content-Type required; ETag covered when
     * present; any Content-Digest there is ignored and replaced) and its body as sent on the wire.
     */
    public SignedResponse sign(int status, HttpFields fields, byte[] body) {
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(body, "body");
        String contentDigest = ContentDigest.fieldValue(body, digestAlgorithms);
        SignatureParameters.Builder params = SignatureParameters.builder()
                .created(clock.instant().getEpochSecond())
                .keyId(keyId);
        if (includeAlg) {
            params.alg(ALG);
        }
        SignatureBase base = SignatureBase.of(components(status, fields, contentDigest), params.build());
        byte[] signature = signBase(key, base);
        return new SignedResponse(contentDigest,
                label + "=" + base.signatureParamsValue(),
                label + "=:" + Base64.getEncoder().encodeToString(signature) + ":",
                base);
    }

    /** The covered components of a response, in signing order. */
    static List<SignatureBase.Component> components(int status, HttpFields fields, String contentDigest) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        List<SignatureBase.Component> components = new ArrayList<>(4);
        components.add(new SignatureBase.Component("@status", Integer.toString(status)));
        components.add(new SignatureBase.Component("content-type", fields.value("content-type")
                .orElseThrow(() -> new IllegalArgumentException("a signed response needs a Content-Type"))));
        components.add(new SignatureBase.Component("content-digest", contentDigest));
        fields.value("etag").ifPresent(etag -> components.add(new SignatureBase.Component("etag", etag)));
        return components;
    }

    /** The raw Ed25519 signature (64 bytes) over a signature base. */
    public static byte[] signBase(PrivateKey key, SignatureBase base) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            ed25519.update(base.bytes());
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    public static final class Builder {
        private final PrivateKey key;
        private final String keyId;
        private String label = DEFAULT_LABEL;
        private Clock clock = Clock.systemUTC();
        private boolean includeAlg = true;
        private ContentDigest.Algorithm[] digestAlgorithms = {ContentDigest.Algorithm.SHA_256};

        private Builder(PrivateKey key, String keyId) {
            this.key = Objects.requireNonNull(key, "key");
            this.keyId = Objects.requireNonNull(keyId, "keyId");
            if (keyId.isEmpty()) {
                throw new IllegalArgumentException("keyid must not be empty");
            }
            StructuredFields.serializeString(keyId); // printable ASCII only
            try {
                Signature.getInstance("Ed25519").initSign(key);
            } catch (InvalidKeyException e) {
                throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm(), e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks Ed25519", e);
            }
        }

        /** The signature label in Signature-Input and Signature (default {@code alto}). */
        public Builder label(String label) {
            if (!StructuredFields.isValidKey(label)) {
                throw new IllegalArgumentException("a label is a structured-field key (lower case): " + label);
            }
            this.label = label;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Whether to add {@code alg="ed25519"} (default true). */
        public Builder includeAlg(boolean includeAlg) {
            this.includeAlg = includeAlg;
            return this;
        }

        /** The Content-Digest algorithms, in field order (default sha-256). */
        public Builder digestAlgorithms(ContentDigest.Algorithm... algorithms) {
            if (algorithms.length == 0) {
                throw new IllegalArgumentException("at least one digest algorithm");
            }
            this.digestAlgorithms = algorithms.clone();
            return this;
        }

        public ResponseSigner build() {
            return new ResponseSigner(this);
        }
    }

    @Override
    public String toString() {
        return "ResponseSigner" + Map.of("label", label, "keyid", keyId);
    }
}
