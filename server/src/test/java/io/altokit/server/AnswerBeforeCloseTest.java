package io.altokit.server;

import io.altokit.model.MediaTypes;
import io.altokit.server.protection.Call;
import io.altokit.server.protection.Guard;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.Verdict;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that writes its whole request before reading (as most HTTP libraries do) reads the
 * server's answer even when the server refuses the request and closes: the server half-closes and
 * keeps reading (lingering close) instead of resetting the connection under the client's feet.
 */
class AnswerBeforeCloseTest {
    private static final int TIMES = 50;
    /** Twice the default max-request-bytes (1 MiB). */
    private static final byte[] TWO_MB_BODY = ecsBody(2 << 20);

    @Test
    void aWholeOversizedBodyWrittenBeforeReadingGetsThe413() throws Exception {
        try (ServerFixture fixture = new ServerFixture()) {
            for (int i = 0; i < TIMES; i++) {
                try (RawHttp client = new RawHttp(fixture.server.address())) {
                    RawHttp.Response answer = client.write(ecsHead(TWO_MB_BODY.length, "")).write(TWO_MB_BODY).read();
                    assertClosingError(answer, 413, "E_SYNTAX");
                    assertThat(client.endsCleanly()).as("closed in order after the answer, try %d", i).isTrue();
                }
            }
        }
    }

    @Test
    void anOversizedBodyAnnouncedWithExpectContinueGetsThe413WithItsErrorObjectInsteadOf100() throws Exception {
        try (ServerFixture fixture = new ServerFixture(); RawHttp client = new RawHttp(fixture.server.address())) {
            RawHttp.Response answer = client.write(ecsHead(TWO_MB_BODY.length, "Expect: 100-continue\r\n")).read();
            assertClosingError(answer, 413, "E_SYNTAX");
            assertThat(answer.body()).contains(Integer.toString(1 << 20));
            assertThat(client.endsCleanly()).isTrue();
        }
    }

    @Test
    void aBodyStillArrivingWhenTheDeadlinePassesGetsThe408() throws Exception {
        byte[] body = ecsBody(200_000);
        String headAndSomeBody = ecsHead(body.length, "") + new String(body, 0, 1000, StandardCharsets.US_ASCII);
        assertRestArrivingAfterTheDeadlineGetsThe408(headAndSomeBody, Arrays.copyOfRange(body, 1000, body.length));
    }

    @Test
    void aHeadStillArrivingWhenTheDeadlinePassesGetsThe408() throws Exception {
        StringBuilder restOfHead = new StringBuilder();
        while (restOfHead.length() < 200_000) {
            restOfHead.append("X-Filler: ").append("f".repeat(100)).append("\r\n");
        }
        assertRestArrivingAfterTheDeadlineGetsThe408(ecsHead(0, "").substring(0, 20),
                restOfHead.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The client sends {@code rest} after the deadline passed and reads only once all is sent. */
    private static void assertRestArrivingAfterTheDeadlineGetsThe408(String firstPart, byte[] rest) throws Exception {
        Duration deadline = Duration.ofSeconds(1);
        ManualDeadlines timers = new ManualDeadlines();
        try (ServerFixture fixture = new ServerFixture(ServerConfig.defaults().withPort(0).withRequestTimeout(deadline),
                TestNetwork.snapshot(), Protection.none(), timers)) {
            for (int i = 0; i < TIMES; i++) {
                try (RawHttp client = new RawHttp(fixture.server.address())) {
                    client.write(firstPart);
                    timers.awaitArmed();
                    timers.advance(deadline);
                    RawHttp.Response answer = client.write(rest).read();
                    assertClosingError(answer, 408, "E_SYNTAX");
                    assertThat(client.endsCleanly()).as("closed in order after the answer, try %d", i).isTrue();
                }
            }
        }
    }

    @Test
    void aRequestRefusedUnderOverloadGetsThe503AndTheConnectionIsClosedInOrder() throws Exception {
        HeldRequests held = new HeldRequests();
        try (ServerFixture fixture = new ServerFixture(ServerConfig.defaults().withPort(0).withConcurrencyLimit(1, 1, false),
                TestNetwork.snapshot(), new Protection(List.of(held), List.of()));
             HttpClient http = HttpClient.newHttpClient()) {
            CompletableFuture<HttpResponse<String>> admitted = http.sendAsync(
                    HttpRequest.newBuilder(fixture.uri("/networkmap")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(held.arrived.await(10, TimeUnit.SECONDS)).as("the one slot taken").isTrue();
            for (int i = 0; i < TIMES; i++) {
                try (RawHttp client = new RawHttp(fixture.server.address())) {
                    RawHttp.Response answer = client.write(ecsHead(TWO_MB_BODY.length, "")).write(TWO_MB_BODY).read();
                    assertClosingError(answer, 503, "E_OVERLOADED");
                    assertThat(answer.header("retry-after")).contains("1");
                    assertThat(client.endsCleanly()).as("closed in order after the answer, try %d", i).isTrue();
                }
            }
            held.release.countDown();
            assertThat(admitted.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRefusedRequestLeavesNoDeadlineRunningOnItsKeptConnection() throws Exception {
        Duration deadline = Duration.ofSeconds(1);
        ManualDeadlines timers = new ManualDeadlines();
        HeldRequests held = new HeldRequests();
        ServerConfig config = ServerConfig.defaults().withPort(0).withConcurrencyLimit(1, 1, false).withRequestTimeout(deadline);
        try (ServerFixture fixture = new ServerFixture(config, TestNetwork.snapshot(), new Protection(List.of(held), List.of()), timers);
             HttpClient http = HttpClient.newHttpClient();
             RawHttp client = new RawHttp(fixture.server.address())) {
            CompletableFuture<HttpResponse<String>> admitted = http.sendAsync(
                    HttpRequest.newBuilder(fixture.uri("/networkmap")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(held.arrived.await(10, TimeUnit.SECONDS)).as("the one slot taken").isTrue();

            RawHttp.Response refused = client.write("GET /directory HTTP/1.1\r\nHost: alto\r\n\r\n").read();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.closes()).as("a request without a body keeps its connection").isFalse();
            held.release.countDown();
            assertThat(admitted.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

            assertThat(timers.awaitNoneArmed()).as("the refused request's deadline disarmed").isTrue();
            assertThat(timers.advance(deadline.multipliedBy(2))).as("no deadline left running").isZero();
            assertThat(client.write("GET /directory HTTP/1.1\r\nHost: alto\r\n\r\n").read().status())
                    .as("the kept connection serves the next request").isEqualTo(200);
        }
    }

    static void assertClosingError(RawHttp.Response answer, int status, String code) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("content-type")).contains(MediaTypes.ERROR);
        assertThat(answer.body()).contains("\"code\":\"" + code + "\"");
        assertThat(answer.closes()).as("Connection: close").isTrue();
    }

    private static String ecsHead(int length, String extraHeaders) {
        return "POST /endpointcost/lookup HTTP/1.1\r\nHost: alto\r\nContent-Type: " + MediaTypes.ENDPOINT_COST_PARAMS
                + "\r\nContent-Length: " + length + "\r\n" + extraHeaders + "\r\n";
    }

    /** A syntactically valid ECS request padded with destinations up to {@code size} bytes. */
    private static byte[] ecsBody(int size) {
        StringBuilder body = new StringBuilder("{\"cost-type\":{\"cost-mode\":\"numerical\",\"cost-metric\":\"routingcost\"},"
                + "\"endpoints\":{\"srcs\":[\"ipv4:10.1.0.1\"],\"dsts\":[\"ipv4:10.2.0.1\"");
        while (body.length() < size - 40) {
            body.append(",\"ipv4:10.2.0.1\"");
        }
        body.append("]}}");
        return body.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Holds network map requests in the server until released. */
    private static final class HeldRequests implements Guard {
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Verdict check(Call call) {
            if (call.request().path().equals("/networkmap")) {
                arrived.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Verdict.pass(call);
        }
    }
}
