package io.altokit.app;

import io.altokit.app.config.ConfigNode;
import io.altokit.app.config.YamlFile;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import io.altokit.provision.ProvisioningException;
import io.altokit.provision.network.NetworkFile;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.protection.Call;
import io.altokit.server.protection.Caller;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.Verdict;
import io.altokit.server.protection.auth.PasswordHash;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The auth, access and rate-limit sections: the issue's contract as written, and precise errors for mistakes. */
class ProtectionSettingsTest {
    private static final String NETWORK = """
            network-map:
              area-01: { ipv4: [10.1.0.0/16] }
            costs:
              routingcost:
                area-01: { area-01: 1 }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void keyFiles() throws Exception {
        Files.writeString(dir.resolve("users.txt"), "app1:" + PasswordHash.BCRYPT.encode("pw", 4) + "\n");
        Files.writeString(dir.resolve("keys.jwks"), new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("k1").generate())
                .toPublicJWKSet().toString());
    }

    @Test
    void theIssuesContractParsesAsWritten() throws Exception {
        Protection protection = read("""
                auth:
                  basic: { users-file: users.txt }  # one "name:hash" a line (bcrypt, argon2 or PBKDF2), documented
                  bearer: { jwks-file: keys.jwks, issuer: "https://isp.example", audience: alto }
                access:                             # first match wins; no rule matched = 403
                  - { source: 127.0.1.0/24, resources: ["*"] }
                  - { client: app1, resources: [default-network-map, endpoint-cost] }
                """);
        assertThat(admit(protection, "127.0.1.9", Optional.empty())).isInstanceOf(Verdict.Refuse.class);
    }

    @Test
    void withAnonymousCallersTheAccessRulesDecideBySource() throws Exception {
        Protection protection = read("""
                auth: { basic: { users-file: users.txt, remember: 30s }, anonymous: true, max-failures-per-minute: 5 }
                access:
                  - { source: [127.0.1.0/24, "::1"], resources: ["*"] }
                rate-limit: { requests-per-second: 1, burst: 2, clients: { app1: { requests-per-second: 50 } } }
                """);
        assertThat(admit(protection, "127.0.1.9", Optional.empty())).isInstanceOf(Verdict.Pass.class);
        assertThat(admit(protection, "127.0.1.9", Optional.empty())).isInstanceOf(Verdict.Pass.class);
        assertThat(admit(protection, "127.0.1.9", Optional.empty())).as("over the burst of 2").isInstanceOf(Verdict.Refuse.class);
        assertThat(admit(protection, "127.0.2.9", Optional.empty())).isInstanceOf(Verdict.Refuse.class);
        assertThat(admit(protection, "::1", Optional.empty())).isInstanceOf(Verdict.Pass.class);
    }

    @Test
    void mistakesNameTheFileAndTheKey() throws Exception {
        assertError("auth: { basic: { users-file: users.txt, hash: x } }", "auth.basic.hash: unknown setting");
        assertError("auth: { basic: { users-file: nobody.txt } }", "auth.basic.users-file: cannot read");
        assertError("auth: { anonymous: true }", "auth: configure at least one of basic, bearer, mtls");
        assertError("auth: { bearer: { issuer: x } }", "auth.bearer: give exactly one of jwks-file");
        assertError("auth: { mtls: { name-from: cn } }", "auth.mtls: client certificates need tls.client-ca");
        assertError("tls: { client-ca: ca.crt }\nauth: { mtls: { name-from: serial } }",
                "auth.mtls.name-from: \"serial\" is not one of [cn, san-dns, san-email, san-uri]");
        assertError("access: [ { source: 10.0.0.1/8, resources: [\"*\"] } ]", "access[0].source: invalid IP prefix");
        assertError("access: [ { client: app1 } ]", "access[0].resources: missing");
        assertError("access: { client: app1 }", "access: expected a list of rules");
        assertError("rate-limit: { burst: 10 }", "rate-limit.requests-per-second: missing");
        assertError("rate-limit: { requests-per-second: 0 }", "rate-limit.requests-per-second: expected a positive whole number");
        assertError("rate-limit: { requests-per-second: 5, clients: { app1: { burst: 3 } } }",
                "rate-limit.clients.app1.requests-per-second: missing");
        Files.writeString(dir.resolve("secret.jwks"), new JWKSet(new OctetSequenceKeyGenerator(256).generate()).toString(false));
        assertError("auth: { bearer: { jwks-file: secret.jwks } }", "symmetric");
    }

    private void assertError(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml)).as(yaml).isInstanceOf(ProvisioningException.class)
                .hasMessageStartingWith(dir.resolve("net.yaml").toString()).hasMessageContaining(message);
    }

    private Protection read(String sections) throws IOException {
        Path config = Files.writeString(dir.resolve("net.yaml"), NETWORK + sections);
        ConfigNode root = YamlFile.read(config);
        return ProtectionSettings.read(root, AltoServer.resourceIds(ServerConfig.defaults(), NetworkSettings.snapshot(root)));
    }

    private static Verdict admit(Protection protection, String source, Optional<String> authorization) throws Exception {
        InetAddress address = InetAddress.getByName(source);
        AltoRequest request = new AltoRequest("GET", "/networkmap", Optional.empty(), Optional.empty(), Optional.empty(),
                new byte[0], address, authorization, Optional.empty());
        return protection.admit(new Call(request, Optional.of("default-network-map"), Caller.anonymous(address)));
    }
}
