package io.altokit.app;

import io.altokit.core.InformationBase;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;
import io.altokit.server.TlsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request deadline over TLS, for HTTP/2 streams as for HTTP/1.1: curl uploads the start of a body and
 * then holds it back (a slow-body client); the server answers 408 long before the body would end,
 * and serves other clients meanwhile.
 */
class SlowRequestOverTlsTest {
    /**
     * The request deadline, which also bounds the TLS handshake: every client here must start and
     * finish a handshake (the first one cold) within it, so it leaves room for a loaded machine.
     */
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** How long the slow client holds its body back: long past the deadline, then it gives up. */
    private static final Duration HOLD = DEADLINE.multipliedBy(4);
    @TempDir
    static Path pki;
    private static TestPki.Identity serverCa;
    private static AltoServer server;

    @BeforeAll
    static void start() throws Exception {
        TestPki ca = new TestPki(pki);
        serverCa = ca.authority("server-ca");
        TestPki.Identity identity = ca.server(serverCa, "alto-server");
        server = AltoServer.start(ServerConfig.defaults().withPort(0).withRequestTimeout(DEADLINE)
                .withTls(TlsConfig.of(identity.certificate(), identity.key())), new InformationBase(ExampleNetwork.snapshot()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aConnectionTricklingItsFirstBytesIsClosed() throws Exception {
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout((int) HOLD.multipliedBy(2).toMillis());
            socket.getOutputStream().write(0x16); // the first byte of a TLS record, then nothing
            socket.getOutputStream().flush();
            assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
        }
    }

    @Test
    void aStalledHandshakeIsClosed() throws Exception {
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout((int) HOLD.multipliedBy(2).toMillis());
            // A complete TLS record header announcing a ClientHello whose body never comes.
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
            socket.getOutputStream().flush();
            assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--http2", "--http1.1"})
    void aHeldBackBodyGets408(String protocol) throws Exception {
        SystemTools.requirePackage("curl", "curl (a real HTTP and TLS client)", "curl");
        URI ecs = server.directoryUri().resolve("/endpointcost/lookup");
        Process slow = new ProcessBuilder(List.of("curl", "--silent", "--max-time", "20", protocol, "--cacert",
                serverCa.certificate().toString(), "-X", "POST", "--upload-file", "-",
                "-H", "Content-Type: application/alto-endpointcostparams+json",
                "--write-out", "\n%{http_code} %{http_version}", ecs.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            OutputStream body = slow.getOutputStream();
            body.write("{\"cost-type\": {\"cost-metric\": \"routingcost\",".getBytes(StandardCharsets.US_ASCII));
            body.flush();
            assertThat(Curl.fetch(pki, server.directoryUri(), protocol, "--cacert", serverCa.certificate().toString()).status())
                    .as("another client meanwhile").isEqualTo(200);
            // The client holds its body back (curl may also stop early, once it has the answer), then gives up.
            if (!slow.waitFor(HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
                body.close();
            }

            assertThat(slow.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String output = new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(output).contains("request not complete within " + DEADLINE.toMillis() + " ms")
                    .endsWith("408 " + (protocol.equals("--http2") ? "2" : "1.1"));
        } finally {
            slow.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
