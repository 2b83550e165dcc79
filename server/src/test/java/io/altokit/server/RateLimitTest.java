package io.altokit.server;

import io.altokit.server.protection.Protection;
import io.altokit.server.protection.ratelimit.Rate;
import io.altokit.server.protection.ratelimit.RateLimit;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-caller token buckets over real HTTP. Without the limit every 429 below would be a 200. */
class RateLimitTest {

    @Test
    void aCallerOverItsBurstGets429WithRetryAfterAndAnErrorObject() throws Exception {
        Protection limited = new Protection(List.of(new RateLimit(new Rate(1, 3), Map.of(), 1000)), List.of());
        try (ServerFixture fixture = new ServerFixture(limited)) {
            for (int i = 0; i < 3; i++) {
                assertThat(fixture.get("/networkmap").statusCode()).isEqualTo(200);
            }
            HttpResponse<byte[]> refused = fixture.get("/networkmap");

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(ServerFixture.json(refused).at("/meta/code").asText()).isEqualTo("E_RATE_LIMITED");
        }
    }

    @Test
    void otherCallersStayServedWhileOneFloods() throws Exception {
        Protection limited = new Protection(List.of(new RateLimit(new Rate(20, 20), Map.of(), 1000)), List.of());
        AtomicBoolean flooding = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ServerFixture fixture = new ServerFixture(limited)) {
            List<Future<int[]>> floods = new ArrayList<>();
            for (int thread = 0; thread < 3; thread++) {
                floods.add(pool.submit(() -> flood(fixture, flooding)));
            }
            List<Integer> neighbour = new ArrayList<>();
            try (LoopbackCaller other = new LoopbackCaller("127.0.0.2")) {
                for (int i = 0; i < 10; i++) {
                    neighbour.add(other.get(fixture.uri("/networkmap")).statusCode());
                }
            } finally {
                flooding.set(false);
            }
            int refused = 0;
            for (Future<int[]> flood : floods) {
                refused += flood.get(30, TimeUnit.SECONDS)[1];
            }
            assertThat(neighbour).containsOnly(200);
            assertThat(refused).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Requests from 127.0.0.1 as fast as answers come, at most 2000 or 10 s: {admitted, refused}. */
    private static int[] flood(ServerFixture fixture, AtomicBoolean flooding) throws Exception {
        int[] counts = new int[2];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < 2000 && flooding.get() && System.nanoTime() < deadline; i++) {
            counts[fixture.get("/networkmap").statusCode() == 429 ? 1 : 0]++;
        }
        return counts;
    }

    @Test
    void namedClientsCanHaveTheirOwnRate() throws Exception {
        Protection limited = new Protection(List.of(
                call -> io.altokit.server.protection.Verdict.pass(call.withCaller(call.caller().named("big"))),
                new RateLimit(new Rate(1, 1), Map.of("big", new Rate(100, 100)), 1000)), List.of());
        try (ServerFixture fixture = new ServerFixture(limited)) {
            for (int i = 0; i < 10; i++) {
                assertThat(fixture.get("/networkmap").statusCode()).isEqualTo(200);
            }
        }
    }
}
