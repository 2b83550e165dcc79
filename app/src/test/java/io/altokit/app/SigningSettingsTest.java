package io.altokit.app;

import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import io.altokit.app.config.YamlFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.altokit.model.signing.PemKeys;
import io.altokit.provision.ProvisioningException;
import io.altokit.server.protection.ResponseSigning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code signing:} section: what it accepts and the precise error for everything else. */
class SigningSettingsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    private Optional<ResponseSigning> read(String yaml) throws Exception {
        return SigningSettings.read(YamlFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                dir.resolve("net.yaml")));
    }

    private KeyPair keyFile(String name) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.writeString(dir.resolve(name), PemKeys.toPem(pair.getPrivate()));
        return pair;
    }

    @Test
    void absentMeansUnsigned() throws Exception {
        assertThat(read("server: { port: 0 }")).isEmpty();
    }

    @Test
    void theKeyIdDefaultsToTheThumbprintOrIsGiven() throws Exception {
        KeyPair pair = keyFile("signing.pem");
        assertThat(read("signing: { ed25519-private-key: signing.pem }").orElseThrow().keyId())
                .isEqualTo(PemKeys.thumbprint(pair.getPublic()));
        assertThat(read("signing: { ed25519-private-key: signing.pem, key-id: alto-2026-01, resign-after: 30s }")
                .orElseThrow().keyId()).isEqualTo("alto-2026-01");
    }

    @Test
    void mistakesNameTheKey() throws Exception {
        keyFile("signing.pem");
        Files.writeString(dir.resolve("public.pem"), PemKeys.toPem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()));
        expectError("signing: signing.pem", "signing: expected a mapping");
        expectError("signing: { key-id: x }", "signing.ed25519-private-key: expected the path");
        expectError("signing: { ed25519-private-key: nosuch.pem }", "signing.ed25519-private-key: ", "nosuch.pem does not exist");
        expectError("signing: { ed25519-private-key: public.pem }", "signing.ed25519-private-key: ", "expected 'PRIVATE KEY'");
        expectError("signing: { ed25519-private-key: signing.pem, keyid: x }", "signing.keyid: unknown setting");
        expectError("signing: { ed25519-private-key: signing.pem, key-id: 7 }", "signing.key-id: expected a non-empty string");
        expectError("signing: { ed25519-private-key: signing.pem, key-id: \"caf\u00e9\" }", "signing.key-id: ");
        expectError("signing: { ed25519-private-key: signing.pem, resign-after: 0s }", "signing.resign-after: must be at least 1s");
        expectError("signing: { ed25519-private-key: signing.pem, resign-after-seconds: 60 }",
                "signing.resign-after-seconds: 'resign-after-seconds' was renamed: write resign-after: 60s");
    }

    private void expectError(String yaml, String... parts) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("net.yaml: ").satisfies(e -> {
                    for (String part : parts) {
                        assertThat(e.getMessage()).contains(part);
                    }
                });
    }
}
