package io.altokit.server.http;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * What the resources and the protection layer see of an HTTP request: transport-neutral, so they are
 * testable without a socket.
 *
 * @param authorization     the Authorization header, for the authentication guards
 * @param clientCertificate the certificate a TLS client presented and the handshake verified (mutual TLS)
 * @param contentDigest     the request's Content-Digest (RFC 9530), which a signed answer binds itself to
 * @param origin            {@code scheme://} and the Host (HTTP/2: :authority) the client addressed the
 *                          server by, as sent (unchecked), for absolute URIs in answers (a TIPS view's)
 */
public record AltoRequest(String method, String path, Optional<String> accept, Optional<String> contentType,
                          Optional<String> ifNoneMatch, byte[] body, InetAddress client,
                          Optional<String> authorization, Optional<X509Certificate> clientCertificate,
                          Optional<String> contentDigest, Optional<String> origin) {

    /** A request whose origin is not known. */
    public AltoRequest(String method, String path, Optional<String> accept, Optional<String> contentType,
                       Optional<String> ifNoneMatch, byte[] body, InetAddress client,
                       Optional<String> authorization, Optional<X509Certificate> clientCertificate,
                       Optional<String> contentDigest) {
        this(method, path, accept, contentType, ifNoneMatch, body, client, authorization, clientCertificate, contentDigest,
                Optional.empty());
    }

    /** A request without a Content-Digest field. */
    public AltoRequest(String method, String path, Optional<String> accept, Optional<String> contentType,
                       Optional<String> ifNoneMatch, byte[] body, InetAddress client,
                       Optional<String> authorization, Optional<X509Certificate> clientCertificate) {
        this(method, path, accept, contentType, ifNoneMatch, body, client, authorization, clientCertificate, Optional.empty());
    }

    /** A request without credentials, as plain HTTP without an Authorization header brings it. */
    public AltoRequest(String method, String path, Optional<String> accept, Optional<String> contentType,
                       Optional<String> ifNoneMatch, byte[] body, InetAddress client) {
        this(method, path, accept, contentType, ifNoneMatch, body, client, Optional.empty(), Optional.empty());
    }
}
