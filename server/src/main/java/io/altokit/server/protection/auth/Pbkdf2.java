package io.altokit.server.protection.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * PBKDF2-HMAC-SHA256 hashes in Django's text form, {@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>}
 * (the salt is used as its ASCII bytes), which many user stores already hold. The JDK derives the key.
 */
final class Pbkdf2 {
    static final String PREFIX = "pbkdf2_sha256$";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    static final int ITERATIONS = 600_000;
    private static final String SALT_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private Pbkdf2() {
    }

    static boolean matches(CharSequence password, String encoded) {
        String[] parts = encoded.split("\\$");
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = derive(password, parts[2], Integer.parseInt(parts[1]), expected.length * 8);
        return MessageDigest.isEqual(expected, actual);
    }

    static String encode(CharSequence password) {
        SecureRandom random = new SecureRandom();
        StringBuilder salt = new StringBuilder();
        for (int i = 0; i < 22; i++) {
            salt.append(SALT_ALPHABET.charAt(random.nextInt(SALT_ALPHABET.length())));
        }
        return PREFIX + ITERATIONS + "$" + salt + "$"
                + Base64.getEncoder().encodeToString(derive(password, salt.toString(), ITERATIONS, 256));
    }

    private static byte[] derive(CharSequence password, String salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password.toString().toCharArray(), salt.getBytes(StandardCharsets.US_ASCII),
                iterations, bits);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
