package io.altokit.model.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The request a signed response answers, as far as the signature binds it (RFC 9421 section 2.4,
 * components with the {@code req} parameter): its method, its path and, when the request carried one,
 * its Content-Digest. A response signed with these cannot be replayed as the answer to another query:
 * an ALTO query's body is the question, and its digest is covered.
 *
 * @param method        the request method, e.g. {@code POST}
 * @param path          the target path as sent, e.g. {@code /endpointcost/lookup} (RFC 9421 {@code @path})
 * @param contentDigest the request's Content-Digest field value, when it had one
 */
public record RequestBinding(String method, String path, Optional<String> contentDigest) {

    public RequestBinding {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(contentDigest, "contentDigest");
        path = path == null || path.isEmpty() ? "/" : path;
    }

    /** A request with a body: its Content-Digest (sha-256) is computed here, as the client sends it. */
    public static RequestBinding withBody(String method, String path, byte[] body) {
        return new RequestBinding(method, path, Optional.of(ContentDigest.fieldValue(body)));
    }

    /** The covered request components, in signing order. */
    List<SignatureBase.Component> components() {
        List<SignatureBase.Component> components = new ArrayList<>(3);
        components.add(SignatureBase.Component.ofRequest("@method", method));
        components.add(SignatureBase.Component.ofRequest("@path", path));
        contentDigest.ifPresent(digest -> components.add(SignatureBase.Component.ofRequest("content-digest", digest)));
        return components;
    }

    /** The value of a request component this binding knows, or empty. */
    Optional<String> value(String id) {
        return switch (id) {
            case "@method" -> Optional.of(method);
            case "@path" -> Optional.of(path);
            case "content-digest" -> contentDigest;
            default -> Optional.empty();
        };
    }
}
