package io.altokit.server;

import io.altokit.core.InformationBase;
import io.altokit.core.time.Ticker;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.auth.Authentication;
import io.altokit.server.protection.auth.BasicAuthenticator;
import io.altokit.server.protection.auth.PasswordHash;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The access log over real HTTP: one line per answer, refusals included, with the authenticated client. */
class AccessLogHttpTest {

    @Test
    void everyAnswerIsLoggedOnceWithItsStatusAndTheClientAnAuthenticatorNamed() throws Exception {
        Protection basic = new Protection(List.of(new Authentication(List.of(new BasicAuthenticator(
                Map.of("app1", PasswordHash.BCRYPT.encode("correct horse", 4)), Duration.ofMinutes(1))), true, 100)),
                List.of());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        AccessLog log = new AccessLog(new BatchingWriter(Channels.newChannel(output), 64 * 1024, "test-access-log",
                Ticker.system()), AccessLineFormat.TEXT, Ticker.system(), Clock.systemDefaultZone());
        HttpClient http = HttpClient.newHttpClient();
        String credentials = "Basic " + Base64.getEncoder().encodeToString("app1:correct horse".getBytes(StandardCharsets.UTF_8));
        try (AltoServer server = AltoServer.start(ServerConfig.defaults().withPort(0),
                new InformationBase(TestNetwork.snapshot()), basic, RequestDeadline.Clock.system(), log)) {
            assertThat(send(http, HttpRequest.newBuilder(server.directoryUri().resolve("/networkmap"))
                    .header("Authorization", credentials))).isEqualTo(200);
            // Same connection, no credentials: the next line must not inherit the name.
            assertThat(send(http, HttpRequest.newBuilder(server.directoryUri().resolve("/nowhere")))).isEqualTo(404);
            byte[] tooLarge = new byte[ServerConfig.defaults().maxRequestBytes() + 1];
            assertThat(send(http, HttpRequest.newBuilder(server.directoryUri().resolve("/endpointcost/lookup"))
                    .header("Content-Type", "application/alto-endpointcostparams+json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(tooLarge)))).isEqualTo(413);
            assertThat(server.accessLogLinesDropped()).isZero();
        }
        List<String> lines = output.toString(StandardCharsets.US_ASCII).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains(" method=GET uri=/networkmap status=200 ").endsWith(" client=app1");
        assertThat(lines.get(1)).contains(" method=GET uri=/nowhere status=404 ").endsWith(" client=-");
        assertThat(lines.get(2)).contains(" method=POST uri=/endpointcost/lookup status=413 ");
        assertThat(lines).allMatch(line -> line.contains(" remote=127.0.0.1 "));
    }

    private static int send(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
