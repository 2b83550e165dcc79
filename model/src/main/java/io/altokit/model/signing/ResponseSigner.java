package io.altokit.model.signing;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs ALTO responses per RFC 9421 with Ed25519. Covered components, in this order:
 * {@code "@status" "content-type" "content-digest"} and {@code "etag"} when the response has one,
 * then, when the answered request is given, {@code "@method";req "@path";req} and
 * {@code "content-digest";req} if the request had one (see {@link RequestBinding}); parameters {@code ;created=<unix seconds>;keyid="<id>";alg="ed25519"}. The Content-Digest (RFC 9530)
 * is computed here from the body, so the body is bound to the signature through it.
 *
 * <p>Thread-safe and immutable; one instance per server key.
 */
public final class ResponseSigner {
    public static final String DEFAULT_LABEL = "alto";
    public static final String ALG = "ed25519";

    private final Ed25519PrivateKeyParameters key;
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
        return new Builder(key, Objects.requireNonNull(keyId, "keyId"));
    }

    /** A signer whose keyid is the RFC 7638 thumbprint of the key's public half ({@link PemKeys#thumbprint}). */
    public static Builder builder(PrivateKey key) {
        return new Builder(key, null);
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
        return sign(status, fields, body, Optional.empty());
    }

    /** As {@link #sign(int, HttpFields, byte[])}, binding the answer to the request it answers. */
    public SignedResponse sign(int status, HttpFields fields, byte[] body, RequestBinding request) {
        return sign(status, fields, body, Optional.of(request));
    }

    private SignedResponse sign(int status, HttpFields fields, byte[] body, Optional<RequestBinding> request) {
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(body, "body");
        String contentDigest = ContentDigest.fieldValue(body, digestAlgorithms);
        SignatureParameters.Builder params = SignatureParameters.builder()
                .created(clock.instant().getEpochSecond())
                .keyId(keyId);
        if (includeAlg) {
            params.alg(ALG);
        }
        List<SignatureBase.Component> components = components(status, fields, contentDigest);
        request.ifPresent(r -> components.addAll(r.components()));
        SignatureBase base = SignatureBase.of(components, params.build());
        byte[] signature = Ed25519.sign(key, base.bytes());
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
        List<SignatureBase.Component> components = new ArrayList<>(7);
        components.add(new SignatureBase.Component("@status", Integer.toString(status)));
        components.add(new SignatureBase.Component("content-type", fields.value("content-type")
                .orElseThrow(() -> new IllegalArgumentException("a signed response needs a Content-Type"))));
        components.add(new SignatureBase.Component("content-digest", contentDigest));
        fields.value("etag").ifPresent(etag -> components.add(new SignatureBase.Component("etag", etag)));
        return components;
    }

    /** The raw Ed25519 signature (64 bytes) over a signature base. */
    public static byte[] signBase(PrivateKey key, SignatureBase base) {
        return Ed25519.sign(Ed25519.privateKey(key), base.bytes());
    }

    public static final class Builder {
        private final Ed25519PrivateKeyParameters key;
        private final String keyId;
        private String label = DEFAULT_LABEL;
        private Clock clock = Clock.systemUTC();
        private boolean includeAlg = true;
        private ContentDigest.Algorithm[] digestAlgorithms = {ContentDigest.Algorithm.SHA_256};

        private Builder(PrivateKey key, String keyId) {
            this.key = Ed25519.privateKey(Objects.requireNonNull(key, "key"));
            this.keyId = keyId != null ? keyId : Ed25519.thumbprint(this.key.generatePublicKey().getEncoded());
            if (this.keyId.isEmpty()) {
                throw new IllegalArgumentException("keyid must not be empty");
            }
            StructuredFields.serializeString(this.keyId); // printable ASCII only
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
