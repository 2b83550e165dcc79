package io.altokit.app;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alto serve} with the auth, access and rate-limit sections of a YAML file; the users file made
 * by {@code alto hash-password}; {@code alto query} with {@code --user} and {@code --token-file}; raw
 * HTTP from several loopback source addresses for the refusals.
 */
class AuthServeIT {
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @Test
    void authenticationAccessRulesAndRateLimitsFromTheYamlFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("users.txt"), run("correct horse\n", 0, "hash-password", "--cost", "8", "app1"));
        ECKey signingKey = new ECKeyGenerator(Curve.P_256).keyID("isp-1").generate();
        Files.writeString(dir.resolve("keys.jwks"), new JWKSet(signingKey).toPublicJWKSet().toString());
        Files.writeString(dir.resolve("app2.jwt"), token(signingKey, "app2", "alto"));
        Files.writeString(dir.resolve("elsewhere.jwt"), token(signingKey, "app2", "another-service"));
        Path config = Files.writeString(dir.resolve("net.yaml"), Files.readString(Path.of("..", "examples", "minimal.yaml")) + """
                auth:
                  basic: { users-file: users.txt }
                  bearer: { jwks-file: keys.jwks, issuer: "https://isp.example", audience: alto }
                  anonymous: true
                access:
                  - { source: 127.0.1.0/24, resources: ["*"] }
                  - { client: [app1, app2], resources: [default-network-map, endpoint-cost] }
                rate-limit: { requests-per-second: 1, burst: 3, clients: { app1: { requests-per-second: 100 } } }
                """);
        Path log = dir.resolve("alto.log");
        Process server = AltoJar.start(log, "serve", "--config", config.toString(), "--port", "0", "--no-access-log");
        started.add(server);
        String directory = AltoJar.awaitReady(server, log).toString();

        assertThat(run("correct horse\n", 0, "query", "--server", directory, "--user", "app1", "networkmap"))
                .contains("area-01");
        assertThat(run("", 1, "query", "--server", directory, "--user", "app1:wrong", "networkmap")).isEmpty();
        assertThat(run("", 0, "query", "--server", directory, "--token-file", dir.resolve("app2.jwt").toString(), "networkmap"))
                .contains("area-01");
        assertThat(run("", 1, "query", "--server", directory, "--token-file", dir.resolve("elsewhere.jwt").toString(), "networkmap"))
                .isEmpty();
        assertThat(run("", 1, "query", "--server", directory, "--token-file", dir.resolve("app2.jwt").toString(),
                "costmap", "--metric", "routingcost")).as("app2 may not use cost maps").isEmpty();

        URI costMap = URI.create(directory).resolve("/costmap/num-routingcost");
        HttpResponse<String> forged = get("127.0.0.1", costMap, "Authorization", "Bearer eyJhbGciOiJub25lIn0.e30.");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertThat(forged.body()).contains("E_UNAUTHORIZED").doesNotContain("Exception");
        assertThat(get("127.0.0.1", costMap).statusCode()).as("anonymous outside the customer prefix").isEqualTo(403);

        // The bucket refills a token a second: the four requests share one connection so that they come within one.
        List<Integer> customer = new ArrayList<>();
        try (HttpClient http = client("127.0.1.20")) {
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> response = send(http, costMap);
                customer.add(response.statusCode());
                if (response.statusCode() == 429) {
                    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                }
            }
        }
        assertThat(customer).as("a burst of 3, then the bucket is empty").containsExactly(200, 200, 200, 429);

        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    private static String token(ECKey key, String subject, String audience) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject(subject).issuer("https://isp.example").audience(audience)
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static HttpResponse<String> get(String source, URI uri, String... headers) throws IOException, InterruptedException {
        try (HttpClient http = client(source)) {
            return send(http, uri, headers);
        }
    }

    /** An HTTP client whose connections come from {@code source}. */
    private static HttpClient client(String source) throws IOException {
        return HttpClient.newBuilder().localAddress(InetAddress.getByName(source)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> send(HttpClient http, URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs the jar with {@code input} on its standard input; expects the exit status; returns standard output. */
    private String run(String input, int expectedStatus, String... args) throws Exception {
        Process process = AltoJar.processBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", args) + "\n" + output).isEqualTo(expectedStatus);
        return output;
    }
}
