package io.altokit.server;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.auth.Authentication;
import io.altokit.server.protection.auth.Authenticator;
import io.altokit.server.protection.auth.BasicAuthenticator;
import io.altokit.server.protection.auth.BearerAuthenticator;
import io.altokit.server.protection.auth.PasswordHash;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The authentication guard over real HTTP: real bcrypt and argon2id hashes, JWTs signed with
 * generated keys by nimbus-jose-jwt. Without the guard every request below would be answered 200.
 */
class AuthenticationTest {
    private static final String ISSUER = "https://isp.example";
    private static final String AUDIENCE = "alto";

    private static Map<String, String> users;
    private static OctetKeyPair edKey;
    private static ECKey ecKey;

    @BeforeAll
    static void keysAndUsers() throws Exception {
        users = new LinkedHashMap<>();
        users.put("app1", PasswordHash.BCRYPT.encode("correct horse", 4));
        users.put("app2", PasswordHash.ARGON2ID.encode("battery staple", 0));
        edKey = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed").generate();
        ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
    }

    private static Protection basicAndBearer(boolean anonymous) {
        List<Authenticator> methods = List.of(
                new BasicAuthenticator(users, Duration.ofMinutes(1)),
                new BearerAuthenticator(new BearerAuthenticator.Settings(
                        new JWKSet(List.of(edKey.toPublicJWK(), ecKey.toPublicJWK())), Optional.of(ISSUER),
                        Optional.of(AUDIENCE), "sub", Duration.ofSeconds(30), Duration.ofMinutes(1))));
        return new Protection(List.of(new Authentication(methods, anonymous, 100), CallerEcho.GUARD), List.of(CallerEcho.DECORATOR));
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithTheConfiguredChallengesAndAnErrorObject() throws Exception {
        try (ServerFixture fixture = new ServerFixture(basicAndBearer(false))) {
            HttpResponse<byte[]> response = fixture.get("/networkmap");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                    assertThat(challenge).contains("Basic realm=").contains("Bearer realm="));
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/alto-error+json");
            assertThat(ServerFixture.json(response).at("/meta/code").asText()).isEqualTo("E_UNAUTHORIZED");
            assertThat(fixture.get("/no-such-path").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void basicCredentialsWithBcryptOrArgon2idNameTheCaller() throws Exception {
        try (ServerFixture fixture = new ServerFixture(basicAndBearer(false))) {
            assertThat(callerOf(fixture.get("/networkmap", "Authorization", basic("app1", "correct horse")))).isEqualTo("app1");
            // Again: answered from the remembered verification, same outcome.
            assertThat(callerOf(fixture.get("/networkmap", "Authorization", basic("app1", "correct horse")))).isEqualTo("app1");
            assertThat(callerOf(fixture.get("/networkmap", "Authorization", basic("app2", "battery staple")))).isEqualTo("app2");
        }
    }

    @Test
    void wrongPasswordsUnknownUsersAndMalformedHeadersAre401() throws Exception {
        try (ServerFixture fixture = new ServerFixture(basicAndBearer(true))) {
            for (String authorization : List.of(basic("app1", "wrong"), basic("app2", "correct horse"),
                    basic("nobody", "correct horse"), "Basic !!!notbase64", "Basic " + encode("no-colon"),
                    "Digest username=\"app1\"", "Bearer")) {
                HttpResponse<byte[]> response = fixture.get("/networkmap", "Authorization", authorization);
                assertThat(response.statusCode()).as(authorization).isEqualTo(401);
                assertThat(ServerFixture.json(response).at("/meta/code").asText()).isEqualTo("E_UNAUTHORIZED");
            }
        }
    }

    @Test
    void aSourceWithTooManyFailuresIsRefusedUncheckedWhileOthersAreServed() throws Exception {
        Protection protection = new Protection(List.of(new Authentication(
                List.of(new BasicAuthenticator(users, Duration.ofMinutes(1))), false, 3)), List.of());
        try (ServerFixture fixture = new ServerFixture(protection); LoopbackCaller other = new LoopbackCaller("127.0.0.2")) {
            for (int i = 0; i < 3; i++) {
                assertThat(fixture.get("/networkmap", "Authorization", basic("app1", "guess" + i)).statusCode()).isEqualTo(401);
            }
            HttpResponse<byte[]> throttled = fixture.get("/networkmap", "Authorization", basic("app1", "correct horse"));

            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                    assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
            assertThat(ServerFixture.json(throttled).at("/meta/code").asText()).isEqualTo("E_RATE_LIMITED");
            assertThat(other.get(fixture.uri("/networkmap"), "Authorization", basic("app1", "correct horse")).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void anonymousCallersPassOnlyWhenAllowed() throws Exception {
        try (ServerFixture open = new ServerFixture(basicAndBearer(true))) {
            assertThat(callerOf(open.get("/networkmap"))).isEqualTo("-");
        }
        try (ServerFixture closed = new ServerFixture(basicAndBearer(false))) {
            assertThat(closed.get("/networkmap").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void validTokensSignedWithEd25519OrEs256NameTheCallerBySubject() throws Exception {
        try (ServerFixture fixture = new ServerFixture(basicAndBearer(false))) {
            assertThat(callerOf(fixture.get("/networkmap", "Authorization", bearer(token(claims("app3"), edKey)))))
                    .isEqualTo("app3");
            assertThat(callerOf(fixture.get("/networkmap", "Authorization", bearer(token(claims("app4"), ecKey)))))
                    .isEqualTo("app4");
        }
    }

    @Test
    void expiredForgedMisdirectedAndUnsignedTokensAre401InvalidToken() throws Exception {
        OctetKeyPair stranger = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed").generate();
        OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("ed").generate();
        Instant now = Instant.now();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("expired", token(claims("app3").expirationTime(Date.from(now.minusSeconds(120))), edKey));
        bad.put("not yet valid", token(claims("app3").notBeforeTime(Date.from(now.plusSeconds(600))), edKey));
        bad.put("wrong audience", token(claims("app3").audience("someone-else"), edKey));
        bad.put("wrong issuer", token(claims("app3").issuer("https://evil.example"), edKey));
        bad.put("no expiry", token(claims("app3").expirationTime(null), edKey));
        bad.put("unknown key", token(claims("app3"), stranger));
        bad.put("alg none", new PlainJWT(claims("app3").build()).serialize());
        bad.put("HMAC", sign(new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("ed").build(),
                claims("app3").build()), new MACSigner(secret)));
        bad.put("garbage", "not.a.jwt");
        try (ServerFixture fixture = new ServerFixture(basicAndBearer(true))) {
            for (Map.Entry<String, String> token : bad.entrySet()) {
                HttpResponse<byte[]> response = fixture.get("/networkmap", "Authorization", bearer(token.getValue()));
                assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(token.getKey())
                        .hasValue("Bearer realm=\"alto\", error=\"invalid_token\"");
                assertThat(ServerFixture.json(response).at("/meta/code").asText()).isEqualTo("E_UNAUTHORIZED");
            }
        }
    }

    @Test
    void symmetricKeysAreRefusedAtConfiguration() throws Exception {
        OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("hmac").generate();
        assertThatThrownBy(() -> new BearerAuthenticator(new BearerAuthenticator.Settings(new JWKSet(secret),
                Optional.empty(), Optional.empty(), "sub", Duration.ofSeconds(30), Duration.ofMinutes(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric");
    }

    static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(subject).issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    static String token(JWTClaimsSet.Builder claims, OctetKeyPair key) throws Exception {
        return sign(new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.getKeyID()).build(), claims.build()),
                new Ed25519Signer(key));
    }

    static String token(JWTClaimsSet.Builder claims, ECKey key) throws Exception {
        return sign(new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims.build()),
                new ECDSASigner(key));
    }

    private static String sign(SignedJWT jwt, JWSSigner signer) throws Exception {
        jwt.sign(signer);
        return jwt.serialize();
    }

    static String basic(String user, String password) {
        return "Basic " + encode(user + ":" + password);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String callerOf(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue(CallerEcho.HEADER).orElseThrow();
    }
}
