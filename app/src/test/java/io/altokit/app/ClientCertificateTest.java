package io.altokit.app;

import io.altokit.client.AltoClient;
import io.altokit.core.InformationBase;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;
import io.altokit.server.ServerTls;
import io.altokit.server.TlsConfig;
import io.altokit.server.TlsEngine;
import io.altokit.server.protection.Guard;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The certificate a mutual-TLS handshake verified reaches the protection layer on every request,
 * over HTTP/2 and HTTP/1.1, and AltoClient presents one from PEM files.
 */
class ClientCertificateTest {
    @TempDir
    Path pki;

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void theVerifiedClientCertificateReachesTheGuardsOverHttp2AndHttp1(TlsEngine engine) throws Exception {
        TestPki ca = new TestPki(pki);
        TestPki.Identity serverCa = ca.authority("server-ca");
        TestPki.Identity serverIdentity = ca.server(serverCa, "alto-server");
        TestPki.Identity clientCa = ca.authority("client-ca");
        TestPki.Identity app1 = ca.client(clientCa, "app1");
        List<String> seen = new CopyOnWriteArrayList<>();
        Guard recordSubject = call -> {
            seen.add(call.request().clientCertificate().map(c -> c.getSubjectX500Principal().getName()).orElse("none"));
            return Verdict.pass(call);
        };
        ServerConfig config = ServerConfig.defaults().withPort(0)
                .withTls(TlsConfig.of(serverIdentity.certificate(), serverIdentity.key()).withClientCa(clientCa.certificate())
                        .withEngine(engine));
        try (AltoServer server = AltoServer.start(config, new InformationBase(ExampleNetwork.snapshot()),
                new Protection(List.of(recordSubject), List.of()));
             AltoClient client = AltoClient.builder(server.directoryUri()).trustedCertificates(serverCa.certificate())
                     .clientCertificate(app1.certificate(), app1.key()).build()) {
            assertThat(client.networkMap().vtag().resourceId()).isEqualTo(ServerConfig.DEFAULT_NETWORK_MAP_ID);
            String[] identity = {"--cacert", serverCa.certificate().toString(), "--cert", app1.certificate().toString(),
                    "--key", app1.key().toString()};
            assertThat(Curl.fetch(pki, server.directoryUri(), concat(identity, "--http2")).version()).isEqualTo("2");
            assertThat(Curl.fetch(pki, server.directoryUri(), concat(identity, "--http1.1")).version()).isEqualTo("1.1");
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(4).containsOnly("CN=app1");
    }

    @Test
    void unusablePemFilesAreRefusedWithTheFileName() throws Exception {
        TestPki pkiTool = new TestPki(pki);
        TestPki.Identity ca = pkiTool.authority("some-ca");
        TestPki.Identity one = pkiTool.client(ca, "one");
        TestPki.Identity other = pkiTool.client(ca, "other");
        AltoClient.Builder builder = AltoClient.builder(URI.create("https://127.0.0.1:1/directory"));
        assertThatThrownBy(() -> builder.trustedCertificates(ca.key()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ca.key().toString());
        assertThatThrownBy(() -> builder.clientCertificate(ca.certificate(), ca.certificate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 'PRIVATE KEY'");
        assertThatThrownBy(() -> builder.trustedCertificates(pki.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.pem");
        assertThatThrownBy(() -> builder.clientCertificate(one.certificate(), other.key()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the private key of the certificate");
        assertThatThrownBy(() -> builder.clientCertificate(one.certificate(), ca.key()))
                .as("an EC key for an RSA certificate").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an RSA PKCS#8 private key");
        assertThatThrownBy(() -> ServerTls.check(TlsConfig.of(one.certificate(), other.key())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls.certificate and tls.private-key: ").hasMessageContaining(other.key().toString());
        assertThatThrownBy(() -> ServerTls.check(TlsConfig.of(one.certificate(), one.key()).withClientCa(ca.key())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tls.client-ca: ");
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(more)).toArray(String[]::new);
    }
}
