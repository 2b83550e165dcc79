package io.altokit.server.protection;

import io.altokit.model.signing.ContentDigest;
import io.altokit.model.signing.HttpFields;
import io.altokit.model.signing.RequestBinding;
import io.altokit.model.signing.ResponseSigner;
import io.altokit.model.signing.VerificationException;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Reply;
import io.altokit.server.http.Representation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Signs every 200 answer (RFC 9421, Ed25519) over its Content-Digest (RFC 9530), in the content
 * coding it is sent in, so that a client holding the server's public key can tell a forged or altered
 * answer from a real one (docs/security.md, "Signed guidance").
 *
 * <p>Answers to POST queries (filtered maps, endpoint properties, endpoint costs) are computed per
 * request and signed per request, bound to the query: {@code "@method";req "@path";req} and the
 * request's {@code "content-digest";req} when the client sent a correct one. Full maps and the
 * directory are the same bytes for every client of a snapshot, so each variant (identity, gzip) of a
 * representation is signed once and the signature reused until it is {@code resignAfter} old; these
 * GET answers are not bound to a request, which is what lets them be shared. A 304 for such a
 * representation carries the fields of the 200 it confirms (signed over the stored bytes, with
 * {@code "@status"} 200), so that a cache revalidating its copy also freshens the signature.
 *
 * <p>Must be the last decorator: the signature covers the answer as the decorators before left it.
 */
public final class ResponseSigning implements ReplyDecorator {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseSigning.class);

    private final ResponseSigner signer;
    private final long resignAfterNanos;
    /** Signatures of shared representations; entries go when a snapshot's representations do. */
    private final Map<Representation, SharedSignatures> shared = Collections.synchronizedMap(new WeakHashMap<>());

    public ResponseSigning(ResponseSigner signer, Duration resignAfter) {
        if (resignAfter.isNegative() || resignAfter.isZero()) {
            throw new IllegalArgumentException("resign-after must be positive, got " + resignAfter);
        }
        this.signer = signer;
        this.resignAfterNanos = resignAfter.toNanos();
    }

    public String keyId() {
        return signer.keyId();
    }

    @Override
    public Reply decorate(Call call, Reply reply) {
        boolean revalidated = reply.status() == 304 && reply.etag().isPresent();
        if (reply.status() != 200 && !revalidated) {
            return reply; // errors carry no guidance; see docs/security.md
        }
        AltoRequest request = call.request();
        if (request.method().equals("POST")) {
            RequestBinding binding = new RequestBinding(request.method(), request.path(), checkedDigest(request));
            return reply.withCodedFields(gzip -> sign(reply, gzip, Optional.of(binding)));
        }
        if (reply.etag().isEmpty()) {
            return reply.withCodedFields(gzip -> sign(reply, gzip, Optional.empty()));
        }
        // A 304 carries the fields of the 200 it confirms, so that a cache freshening its stored answer
        // from the 304 (RFC 9111 section 4.3.4) also gets a fresh signature for the bytes it holds.
        SharedSignatures signatures = shared.computeIfAbsent(reply.body(), body -> new SharedSignatures());
        return reply.withCodedFields(gzip -> signatures.fields(gzip, reply));
    }

    /** The request's Content-Digest, when it matches the body: the server signs only what it checked. */
    private static Optional<String> checkedDigest(AltoRequest request) {
        Optional<String> digest = request.contentDigest();
        if (digest.isPresent()) {
            try {
                ContentDigest.verify(digest.get(), request.body());
            } catch (VerificationException e) {
                LOG.debug("not binding the answer to the request's Content-Digest: {}", e.getMessage());
                return Optional.empty();
            }
        }
        return digest;
    }

    /** The signature fields of the 200 answer with this reply's media type and body in the given coding. */
    private Map<String, String> sign(Reply reply, boolean gzip, Optional<RequestBinding> request) {
        HttpFields.Builder fields = HttpFields.builder().add("Content-Type", reply.mediaType());
        reply.etagField(gzip).ifPresent(etag -> fields.add("ETag", etag));
        byte[] sent = gzip ? reply.body().gzipped() : reply.body().identity();
        var signed = request.isPresent()
                ? signer.sign(200, fields.build(), sent, request.get())
                : signer.sign(200, fields.build(), sent);
        return signed.fields();
    }

    /** The signature fields of one shared representation, per content coding, remade when old. */
    private final class SharedSignatures {
        private record Signed(Map<String, String> fields, long signedAt) {
        }

        private volatile Signed identity;
        private volatile Signed gzipped;

        Map<String, String> fields(boolean gzip, Reply reply) {
            Signed current = gzip ? gzipped : identity;
            long now = System.nanoTime();
            if (current == null || now - current.signedAt() >= resignAfterNanos) {
                // Two threads may both sign here; either result is valid and the last one stays.
                current = new Signed(sign(reply, gzip, Optional.empty()), now);
                if (gzip) {
                    gzipped = current;
                } else {
                    identity = current;
                }
            }
            return current.fields();
        }
    }
}
