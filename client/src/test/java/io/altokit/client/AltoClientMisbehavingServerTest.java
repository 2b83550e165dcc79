package io.altokit.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.altokit.model.AltoError;
import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import io.altokit.model.ErrorCode;
import io.altokit.model.MediaTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tiny JDK HTTP server that answers badly, one way per test. */
@Timeout(20)
class AltoClientMisbehavingServerTest {
    private static final String DIRECTORY = ("{'meta':{'cost-types':{'num-routing':{'cost-mode':'numerical','cost-metric':'routingcost'}},"
            + "'default-alto-network-map':'nm'},'resources':{"
            + "'nm':{'uri':'/nm','media-type':'application/alto-networkmap+json'},"
            + "'cm':{'uri':'/cm','media-type':'application/alto-costmap+json','capabilities':{'cost-type-names':['num-routing']},'uses':['nm']}}}")
            .replace('\'', '"');
    private static final String NETWORK_MAP = "{'meta':{'vtag':{'resource-id':'nm','tag':'v1'}},'network-map':{'a':{'ipv4':['10.0.0.0/8']}}}"
            .replace('\'', '"');

    /** One response: status, headers, body; or a handler that never completes. */
    private record Answer(int status, String contentType, Map<String, String> headers, String body, boolean hang, boolean hangBody) {
        static Answer ok(String contentType, String body) {
            return new Answer(200, contentType, Map.of(), body, false, false);
        }
    }

    private HttpServer http;
    private ExecutorService threads;
    private final CountDownLatch release = new CountDownLatch(1);
    /** Answers per path, taken in order; the last one repeats. */
    private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        threads = Executors.newCachedThreadPool();
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        http.start();
        answer("/directory", Answer.ok(MediaTypes.DIRECTORY, DIRECTORY));
    }

    @AfterEach
    void stop() {
        release.countDown();
        http.stop(0);
        threads.shutdownNow();
    }

    private void answer(String path, Answer... sequence) {
        answers.put(path, List.of(sequence));
    }

    private int hits(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            arrivals.add(System.nanoTime());
            int hit = hits.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
            List<Answer> sequence = answers.get(path);
            if (sequence == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Answer answer = sequence.get(Math.min(hit, sequence.size() - 1));
            if (answer.hang()) {
                release.await();
                return;
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            if (answer.hangBody()) {
                exchange.sendResponseHeaders(answer.status(), body.length + 100L);
                OutputStream out = exchange.getResponseBody();
                out.write(body);
                out.flush();
                release.await();
                return;
            }
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI directoryUri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/directory");
    }

    private AltoClient.Builder client() {
        return AltoClient.builder(directoryUri()).requestTimeout(Duration.ofSeconds(5));
    }

    @Test
    void retriesA503AfterItsRetryAfterSeconds() {
        answer("/directory", new Answer(503, "text/plain", Map.of("Retry-After", "1"), "busy", false, false),
                Answer.ok(MediaTypes.DIRECTORY, DIRECTORY));
        try (AltoClient alto = client().build()) {
            assertThat(alto.directory().defaultNetworkMap()).contains("nm");
            assertThat(hits("/directory")).isEqualTo(2);
            assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(alto.stats().retries()).isEqualTo(1);
        }
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredAgainstTheClock() {
        Instant now = Instant.parse("2025-01-01T12:00:00Z");
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(3).atOffset(ZoneOffset.UTC));
        answer("/directory", new Answer(503, null, Map.of("Retry-After", date), "", false, false),
                Answer.ok(MediaTypes.DIRECTORY, DIRECTORY));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        try (AltoClient alto = client().clock(Clock.fixed(now, ZoneOffset.UTC)).sleeper(waits::add).build()) {
            alto.directory();
        }
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3300));
    }

    @Test
    void persistentOverloadGivesUpAfterTheAttemptsWithTheServersRetryAfter() {
        answer("/directory", new Answer(503, null, Map.of("Retry-After", "2"), "", false, false));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        try (AltoClient alto = client().maxAttempts(3).sleeper(waits::add).build()) {
            assertThatThrownBy(alto::directory).isInstanceOfSatisfying(AltoStatusException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
            });
        }
        assertThat(hits("/directory")).isEqualTo(3);
        assertThat(waits).hasSize(2).allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void aRetryAfterBeyondTheBudgetIsNotWaitedFor() {
        answer("/directory", new Answer(503, null, Map.of("Retry-After", "3600"), "", false, false));
        try (AltoClient alto = client().retryBudget(Duration.ofSeconds(10)).build()) {
            assertThatThrownBy(alto::directory).isInstanceOf(AltoStatusException.class);
        }
        assertThat(hits("/directory")).isEqualTo(1);
    }

    @Test
    void backsOffWithJitterWithoutRetryAfter() {
        answer("/directory", new Answer(502, null, Map.of(), "", false, false),
                new Answer(504, null, Map.of(), "", false, false), Answer.ok(MediaTypes.DIRECTORY, DIRECTORY));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        try (AltoClient alto = client().backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).sleeper(waits::add).build()) {
            alto.directory();
        }
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void a400IsNeverRetried() {
        answer("/directory", new Answer(400, MediaTypes.ERROR, Map.of(),
                "{\"meta\":{\"code\":\"E_SYNTAX\",\"syntax-error\":\"nope\"}}", false, false));
        try (AltoClient alto = client().sleeper(wait -> { throw new AssertionError("no retry expected"); }).build()) {
            assertThatThrownBy(alto::directory).isInstanceOfSatisfying(AltoErrorResponseException.class,
                    e -> assertThat(e.error()).isEqualTo(AltoError.syntax("nope")));
        }
        assertThat(hits("/directory")).isEqualTo(1);
    }

    @Test
    void aPlain404IsAStatusException() {
        answer("/directory", new Answer(404, "text/plain", Map.of(), "not here", false, false));
        try (AltoClient alto = client().build()) {
            assertThatThrownBy(alto::directory).isInstanceOfSatisfying(AltoStatusException.class,
                    e -> assertThat(e.status()).isEqualTo(404)).hasMessageContaining("not here");
        }
        assertThat(hits("/directory")).isEqualTo(1);
    }

    @Test
    void wrongMediaType() {
        answer("/directory", Answer.ok("application/json", DIRECTORY));
        try (AltoClient alto = client().build()) {
            assertThatThrownBy(alto::directory).isInstanceOfSatisfying(AltoProtocolException.class,
                    e -> assertThat(e.problem()).isEqualTo(AltoProtocolException.Problem.WRONG_MEDIA_TYPE))
                    .hasMessageContaining("application/json");
        }
    }

    @Test
    void mediaTypeParametersAreIgnored() {
        answer("/directory", Answer.ok(MediaTypes.DIRECTORY + "; charset=utf-8", DIRECTORY));
        try (AltoClient alto = client().build()) {
            assertThat(alto.directory().resources()).containsKeys("nm", "cm");
        }
    }

    @Test
    void invalidJson() {
        answer("/directory", Answer.ok(MediaTypes.DIRECTORY, "{\"meta\":{"));
        try (AltoClient alto = client().build()) {
            assertThatThrownBy(alto::directory).isInstanceOfSatisfying(AltoProtocolException.class, e -> {
                assertThat(e.problem()).isEqualTo(AltoProtocolException.Problem.MALFORMED_BODY);
                assertThat(e.detail()).map(AltoError::code).contains(ErrorCode.E_SYNTAX);
            });
        }
    }

    @Test
    void missingFieldIsNamedByPath() {
        answer("/nm", Answer.ok(MediaTypes.NETWORK_MAP, "{\"meta\":{\"vtag\":{\"resource-id\":\"nm\"}},\"network-map\":{}}"));
        try (AltoClient alto = client().build()) {
            assertThatThrownBy(alto::networkMap).isInstanceOfSatisfying(AltoProtocolException.class,
                    e -> assertThat(e.detail()).contains(AltoError.missingField("meta/vtag/tag")))
                    .hasMessageContaining("meta/vtag/tag");
        }
    }

    @Test
    void aCostMapForAnotherNetworkMapVersionIsAVtagMismatch() {
        answer("/nm", Answer.ok(MediaTypes.NETWORK_MAP, NETWORK_MAP));
        answer("/cm", Answer.ok(MediaTypes.COST_MAP, ("{'meta':{'dependent-vtags':[{'resource-id':'nm','tag':'v2'}],"
                + "'cost-type':{'cost-mode':'numerical','cost-metric':'routingcost'}},'cost-map':{'a':{'a':1}}}").replace('\'', '"')));
        try (AltoClient alto = client().build()) {
            assertThatThrownBy(() -> alto.costMap(new CostType("routingcost", CostMode.NUMERICAL)))
                    .isInstanceOfSatisfying(AltoProtocolException.class,
                            e -> assertThat(e.problem()).isEqualTo(AltoProtocolException.Problem.VTAG_MISMATCH))
                    .hasMessageContaining("v2").hasMessageContaining("v1");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        answer("/directory", new Answer(200, null, Map.of(), "", true, false));
        long start = System.nanoTime();
        try (AltoClient alto = client().requestTimeout(Duration.ofMillis(300)).build()) {
            assertThatThrownBy(alto::directory).isInstanceOf(AltoTransportException.class).hasMessageContaining("300 ms");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(hits("/directory")).as("a timed-out query is not repeated").isEqualTo(1);
    }

    @Test
    void aBodyThatStallsHalfWayTimesOut() {
        answer("/directory", new Answer(200, MediaTypes.DIRECTORY, Map.of(), "{\"meta\":", false, true));
        long start = System.nanoTime();
        try (AltoClient alto = client().requestTimeout(Duration.ofMillis(300)).build()) {
            assertThatThrownBy(alto::directory).isInstanceOf(AltoTransportException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anUnreachableServerFailsAfterBoundedAttempts() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<Duration> waits = new CopyOnWriteArrayList<>();
        try (AltoClient alto = AltoClient.builder(URI.create("http://127.0.0.1:" + port + "/directory"))
                .maxAttempts(2).sleeper(waits::add).build()) {
            assertThatThrownBy(alto::directory).isInstanceOf(AltoTransportException.class).hasMessageContaining("connect");
        }
        assertThat(waits).hasSize(1);
    }

    @Test
    void retryAfterParsing() {
        Instant now = Instant.parse("2025-01-01T12:00:00Z");
        assertThat(Transport.parseRetryAfter("120", now)).contains(Duration.ofMinutes(2));
        assertThat(Transport.parseRetryAfter("Wed, 01 Jan 2025 12:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(Transport.parseRetryAfter("Wed, 01 Jan 2025 11:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(Transport.parseRetryAfter("soon", now)).isEqualTo(Optional.empty());
        assertThat(Transport.parseRetryAfter("-5", now)).isEqualTo(Optional.empty());
    }
}
