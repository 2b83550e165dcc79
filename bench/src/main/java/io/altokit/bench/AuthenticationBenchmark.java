package io.altokit.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.altokit.core.IpPrefix;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.protection.Call;
import io.altokit.server.protection.Caller;
import io.altokit.server.protection.Verdict;
import io.altokit.server.protection.access.AccessRule;
import io.altokit.server.protection.access.AccessRules;
import io.altokit.server.protection.auth.BasicAuthenticator;
import io.altokit.server.protection.auth.BearerAuthenticator;
import io.altokit.server.protection.auth.Identification;
import io.altokit.server.protection.auth.PasswordHash;
import io.altokit.server.protection.auth.PublicKeys;
import io.altokit.server.protection.ratelimit.Rate;
import io.altokit.server.protection.ratelimit.RateLimit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What each protection guard costs per request (issue #5): a bearer JWT verified with each
 * signature algorithm, HTTP Basic with a remembered verification and with a full bcrypt check at
 * cost 10, an access-rule decision and a rate-limit bucket.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthenticationBenchmark {
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    /** Verifies every time (nothing remembered). */
    private BearerAuthenticator bearer;
    private BearerAuthenticator bearerRemembering;
    private AltoRequest ed25519Token;
    private AltoRequest es256Token;
    private AltoRequest rs256Token;
    private BasicAuthenticator basic;
    private AltoRequest basicRemembered;
    private AltoRequest basicWrong;
    private AccessRules access;
    private RateLimit rateLimit;
    private Call namedCall;

    @Setup
    public void setUp() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        JWK edPublic = new OctetKeyPair.Builder((OctetKeyPair) PublicKeys.toJwk(ed.getPublic())).keyID("ed").build();
        bearer = new BearerAuthenticator(new BearerAuthenticator.Settings(
                new JWKSet(List.of(edPublic, ec.toPublicJWK(), rsa.toPublicJWK())), Optional.of("https://isp.example"),
                Optional.of("alto"), "sub", Duration.ofSeconds(30), Duration.ZERO));
        bearerRemembering = new BearerAuthenticator(new BearerAuthenticator.Settings(
                new JWKSet(List.of(edPublic, ec.toPublicJWK(), rsa.toPublicJWK())), Optional.of("https://isp.example"),
                Optional.of("alto"), "sub", Duration.ofSeconds(30), Duration.ofHours(1)));
        ed25519Token = request("Bearer " + ed25519Token(ed));
        es256Token = request("Bearer " + sign(JWSAlgorithm.ES256, "ec", new ECDSASigner(ec)));
        rs256Token = request("Bearer " + sign(JWSAlgorithm.RS256, "rsa", new RSASSASigner(rsa)));

        basic = new BasicAuthenticator(Map.of("app1", PasswordHash.BCRYPT.encode("correct horse", 10)), Duration.ofHours(1));
        basicRemembered = request("Basic " + base64("app1:correct horse"));
        basicWrong = request("Basic " + base64("app1:wrong"));
        check(basic.identify(basicRemembered) instanceof Identification.Identified, "basic");
        for (AltoRequest token : List.of(ed25519Token, es256Token, rs256Token)) {
            check(bearer.identify(token) instanceof Identification.Identified, "bearer");
        }

        access = new AccessRules(List.of(
                new AccessRule(List.of(IpPrefix.parse("10.0.0.0/8"), IpPrefix.parse("2001:db8::/32")), List.of(), Set.of("*")),
                new AccessRule(List.of(), List.of("app1"), Set.of("default-network-map", "endpoint-cost"))));
        rateLimit = new RateLimit(new Rate(1_000_000_000, 1_000_000_000), Map.of(), 100_000);
        namedCall = new Call(basicRemembered, Optional.of("endpoint-cost"), Caller.anonymous(CLIENT).named("app1"), Query.none());
    }

    @Benchmark
    public Identification bearerEd25519() {
        return bearer.identify(ed25519Token);
    }

    @Benchmark
    public Identification bearerEs256() {
        return bearer.identify(es256Token);
    }

    @Benchmark
    public Identification bearerRs256() {
        return bearer.identify(rs256Token);
    }

    @Benchmark
    public Identification bearerRemembered() {
        return bearerRemembering.identify(es256Token);
    }

    @Benchmark
    public Identification basicRemembered() {
        return basic.identify(basicRemembered);
    }

    /** A wrong password: a full bcrypt check at cost 10, every time. */
    @Benchmark
    @Warmup(iterations = 1, time = 2)
    @Measurement(iterations = 3, time = 2)
    public Identification basicBcrypt10() {
        return basic.identify(basicWrong);
    }

    @Benchmark
    public Verdict accessRules() {
        return access.check(namedCall);
    }

    @Benchmark
    public Verdict rateLimit() {
        return rateLimit.check(namedCall);
    }

    private static AltoRequest request(String authorization) {
        return new AltoRequest("POST", "/endpointcost/lookup", Optional.empty(), Optional.empty(), Optional.empty(),
                new byte[0], CLIENT, Optional.of(authorization), Optional.empty());
    }

    private static JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().subject("app1").issuer("https://isp.example").audience("alto")
                .expirationTime(Date.from(Instant.now().plus(Duration.ofDays(1)))).build();
    }

    private static String sign(JWSAlgorithm algorithm, String keyId, JWSSigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims());
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** nimbus signs EdDSA only through Tink, which the server does not need; the JDK signs here. */
    private static String ed25519Token(KeyPair key) throws Exception {
        String signingInput = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("ed").build().toBase64URL() + "."
                + Base64URL.encode(claims().toString().getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64URL.encode(signature.sign());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what + " set-up does not verify");
        }
    }
}
