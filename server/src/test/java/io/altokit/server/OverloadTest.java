package io.altokit.server;

import io.altokit.server.protection.Guard;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.Verdict;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.altokit.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Overload shedding: a bounded number of requests in the server, the rest refused with 503 after a bounded wait. */
class OverloadTest {
    private static final int LIMIT = 4;

    /** Holds every network map request until released, so the test controls how many are in flight. */
    private static final class Gate implements Guard {
        final CountDownLatch open = new CountDownLatch(1);
        final CountDownLatch arrived = new CountDownLatch(LIMIT);

        @Override
        public Verdict check(io.altokit.server.protection.Call call) {
            if (call.request().path().equals("/networkmap")) {
                arrived.countDown();
                try {
                    open.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Verdict.pass(call);
        }
    }

    private static ServerConfig limited() {
        return ServerConfig.defaults().withPort(0).withConcurrencyLimit(LIMIT, LIMIT, false);
    }

    @Test
    void requestsBeyondTheLimitAreRefusedAfterABoundedWaitWithRetryAfterWhileAdmittedOnesComplete() throws Exception {
        Gate gate = new Gate();
        try (ServerFixture fixture = new ServerFixture(limited(), TestNetwork.snapshot(), new Protection(List.of(gate), List.of()));
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            List<CompletableFuture<HttpResponse<byte[]>>> admitted = new ArrayList<>();
            for (int i = 0; i < LIMIT; i++) {
                admitted.add(http.sendAsync(get(fixture.uri("/networkmap")), HttpResponse.BodyHandlers.ofByteArray()));
            }
            assertThat(gate.arrived.await(10, TimeUnit.SECONDS)).as("all %d requests admitted", LIMIT).isTrue();

            HttpResponse<byte[]> refused = http.send(get(fixture.uri("/directory")), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/alto-error+json");
            assertThat(json(refused).at("/meta/code").asText()).isEqualTo("E_OVERLOADED");

            gate.open.countDown();
            for (CompletableFuture<HttpResponse<byte[]>> response : admitted) {
                assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            assertThat(http.send(get(fixture.uri("/directory")), HttpResponse.BodyHandlers.ofByteArray()).statusCode())
                    .as("served again once load is gone").isEqualTo(200);
        }
    }

    @Test
    void anAdaptiveLimitStartsBelowItsCeilingAndStillAnswersWhatItAdmits() throws Exception {
        Gate gate = new Gate();
        int workers = 1;
        int requests = 10;
        ServerConfig adaptive = ServerConfig.defaults().withPort(0).withConcurrencyLimit(64, workers, true);
        try (ServerFixture fixture = new ServerFixture(adaptive, TestNetwork.snapshot(), new Protection(List.of(gate), List.of()));
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                responses.add(http.sendAsync(get(fixture.uri("/networkmap")), HttpResponse.BodyHandlers.ofByteArray()));
            }
            // No answer completes while the gate holds the admitted ones, so the limit cannot move:
            // it stays at its initial two requests per worker, far below the ceiling of 64. The others
            // are refused meanwhile, however long a loaded machine takes to get there.
            CountDownLatch refusals = new CountDownLatch(requests - 2 * workers);
            responses.forEach(response -> response.thenRun(refusals::countDown));
            assertThat(refusals.await(10, TimeUnit.SECONDS)).as("all but the admitted answered while the gate holds").isTrue();
            List<Integer> whileHeld = responses.stream().filter(CompletableFuture::isDone)
                    .map(response -> response.join().statusCode()).toList();
            gate.open.countDown();
            long answered = 0;
            for (CompletableFuture<HttpResponse<byte[]>> response : responses) {
                answered += response.get(10, TimeUnit.SECONDS).statusCode() == 200 ? 1 : 0;
            }
            assertThat(answered).isEqualTo(2L * workers);
            assertThat(whileHeld).hasSize(requests - 2 * workers).containsOnly(503);
        }
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
        AtomicBoolean secondStartedEarly = new AtomicBoolean();
        CountDownLatch secondStarted = new CountDownLatch(1);
        Guard holdFirst = call -> {
            if (call.request().path().equals("/directory")) {
                secondStarted.countDown();
            } else {
                try {
                    // If the pipelined second request were dispatched concurrently, it would arrive here.
                    secondStartedEarly.set(secondStarted.await(300, TimeUnit.MILLISECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Verdict.pass(call);
        };
        try (ServerFixture fixture = new ServerFixture(limited(), TestNetwork.snapshot(), new Protection(List.of(holdFirst), List.of()));
             Socket socket = new Socket(fixture.server.address().getAddress(), fixture.server.address().getPort())) {
            socket.setSoTimeout(10_000);
            String requests = "GET /networkmap HTTP/1.1\r\nHost: x\r\n\r\nGET /directory HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answers = readAll(socket.getInputStream());

            assertThat(secondStartedEarly).isFalse();
            assertThat(answers.indexOf("application/alto-networkmap+json"))
                    .isGreaterThanOrEqualTo(0)
                    .isLessThan(answers.indexOf("application/alto-directory+json"));
        }
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }
}
