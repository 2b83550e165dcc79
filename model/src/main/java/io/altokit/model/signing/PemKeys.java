package io.altokit.model.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Keys in the PEM files OpenSSL writes: {@code openssl genpkey -algorithm ed25519} gives a PKCS#8
 * {@code PRIVATE KEY}, {@code openssl pkey -pubout} an X.509 SubjectPublicKeyInfo {@code PUBLIC KEY}.
 * Keys are Ed25519 (response signing) unless an algorithm is named (the RSA or EC key of a TLS
 * certificate). Anything else (encrypted keys, other labels, another algorithm's key) is refused with
 * a message that says what was found.
 */
public final class PemKeys {
    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";

    private PemKeys() {
    }

    public static PrivateKey readPrivateKey(Path pemFile) throws IOException {
        try {
            return parsePrivateKey(Files.readString(pemFile, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pemFile + ": " + e.getMessage(), e);
        }
    }

    public static PublicKey readPublicKey(Path pemFile) throws IOException {
        try {
            return parsePublicKey(Files.readString(pemFile, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pemFile + ": " + e.getMessage(), e);
        }
    }

    /** An Ed25519 private key from PKCS#8 PEM text. */
    public static PrivateKey parsePrivateKey(String pem) {
        return parsePrivateKey(pem, "Ed25519");
    }

    /**
     * A private key of the given JCA algorithm ({@code RSA}, {@code EC}, {@code Ed25519}, ...) from PKCS#8
     * PEM text, e.g. the key of a TLS certificate, whose public key names the algorithm.
     */
    public static PrivateKey parsePrivateKey(String pem, String algorithm) {
        byte[] der = body(pem, PRIVATE_LABEL);
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an " + algorithm + " PKCS#8 private key (" + e.getMessage() + ")", e);
        }
    }

    /** As {@link #parsePrivateKey(String, String)}, from a file; errors name the file. */
    public static PrivateKey readPrivateKey(Path pemFile, String algorithm) throws IOException {
        try {
            return parsePrivateKey(Files.readString(pemFile, StandardCharsets.US_ASCII), algorithm);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pemFile + ": " + e.getMessage(), e);
        }
    }

    /** An Ed25519 public key from SubjectPublicKeyInfo PEM text. */
    public static PublicKey parsePublicKey(String pem) {
        byte[] der = body(pem, PUBLIC_LABEL);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 SubjectPublicKeyInfo public key (" + e.getMessage() + ")", e);
        }
    }

    /** A public key as SubjectPublicKeyInfo PEM text (what {@code openssl pkey -pubout} prints). */
    public static String toPem(PublicKey key) {
        return pem(PUBLIC_LABEL, key.getEncoded());
    }

    /** A private key as PKCS#8 PEM text. */
    public static String toPem(PrivateKey key) {
        return pem(PRIVATE_LABEL, key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }

    private static byte[] body(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        if (from < 0) {
            int other = pem.indexOf("-----BEGIN ");
            if (other < 0) {
                throw new IllegalArgumentException("no PEM block (expected " + begin + ")");
            }
            int close = pem.indexOf("-----", other + 11);
            String found = close < 0 ? "?" : pem.substring(other + 11, close);
            throw new IllegalArgumentException("found a PEM block '" + found + "', expected '" + label + "'"
                    + (found.startsWith("ENCRYPTED") ? " (decrypt it first: openssl pkey -in key.pem -out plain.pem)" : ""));
        }
        int to = pem.indexOf(end, from + begin.length());
        if (to < 0) {
            throw new IllegalArgumentException("PEM block without " + end);
        }
        String b64 = pem.substring(from + begin.length(), to);
        if (b64.indexOf(':') >= 0) {
            throw new IllegalArgumentException("PEM headers (Proc-Type/DEK-Info) are not supported; use unencrypted PKCS#8");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(b64.strip());
            if (der.length == 0) {
                throw new IllegalArgumentException("empty PEM block");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM body is not base64: " + e.getMessage(), e);
        }
    }
}
