package io.altokit.server.protection.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What nimbus-jose-jwt's JWT processor needs to verify EdDSA as well as ECDSA and RSA: its stock
 * key selector and verifier factory leave Ed25519 out (nimbus delegates that curve to Tink), so the
 * configured keys are handed over as JDK keys and Ed25519 signatures are checked by the JDK itself.
 */
final class JwsVerification {
    /** DER of an Ed25519 SubjectPublicKeyInfo up to the 32 key bytes (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private JwsVerification() {
    }

    /** The configured keys that fit a token's header, if its algorithm is one of those allowed. */
    static JWSKeySelector<SecurityContext> keySelector(Set<JWSAlgorithm> allowed, JWKSet publicKeys) {
        return (header, context) -> {
            JWKMatcher matcher = allowed.contains(header.getAlgorithm()) ? JWKMatcher.forJWSHeader(header) : null;
            if (matcher == null) {
                return List.of();
            }
            return new JWKSelector(matcher).select(publicKeys).stream()
                    .flatMap(key -> javaKey(key).stream()).toList();
        };
    }

    /** The stock verifiers, plus the JDK's Ed25519 for EdDSA. */
    static DefaultJWSVerifierFactory verifierFactory() {
        return new DefaultJWSVerifierFactory() {
            @Override
            public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
                return key instanceof EdECPublicKey edwards ? new Ed25519Verifier(edwards)
                        : super.createJWSVerifier(header, key);
            }
        };
    }

    private static Optional<Key> javaKey(JWK key) {
        try {
            return switch (key) {
                case RSAKey rsa -> Optional.of(rsa.toRSAPublicKey());
                case ECKey ec -> Optional.of(ec.toECPublicKey());
                case OctetKeyPair okp when Curve.Ed25519.equals(okp.getCurve()) -> Optional.of(ed25519(okp.getX()));
                default -> Optional.empty();
            };
        } catch (JOSEException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static PublicKey ed25519(Base64URL x) throws GeneralSecurityException {
        byte[] raw = x.decode();
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    /** EdDSA (RFC 8037) over Ed25519 with the JDK's implementation. */
    private record Ed25519Verifier(EdECPublicKey key) implements JWSVerifier {

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
                return false; // RFC 7515 4.1.11: extensions this verifier does not understand
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(signingInput);
                return verifier.verify(signature.decode());
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 verification failed: " + e.getMessage(), e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
        }

        @Override
        public JCAContext getJCAContext() {
            return new JCAContext();
        }
    }
}
