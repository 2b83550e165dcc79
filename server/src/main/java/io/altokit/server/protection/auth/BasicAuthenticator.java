package io.altokit.server.protection.auth;

import io.altokit.server.http.AltoRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP Basic (RFC 7617) against a users file of slow password hashes.
 *
 * <p>A hash check costs tens of milliseconds on purpose, and guards may run on the I/O threads, so a
 * successful check is remembered for {@code verifiedFor} ({@link RememberedCredentials}): a client
 * sending the same header again costs a lookup. Failures are not remembered. An unknown user is
 * checked against a real user's hash and then refused, so the time taken does not reveal which
 * names exist.
 */
public final class BasicAuthenticator implements Authenticator {
    private static final String SCHEME = "Basic";

    private final Map<String, String> hashes;
    private final String stranger;
    private final RememberedCredentials verified;

    public BasicAuthenticator(Map<String, String> usersAndHashes, Duration verifiedFor) {
        if (usersAndHashes.isEmpty()) {
            throw new IllegalArgumentException("HTTP Basic needs at least one user");
        }
        this.hashes = Map.copyOf(usersAndHashes);
        this.stranger = usersAndHashes.values().iterator().next();
        this.verified = new RememberedCredentials(verifiedFor, Clock.systemUTC());
    }

    @Override
    public Optional<String> challenge() {
        return Optional.of("Basic realm=\"alto\", charset=\"UTF-8\"");
    }

    @Override
    public Identification identify(AltoRequest request) {
        return verified.identify(Authenticator.credentials(request, SCHEME), this::check);
    }

    /** Checks credentials not remembered: a full password hash comparison. */
    private Identification check(String credentials) {
        String userAndPassword;
        try {
            userAndPassword = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return rejected("Basic credentials are not base64");
        }
        int colon = userAndPassword.indexOf(':');
        if (colon < 0) {
            return rejected("Basic credentials lack the ':' between user and password");
        }
        String user = userAndPassword.substring(0, colon);
        String password = userAndPassword.substring(colon + 1);
        String hash = hashes.get(user);
        String checked = hash != null ? hash : stranger;
        boolean matches = PasswordHash.of(checked).orElseThrow().matches(password, checked);
        if (hash == null || !matches) {
            return rejected((hash == null ? "unknown user " : "wrong password for user ") + quoted(user));
        }
        verified.remember(credentials, user, Instant.MAX);
        return new Identification.Identified(user);
    }

    private Identification rejected(String reason) {
        return new Identification.Rejected(reason, Optional.empty());
    }

    /** A user name as the caller sent it, made safe for one log line. */
    private static String quoted(String user) {
        String shown = user.length() > 64 ? user.substring(0, 64) + "..." : user;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
