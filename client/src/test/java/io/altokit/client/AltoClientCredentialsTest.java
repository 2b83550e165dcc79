package io.altokit.client;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.altokit.core.InformationBase;
import io.altokit.model.ErrorCode;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.auth.Authentication;
import io.altokit.server.protection.auth.BasicAuthenticator;
import io.altokit.server.protection.auth.BearerAuthenticator;
import io.altokit.server.protection.auth.PasswordHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AltoClient's credentials against a real server that requires them. */
class AltoClientCredentialsTest {
    private static ECKey signingKey;
    private static AltoServer server;

    @BeforeAll
    static void start() throws Exception {
        signingKey = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        Protection protection = new Protection(List.of(new Authentication(List.of(
                new BasicAuthenticator(Map.of("app1", PasswordHash.BCRYPT.encode("pw", 4)), Duration.ofMinutes(1)),
                new BearerAuthenticator(new BearerAuthenticator.Settings(new JWKSet(signingKey.toPublicJWK()),
                        Optional.empty(), Optional.of("alto"), "sub", Duration.ofSeconds(30), Duration.ofMinutes(1)))), false, 100)), List.of());
        server = AltoServer.start(ServerConfig.defaults().withPort(0), new InformationBase(InProcessServer.network(5).build()), protection);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void withoutCredentialsTheServersRefusalReachesTheCallerAsAnErrorResponse() {
        try (AltoClient client = AltoClient.builder(server.directoryUri()).build()) {
            assertThatThrownBy(client::networkMap).isInstanceOfSatisfying(AltoErrorResponseException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.error().code()).isEqualTo(ErrorCode.E_UNAUTHORIZED);
            });
            assertThat(client.stats().requests()).as("a 401 is not retried").isEqualTo(1);
        }
    }

    @Test
    void basicCredentialsAreSentWithEveryRequest() {
        try (AltoClient client = AltoClient.builder(server.directoryUri()).basicAuth("app1", "pw").build()) {
            assertThat(client.networkMap().pids()).isNotEmpty();
        }
        assertThatThrownBy(() -> AltoClient.builder(server.directoryUri()).basicAuth("a:b", "pw"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBearerTokenSupplierIsAskedForEachRequestSoRotationTakesEffect() throws Exception {
        AtomicReference<String> current = new AtomicReference<>(token(Instant.now().minusSeconds(300)));
        try (AltoClient client = AltoClient.builder(server.directoryUri()).bearerToken(current::get).build()) {
            assertThatThrownBy(client::networkMap).isInstanceOf(AltoErrorResponseException.class);
            current.set(token(Instant.now().plusSeconds(300)));
            assertThat(client.networkMap().pids()).isNotEmpty();
        }
    }

    private static String token(Instant expiry) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k").build(),
                new JWTClaimsSet.Builder().subject("app1").audience("alto").expirationTime(Date.from(expiry)).build());
        jwt.sign(new ECDSASigner(signingKey));
        return jwt.serialize();
    }
}
