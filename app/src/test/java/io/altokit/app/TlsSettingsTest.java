package io.altokit.app;

import io.altokit.app.config.YamlFile;
import io.altokit.provision.network.NetworkFile;
import io.altokit.provision.ProvisioningException;
import io.altokit.server.ServerConfig;
import io.altokit.server.TlsConfig;
import io.altokit.server.TlsEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code tls:} section and {@code server.request-timeout}: what they configure and their precise errors. */
class TlsSettingsTest {
    @TempDir
    Path directory;

    @Test
    void withoutTheSectionThereIsNoTls() throws Exception {
        assertThat(TlsSettings.read(YamlFile.read(write("network-map: {}")))).isEmpty();
    }

    @Test
    void filesAreRelativeToTheNetworkFileAndLoadedEarly() throws Exception {
        TestPki pki = new TestPki(directory);
        TestPki.Identity ca = pki.authority("ca");
        TestPki.Identity server = pki.server(ca, "server");
        Path config = write("tls: { certificate: server.crt, private-key: server.key, client-ca: ca.crt, "
                + "allow-plain-http: true, engine: jdk }");
        Optional<TlsConfig> tls = TlsSettings.read(YamlFile.read(config));
        assertThat(tls).contains(new TlsConfig(server.certificate().toAbsolutePath(), server.key().toAbsolutePath(),
                Optional.of(ca.certificate().toAbsolutePath()), true, TlsEngine.JDK));

        Path swapped = write("tls: { certificate: server.key, private-key: server.crt }");
        assertThatThrownBy(() -> TlsSettings.read(YamlFile.read(swapped)))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageStartingWith(swapped + ": tls.certificate and tls.private-key: ").hasMessageContaining("server.key");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tls: yes                                                        | tls: expected a mapping
            tls: { private-key: k.pem }                                     | tls.certificate: required
            tls: { certificate: c.pem }                                     | tls.private-key: required
            tls: { certificate: c.pem, private-key: k.pem, cert: x }        | tls.cert: unknown setting (known: allow-plain-http, certificate, client-ca, engine, private-key)
            tls: { certificate: 7, private-key: k.pem }                     | tls.certificate: expected a file name, got 7
            tls: { certificate: c.pem, private-key: k.pem, engine: nss }    | tls.engine: expected boringssl or jdk, got "nss"
            tls: { certificate: c.pem, private-key: k.pem, allow-plain-http: 1 } | tls.allow-plain-http: expected true or false, got 1
            tls: { certificate: c.pem, private-key: k.pem }                 | tls.certificate: 
            """)
    void mistakesNameTheFileAndTheKey(String yaml, String message) throws Exception {
        Path config = write(yaml);
        assertThatThrownBy(() -> TlsSettings.read(YamlFile.read(config)))
                .isInstanceOf(ProvisioningException.class).hasMessageStartingWith(config + ": " + message.strip());
    }

    @Test
    void requestTimeoutIsADuration() throws Exception {
        Path config = write("server: { request-timeout: 250ms }");
        assertThat(ServerSettings.read(YamlFile.read(config)).requestTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(ServerSettings.read(YamlFile.read(write("server: {}"))).requestTimeout())
                .isEqualTo(ServerConfig.DEFAULT_REQUEST_TIMEOUT);
        Path bare = write("server: { request-timeout: 10 }");
        assertThatThrownBy(() -> ServerSettings.read(YamlFile.read(bare)))
                .hasMessage(bare + ": server.request-timeout: expected a duration such as 500ms, 5s, 2m, 1h, 1d or PT5S"
                        + "; a bare number has no unit: write 10s for seconds");
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(directory.resolve("network.yaml"), yaml + "\n");
    }
}
