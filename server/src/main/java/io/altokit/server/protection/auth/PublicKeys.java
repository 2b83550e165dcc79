package io.altokit.server.protection.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** A token-signing public key given as PEM ({@code openssl pkey -pubout}) rather than as a JWK set. */
public final class PublicKeys {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private PublicKeys() {
    }

    /** The RSA, EC or Ed25519 key of a SubjectPublicKeyInfo PEM file, as a JWK. */
    public static JWK fromPem(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII).strip();
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("expected a PEM \"PUBLIC KEY\" block (openssl pkey -pubout)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM block is not base64");
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return toJwk(KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der)));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException("not an RSA, EC or Ed25519 public key");
    }

    /** A JDK RSA, EC (named curve) or Ed25519 public key as a JWK. */
    public static JWK toJwk(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> new RSAKey.Builder(rsa).build();
            case ECPublicKey ec -> new ECKey.Builder(Optional.ofNullable(Curve.forECParameterSpec(ec.getParams()))
                    .orElseThrow(() -> new IllegalArgumentException("EC key on a curve JOSE does not name")), ec).build();
            // The raw key is the last 32 bytes of the Ed25519 SubjectPublicKeyInfo (RFC 8410).
            case EdECPublicKey ed -> new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(
                    Arrays.copyOfRange(ed.getEncoded(), ed.getEncoded().length - 32, ed.getEncoded().length))).build();
            default -> throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
        };
    }
}
