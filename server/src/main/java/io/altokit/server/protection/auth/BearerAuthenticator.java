package io.altokit.server.protection.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.altokit.server.http.AltoRequest;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens (RFC 6750) that are JWTs signed by a configured key: the signature (only with the
 * algorithms the keys are for: EdDSA, ECDSA, RSA; never {@code none}, never HMAC), {@code exp} (required)
 * and {@code nbf} within the clock skew, and {@code iss} and {@code aud} when configured. The client's
 * name is the {@code sub} claim or another configured one. Verification is nimbus-jose-jwt's; a
 * verified token is remembered briefly ({@link RememberedCredentials}), never past its expiry.
 */
public final class BearerAuthenticator implements Authenticator {
    private static final String SCHEME = "Bearer";
    private static final String INVALID_TOKEN = "Bearer realm=\"alto\", error=\"invalid_token\"";

    /**
     * @param keys      the public keys tokens may be signed with (a JWKS); symmetric keys are refused
     * @param nameClaim   the claim naming the client, usually {@code sub}
     * @param rememberFor how long a verified token is remembered (never past its {@code exp})
     */
    public record Settings(JWKSet keys, Optional<String> issuer, Optional<String> audience, String nameClaim,
                           Duration clockSkew, Duration rememberFor) {
        public Settings {
            if (keys.getKeys().isEmpty()) {
                throw new IllegalArgumentException("the key set is empty");
            }
            if (nameClaim.isBlank()) {
                throw new IllegalArgumentException("the name claim must not be blank");
            }
        }
    }

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String nameClaim;
    private final RememberedCredentials verified;

    public BearerAuthenticator(Settings settings) {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        settings.keys().getKeys().forEach(key -> algorithms.addAll(algorithmsFor(key)));
        JWKSet publicKeys = settings.keys().toPublicJWKSet();
        processor.setJWSKeySelector(JwsVerification.keySelector(algorithms, publicKeys));
        processor.setJWSVerifierFactory(JwsVerification.verifierFactory());
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        Set<String> required = new HashSet<>(List.of("exp", settings.nameClaim()));
        settings.issuer().ifPresent(issuer -> required.add("iss"));
        JWTClaimsSet exact = settings.issuer().map(issuer -> new JWTClaimsSet.Builder().issuer(issuer).build())
                .orElseGet(() -> new JWTClaimsSet.Builder().build());
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audience().orElse(null), exact, required);
        claims.setMaxClockSkew(Math.toIntExact(settings.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
        this.nameClaim = settings.nameClaim();
        this.verified = new RememberedCredentials(settings.rememberFor(), Clock.systemUTC());
    }

    /** The signature algorithms a key may verify: its {@code alg} if it names one, else those of its type and curve. */
    static Set<JWSAlgorithm> algorithmsFor(JWK key) {
        if (key.getKeyType() == KeyType.OCT) {
            throw new IllegalArgumentException("key " + describe(key) + " is symmetric (kty oct): whoever can verify"
                    + " such tokens can also forge them; configure public keys (RSA, EC or Ed25519)");
        }
        if (key.getAlgorithm() != null) {
            JWSAlgorithm named = JWSAlgorithm.parse(key.getAlgorithm().getName());
            if (!JWSAlgorithm.Family.SIGNATURE.contains(named)) {
                throw new IllegalArgumentException("key " + describe(key) + " names algorithm " + named
                        + ", which is not a public-key signature algorithm");
            }
            return Set.of(named);
        }
        if (key instanceof ECKey ec) {
            return Set.copyOf(JWSAlgorithm.Family.EC.stream()
                    .filter(algorithm -> Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve())).toList());
        }
        if (key instanceof OctetKeyPair okp) {
            if (!Curve.Ed25519.equals(okp.getCurve())) {
                throw new IllegalArgumentException("key " + describe(key) + " is on curve " + okp.getCurve()
                        + "; only Ed25519 signs tokens");
            }
            return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
        }
        return JWSAlgorithm.Family.RSA;
    }

    private static String describe(JWK key) {
        return key.getKeyID() != null ? "\"" + key.getKeyID() + "\"" : "of type " + key.getKeyType();
    }

    @Override
    public Optional<String> challenge() {
        return Optional.of("Bearer realm=\"alto\"");
    }

    @Override
    public Identification identify(AltoRequest request) {
        return verified.identify(Authenticator.credentials(request, SCHEME), this::check);
    }

    /** Checks a token not remembered: signature, then claims. */
    private Identification check(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            if (!(claims.getClaim(nameClaim) instanceof String name) || name.isBlank()) {
                return rejected("claim \"" + nameClaim + "\" is not a non-empty string");
            }
            verified.remember(token, name, claims.getExpirationTime().toInstant());
            return new Identification.Identified(name);
        } catch (ParseException e) {
            return rejected("not a JWT: " + e.getMessage());
        } catch (BadJOSEException | JOSEException e) {
            return rejected(e.getMessage());
        }
    }

    private static Identification rejected(String reason) {
        return new Identification.Rejected("bearer token refused: " + reason, Optional.of(INVALID_TOKEN));
    }
}
