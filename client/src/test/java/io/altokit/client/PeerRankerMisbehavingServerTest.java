package io.altokit.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What an application gets from a server that misbehaves: its candidates, unranked, with the reason, in time. */
class PeerRankerMisbehavingServerTest {
    /** How a fake server answers every request. */
    enum Behaviour { WRONG_MEDIA_TYPE, INVALID_JSON, MISSING_FIELDS, HANGS }

    private HttpServer http;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (http != null) {
            http.stop(0);
        }
    }

    @ParameterizedTest
    @EnumSource(Behaviour.class)
    void theCandidatesComeBackUnrankedWithTheReason(Behaviour behaviour) throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.createContext("/", exchange -> answer(exchange, behaviour));
        http.start();
        URI directory = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/directory");
        List<InetAddress> candidates = List.of(InetAddress.getByName("10.2.0.9"), InetAddress.getByName("10.1.0.9"));
        for (PeerRanker.Strategy strategy : PeerRanker.Strategy.values()) {
            try (AltoClient client = AltoClient.builder(directory).requestTimeout(Duration.ofMillis(400)).maxAttempts(1).build()) {
                long started = System.nanoTime();
                Ranking ranking = PeerRanker.builder(client).strategy(strategy).build()
                        .rank(InetAddress.getByName("10.1.0.1"), candidates);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as(behaviour + " " + strategy)
                        .isLessThan(Duration.ofSeconds(3));
                assertThat(ranking.status()).as(behaviour + " " + strategy).isEqualTo(Ranking.Status.UNAVAILABLE);
                assertThat(ranking.reason()).as(behaviour + " " + strategy).isPresent();
                assertThat(ranking.peers()).extracting(RankedPeer::address).containsExactlyElementsOf(candidates);
            }
        }
    }

    private void answer(HttpExchange exchange, Behaviour behaviour) throws IOException {
        try (exchange) {
            switch (behaviour) {
                case WRONG_MEDIA_TYPE -> send(exchange, "text/html", "<html>captive portal</html>");
                case INVALID_JSON -> send(exchange, "application/alto-directory+json", "{\"meta\": {");
                case MISSING_FIELDS -> send(exchange, "application/alto-directory+json", "{\"meta\": {}}");
                case HANGS -> {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    private static void send(HttpExchange exchange, String mediaType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", mediaType);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
