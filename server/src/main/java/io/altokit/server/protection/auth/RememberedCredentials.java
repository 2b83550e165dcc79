package io.altokit.server.protection.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * Credentials verified a moment ago, so that a client sending the same header again costs a lookup
 * rather than another password hash (tens of ms by design) or signature check (a few hundred µs for
 * ECDSA and EdDSA). Entries are kept under an HMAC of the credentials with a key made at start, so
 * the cache holds no password; each lasts {@code rememberFor} at most and never past the
 * credentials' own expiry. Only successes are remembered; the cache is bounded in size.
 */
final class RememberedCredentials {
    private static final int MAX_REMEMBERED = 10_000;

    private record Verified(String name, Instant validUntil) {
    }

    private final Cache<String, Verified> verified;
    private final SecretKeySpec key;
    private final Clock clock;

    RememberedCredentials(Duration rememberFor, Clock clock) {
        this.verified = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).expireAfterWrite(rememberFor).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    /**
     * Who the credentials name: {@link Identification#ABSENT} without any, the name remembered for
     * them when verified recently, else whatever {@code check} finds (it remembers its successes).
     */
    Identification identify(Optional<String> credentials, Function<String, Identification> check) {
        if (credentials.isEmpty()) {
            return Identification.ABSENT;
        }
        return nameFor(credentials.get()).<Identification>map(Identification.Identified::new)
                .orElseGet(() -> check.apply(credentials.get()));
    }

    /** The client these exact credentials named, if verified recently and still valid. */
    Optional<String> nameFor(String credentials) {
        String fingerprint = fingerprint(credentials);
        Verified known = verified.getIfPresent(fingerprint);
        if (known == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(known.validUntil())) {
            verified.invalidate(fingerprint);
            return Optional.empty();
        }
        return Optional.of(known.name());
    }

    void remember(String credentials, String name, Instant validUntil) {
        verified.put(fingerprint(credentials), new Verified(name, validUntil));
    }

    private String fingerprint(String credentials) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(credentials.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
