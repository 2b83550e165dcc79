package io.altokit.server;

import io.altokit.model.MediaTypes;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real concurrent load (many clients, heavy endpoint cost queries) against a server with a small
 * concurrency limit: every request gets either its answer or a well-formed 503 within a bounded wait —
 * never a timeout, a reset or a queue that grows without bound.
 */
class OverloadUnderLoadTest {
    private static final int CLIENTS = 24;
    private static final int REQUESTS_PER_CLIENT = 40;
    private static final ServerConfig QUIET_ONE_LOOP = new ServerConfig("127.0.0.1", 0, 1, 1 << 20, 10_000,
            ServerConfig.DEFAULT_NETWORK_MAP_ID, false, 0, 0, false);

    /**
     * Whether any request is refused depends on how fast this machine answers: a request waits up to
     * {@link Admission#MAX_WAIT} for a slot, so a fast machine keeps up with this flood and a busy one
     * sheds part of it. Either way every request gets its answer or a well-formed 503 (checked in
     * {@link #load}). That refusals come exactly when the wait runs out or the room is full is
     * {@link AdmissionTest}'s, on a manual clock.
     */
    @Test
    void underAFloodEveryRequestIsAnsweredOrRefusedWithAWellFormed503() throws Exception {
        Map<Integer, AtomicInteger> statuses = load(QUIET_ONE_LOOP.withConcurrencyLimit(2, 1, false));

        assertThat(statuses.keySet()).isSubsetOf(200, 503);
        assertThat(statuses.get(200).get()).as("still answered").isPositive();
        assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(CLIENTS * REQUESTS_PER_CLIENT);
    }

    @Test
    void withoutALimitTheSameLoadIsQueuedInsteadOfRefused() throws Exception {
        Map<Integer, AtomicInteger> statuses = load(QUIET_ONE_LOOP);

        assertThat(statuses.keySet()).containsOnly(200);
    }

    /** Each client sends its requests back to back (bounded in count and by a 60 s deadline); statuses by count. */
    private static Map<Integer, AtomicInteger> load(ServerConfig config) throws Exception {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        String body = heavyQuery();
        try (ServerFixture fixture = new ServerFixture(config, TestNetwork.snapshot());
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
             ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            HttpRequest request = HttpRequest.newBuilder(fixture.uri("/endpointcost/lookup"))
                    .header("Content-Type", MediaTypes.ENDPOINT_COST_PARAMS).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() == 503) {
                            assertThat(response.headers().firstValue("Retry-After")).isPresent();
                            assertThat(new String(response.body())).contains("E_OVERLOADED");
                        }
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(60, TimeUnit.SECONDS);
            }
        }
        return statuses;
    }

    /** 2,000 destinations: enough work per request that a burst of clients outruns one worker. */
    private static String heavyQuery() {
        String dsts = IntStream.range(0, 2000)
                .mapToObj(i -> "\"ipv4:10." + (1 + i % 2) + "." + (i / 250 % 250) + "." + (1 + i % 250) + "\"")
                .collect(Collectors.joining(","));
        return "{\"cost-type\":{\"cost-mode\":\"numerical\",\"cost-metric\":\"routingcost\"},"
                + "\"endpoints\":{\"srcs\":[\"ipv4:10.1.0.1\"],\"dsts\":[" + dsts + "]}}";
    }
}
