package io.altokit.server.protection.auth;

import io.altokit.server.http.AltoRequest;

import java.util.Locale;
import java.util.Optional;

/** One way a client proves who it is: HTTP Basic, a bearer JWT, or a TLS client certificate. */
public sealed interface Authenticator permits BasicAuthenticator, BearerAuthenticator, CertificateAuthenticator {

    /** The WWW-Authenticate challenge offered to callers without credentials; none for TLS client certificates. */
    Optional<String> challenge();

    Identification identify(AltoRequest request);

    /** The credentials after {@code scheme} in the Authorization header, if the header uses that scheme (RFC 9110 11.4). */
    static Optional<String> credentials(AltoRequest request, String scheme) {
        return request.authorization().map(String::strip).filter(value -> value.length() > scheme.length()
                        && value.regionMatches(true, 0, scheme, 0, scheme.length())
                        && value.charAt(scheme.length()) == ' ')
                .map(value -> value.substring(scheme.length()).strip());
    }

    /** The scheme of an Authorization header, lower case and cut short, for log lines. */
    static String scheme(String authorization) {
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        return scheme.substring(0, Math.min(scheme.length(), 20)).toLowerCase(Locale.ROOT);
    }
}
