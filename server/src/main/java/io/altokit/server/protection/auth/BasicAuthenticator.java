package io.altokit.server.protection.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.altokit.server.AltoRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP Basic (RFC 7617) against a users file of slow password hashes.
 *
 * <p>A hash check costs tens of milliseconds on purpose, and guards run on the I/O threads, so a
 * successful check is remembered for {@code verifiedFor} under a keyed hash (HMAC with a key made at
 * start) of the credentials: a client sending the same header again costs a map lookup. Failures
 * are not remembered. An unknown user is checked against a real user's hash and then refused, so the
 * time taken does not reveal which names exist.
 */
public final class BasicAuthenticator implements Authenticator {
    private static final String SCHEME = "Basic";
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<String, String> hashes;
    private final String stranger;
    private final Cache<String, String> verified;
    private final byte[] cacheKey = new byte[32];

    public BasicAuthenticator(Map<String, String> usersAndHashes, Duration verifiedFor) {
        if (usersAndHashes.isEmpty()) {
            throw new IllegalArgumentException("HTTP Basic needs at least one user");
        }
        this.hashes = Map.copyOf(usersAndHashes);
        this.stranger = usersAndHashes.values().iterator().next();
        this.verified = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).expireAfterWrite(verifiedFor).build();
        new SecureRandom().nextBytes(cacheKey);
    }

    @Override
    public Optional<String> challenge() {
        return Optional.of("Basic realm=\"alto\", charset=\"UTF-8\"");
    }

    @Override
    public Identification identify(AltoRequest request) {
        Optional<String> credentials = Authenticator.credentials(request, SCHEME);
        if (credentials.isEmpty()) {
            return Identification.ABSENT;
        }
        String remembered = fingerprint(credentials.get());
        String known = verified.getIfPresent(remembered);
        if (known != null) {
            return new Identification.Identified(known);
        }
        String userAndPassword;
        try {
            userAndPassword = new String(Base64.getDecoder().decode(credentials.get()), StandardCharsets.UTF_8);
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
        verified.put(remembered, user);
        return new Identification.Identified(user);
    }

    private String fingerprint(String credentials) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(credentials.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
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
