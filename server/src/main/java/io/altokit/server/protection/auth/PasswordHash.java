package io.altokit.server.protection.auth;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The salted, deliberately slow password hashes a users file may hold, in their usual self-describing
 * text forms: bcrypt ({@code $2a$}, {@code $2b$} or {@code $2y$}, as htpasswd -B and most libraries
 * write them), argon2id (the PHC string {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}) and
 * PBKDF2-HMAC-SHA256 in Django's form with at least 100,000 iterations. The cost parameters travel
 * inside each hash; verification compares in constant time (Spring Security Crypto; the JDK for PBKDF2).
 */
public enum PasswordHash {
    BCRYPT("bcrypt", Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./0-9A-Za-z]{53}")),
    ARGON2ID("argon2id", Pattern.compile("\\$argon2id\\$v=19\\$m=\\d{1,8},t=\\d{1,4},p=\\d{1,3}\\$[A-Za-z0-9+/]{11,}\\$[A-Za-z0-9+/]{16,}")),
    PBKDF2_SHA256("pbkdf2-sha256", Pattern.compile("pbkdf2_sha256\\$([1-9]\\d{5,8})\\$[A-Za-z0-9./+]{8,64}\\$[A-Za-z0-9+/]{43}="));

    private final String label;
    private final Pattern format;

    PasswordHash(String label, Pattern format) {
        this.label = label;
        this.format = format;
    }

    public String label() {
        return label;
    }

    /** The algorithm that wrote {@code encoded}, if it is one of these in a well-formed text. */
    public static Optional<PasswordHash> of(String encoded) {
        return Arrays.stream(values()).filter(hash -> hash.format.matcher(encoded).matches()).findFirst();
    }

    public static Optional<PasswordHash> byLabel(String label) {
        return Arrays.stream(values()).filter(hash -> hash.label.equals(label)).findFirst();
    }

    /** Whether {@code password} hashes to {@code encoded} (which this algorithm wrote); as slow as the hash's cost. */
    public boolean matches(CharSequence password, String encoded) {
        // The encoders read the cost parameters from the hash they check, so defaults suffice here.
        return switch (this) {
            case BCRYPT -> Encoders.BCRYPT.matches(password, encoded);
            case ARGON2ID -> Encoders.ARGON2ID.matches(password, encoded);
            case PBKDF2_SHA256 -> Pbkdf2.matches(password, encoded);
        };
    }

    /**
     * A new hash with a fresh random salt: bcrypt at {@code cost} (log2 rounds; 10 takes some 50-100 ms),
     * argon2id with the parameters Spring Security recommends (16 MiB, 2 passes), PBKDF2 with 600,000
     * iterations ({@code cost} only applies to bcrypt).
     */
    public String encode(CharSequence password, int cost) {
        return switch (this) {
            case BCRYPT -> new BCryptPasswordEncoder(cost).encode(password);
            case ARGON2ID -> Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(password);
            case PBKDF2_SHA256 -> Pbkdf2.encode(password);
        };
    }

    private static final class Encoders {
        static final PasswordEncoder BCRYPT = new BCryptPasswordEncoder();
        static final PasswordEncoder ARGON2ID = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }
}
