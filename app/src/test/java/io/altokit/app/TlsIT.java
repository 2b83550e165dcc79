package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alto serve} with the {@code tls:} section, as the packaged jar, against real curl (HTTP/1.1 and
 * HTTP/2, client certificates) and the client commands' {@code --cacert/--cert/--key}; the test PKI is
 * made by openssl.
 */
class TlsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path pki;
    private static TestPki.Identity serverCa;
    private static TestPki.Identity serverIdentity;
    private static TestPki.Identity clientCa;
    private static TestPki.Identity app1;
    private static TestPki.Identity stranger;

    @TempDir
    Path directory;
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestPki ca = new TestPki(pki);
        serverCa = ca.authority("server-ca");
        serverIdentity = ca.server(serverCa, "alto-server");
        clientCa = ca.authority("client-ca");
        app1 = ca.client(clientCa, "app1");
        stranger = ca.client(ca.authority("other-ca"), "stranger");
    }

    @Test
    void servesHttpsOverHttp2AndHttp1AndRefusesPlainHttp() throws Exception {
        URI directoryUri = serve("tls: { certificate: %s, private-key: %s }".formatted(
                serverIdentity.certificate(), serverIdentity.key()));
        assertThat(directoryUri.getScheme()).isEqualTo("https");

        Curl h2 = curl(directoryUri, "--http2", "--cacert", serverCa.certificate().toString());
        assertThat(h2.status()).isEqualTo(200);
        assertThat(h2.version()).as("ALPN chose HTTP/2").isEqualTo("2");
        assertThat(JSON.readTree(h2.body()).at("/resources/endpoint-cost/uri").asText()).isNotBlank();
        Curl h1 = curl(directoryUri, "--http1.1", "--cacert", serverCa.certificate().toString());
        assertThat(h1.status()).isEqualTo(200);
        assertThat(h1.version()).isEqualTo("1.1");

        Curl plain = curl(URI.create(directoryUri.toString().replace("https:", "http:")));
        assertThat(plain.status()).as("plain HTTP refused").isEqualTo(400);
        assertThat(plain.body()).contains("HTTPS only");
        Curl forged = curl(directoryUri);
        assertThat(forged.exit()).as("a server whose CA the client does not trust is rejected (curl exit 60)").isEqualTo(60);

        JsonNode ird = alto(0, "query", "--server", directoryUri.toString(), "--cacert", serverCa.certificate().toString(), "ird");
        assertThat(ird.at("/meta/default-alto-network-map").asText()).isEqualTo("default-network-map");
        assertThat(alto(1, "query", "--server", directoryUri.toString(), "ird")).as("JVM default CAs do not know the test CA").isNull();
    }

    @Test
    void mutualTlsAcceptsOnlyClientsWithACertificateFromTheClientCa() throws Exception {
        URI directoryUri = serve("tls: { certificate: %s, private-key: %s, client-ca: %s }".formatted(
                serverIdentity.certificate(), serverIdentity.key(), clientCa.certificate()));
        String trust = serverCa.certificate().toString();

        Curl member = curl(directoryUri, "--cacert", trust, "--cert", app1.certificate().toString(), "--key", app1.key().toString());
        assertThat(member.status()).isEqualTo(200);
        Curl anonymous = curl(directoryUri, "--cacert", trust);
        assertThat(anonymous.status()).as("no client certificate: refused in the handshake").isZero();
        assertThat(anonymous.exit()).isNotZero();
        Curl outsider = curl(directoryUri, "--cacert", trust, "--cert", stranger.certificate().toString(), "--key", stranger.key().toString());
        assertThat(outsider.status()).as("certificate from another CA: refused in the handshake").isZero();
        assertThat(outsider.exit()).isNotZero();

        JsonNode ranking = alto(0, "rank", "--server", directoryUri.toString(), "--cacert", trust,
                "--cert", app1.certificate().toString(), "--key", app1.key().toString(),
                "--json", "--random-share", "0", "--source", "10.1.2.3", "10.2.0.1", "10.1.0.9");
        assertThat(ranking.get("status").asText()).isEqualTo("OK");
        assertThat(ranking.at("/peers/0/address").asText()).isEqualTo("10.1.0.9");
        // Exit status 1: no guidance (issue #13); the peers are printed unranked all the same.
        JsonNode refused = alto(1, "rank", "--server", directoryUri.toString(), "--cacert", trust,
                "--json", "--source", "10.1.2.3", "10.2.0.1", "10.1.0.9");
        assertThat(refused.get("status").asText()).as("without its certificate the client gets no guidance").isEqualTo("UNAVAILABLE");
        assertThat(alto(2, "query", "--server", directoryUri.toString(), "--cert", app1.certificate().toString(), "ird"))
                .as("--cert without --key").isNull();
    }

    @Test
    void allowPlainHttpServesBothOnOnePort() throws Exception {
        URI directoryUri = serve("tls: { certificate: %s, private-key: %s, allow-plain-http: true }".formatted(
                serverIdentity.certificate(), serverIdentity.key()));
        assertThat(curl(directoryUri, "--cacert", serverCa.certificate().toString()).status()).isEqualTo(200);
        Curl plain = curl(URI.create(directoryUri.toString().replace("https:", "http:")));
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.version()).isEqualTo("1.1");
    }

    @Test
    void aMissingCertificateFileStopsTheServerWithAPreciseMessage() throws Exception {
        Path config = network("tls: { certificate: nowhere.crt, private-key: %s }".formatted(serverIdentity.key()));
        Process server = AltoJar.processBuilder("serve", "--config", config.toString(), "--port", "0")
                .redirectErrorStream(true).start();
        started.add(server);
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(2);
        assertThat(new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("tls.certificate").contains("nowhere.crt").doesNotContain("Exception");
    }

    /** The minimal example network plus {@code tlsSection}. */
    private Path network(String tlsSection) throws Exception {
        Path config = directory.resolve("network.yaml");
        Files.writeString(config, Files.readString(Path.of("..", "examples", "minimal.yaml")) + tlsSection + "\n");
        return config;
    }

    private URI serve(String tlsSection) throws Exception {
        Path log = directory.resolve("alto.log");
        Process server = AltoJar.start(log, "serve", "--config", network(tlsSection).toString(), "--port", "0");
        started.add(server);
        return AltoJar.awaitReady(server, log);
    }

    private Curl curl(URI uri, String... options) throws Exception {
        return Curl.fetch(directory, uri, options);
    }

    /** Runs the jar; expects the exit status; the JSON it printed, or null when it printed nothing. */
    private JsonNode alto(int expectedStatus, String... args) throws Exception {
        Process process = AltoJar.processBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", args) + "\n" + output).isEqualTo(expectedStatus);
        return output.isBlank() ? null : JSON.readTree(output);
    }
}
