package io.altokit.model.signing;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 (RFC 8032) through BouncyCastle's low-level API: the JDK provider takes about 550 µs per
 * signature, BouncyCastle about 28 µs (docs/PERFORMANCE.md), and a server signs every answer. Keys
 * arrive as JDK keys (PEM files, {@code KeyPairGenerator}) and are converted once here.
 */
final class Ed25519 {
    static final int SIGNATURE_BYTES = Ed25519PrivateKeyParameters.SIGNATURE_SIZE;
    /** DER prefix of every Ed25519 SubjectPublicKeyInfo (RFC 8410): the raw 32-byte key follows. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int PURE_ED25519 = org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519;

    private Ed25519() {
    }

    static Ed25519PrivateKeyParameters privateKey(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey edec) || !"Ed25519".equalsIgnoreCase(edec.getParams().getName())) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
        }
        byte[] seed = edec.getBytes().orElseThrow(
                () -> new IllegalArgumentException("the Ed25519 private key does not expose its bytes"));
        return new Ed25519PrivateKeyParameters(seed);
    }

    static Ed25519PublicKeyParameters publicKey(PublicKey key) {
        return new Ed25519PublicKeyParameters(raw(key));
    }

    /** The 32-byte public key (RFC 8032 encoding). */
    static byte[] raw(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki == null || spki.length != SPKI_PREFIX.length + Ed25519PublicKeyParameters.KEY_SIZE
                || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }

    /** Thread-safe: the key parameters hold no per-signature state. */
    static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
        byte[] signature = new byte[SIGNATURE_BYTES];
        key.sign(PURE_ED25519, null, message, 0, message.length, signature, 0);
        return signature;
    }

    static boolean verify(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
        return signature.length == SIGNATURE_BYTES
                && key.verify(PURE_ED25519, null, message, 0, message.length, signature, 0);
    }

    /**
     * The RFC 7638 JWK thumbprint of the public key (RFC 8037 OKP form), base64url without padding:
     * a stable name for a key that both sides can compute from the key alone.
     */
    static String thumbprint(byte[] rawPublicKey) {
        String jwk = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(rawPublicKey) + "\"}";
        byte[] digest = ContentDigest.Algorithm.SHA_256.digest(jwk.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
