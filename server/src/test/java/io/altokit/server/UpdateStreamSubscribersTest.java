package io.altokit.server;

import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.model.MediaTypes;
import io.altokit.server.ops.Operations;
import io.altokit.server.ops.Scrape;
import io.altokit.server.update.UpdateStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Update streams (RFC 8895) with many subscribers, over real connections: thousands of idle
 * subscribers hold no thread each, leave the server answering, get the error object beyond the
 * limit, and each gets its patch of a change; a client that never reads is cut off once its unread
 * bytes pass the bound, while another stream goes on.
 */
class UpdateStreamSubscribersTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How often a condition is looked at again while awaited. */
    private static final Duration POLL = Duration.ofMillis(5);
    private static final String NM = ServerConfig.DEFAULT_NETWORK_MAP_ID;
    private static final String FOLLOW_NM = "{\"add\":{\"nm\":{\"resource-id\":\"" + NM + "\"}}}";

    private ServerFixture fixture;
    private final ExecutorService delivery = Executors.newSingleThreadExecutor();
    /** The JDK's client: asynchronous, so thousands of streams take no thread each on this side either. */
    private final HttpClient streams = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(delivery).build();

    @AfterEach
    void stop() {
        streams.shutdownNow();
        delivery.shutdownNow();
        if (fixture != null) {
            fixture.close();
        }
    }

    /** One subscriber's events, from the lines the client delivers: counted, the last one kept; comments skipped. */
    private static final class Events implements Flow.Subscriber<String> {
        private final StringBuilder event = new StringBuilder();
        private volatile int count;
        private volatile String last = "";

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!line.isEmpty()) {
                event.append(line).append('\n');
                return;
            }
            if (!event.isEmpty() && event.charAt(0) != ':') {
                last = event.toString();
                count++;
            }
            event.setLength(0);
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onComplete() {
        }
    }

    /** Opens a stream following the network map, with its own credentials (streams are limited per caller). */
    private Events subscribe(String caller) {
        Events events = new Events();
        streams.sendAsync(HttpRequest.newBuilder(fixture.uri(UpdateStreamResource.PATH))
                .header("Content-Type", MediaTypes.UPDATE_STREAM_PARAMS).header("Authorization", "Bearer " + caller)
                .POST(HttpRequest.BodyPublishers.ofString(FOLLOW_NM)).build(), HttpResponse.BodyHandlers.fromLineSubscriber(events));
        return events;
    }

    @Test
    void thousandsOfIdleSubscribersHoldNoThreadEachAndLeaveTheServerAnswering() throws Exception {
        int subscribers = 2_000;
        fixture = new ServerFixture(ServerConfig.defaults().withPort(0).withUpdateStreams(
                new UpdateStreams.Limits(subscribers, 8, 64, 64L << 20, Duration.ofMinutes(10))));
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Events> all = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            all.add(subscribe("subscriber-" + i));
        }
        await(() -> all.stream().allMatch(events -> events.count >= 2), "every subscriber's control event and full map");
        assertThat(all).allSatisfy(events -> assertThat(events.last).startsWith("event: " + MediaTypes.NETWORK_MAP + ",nm\n"));
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore)
                .as("threads added by %d streams, server and client side together", subscribers).isLessThan(50);

        assertThat(fixture.get("/networkmap").statusCode()).as("a GET meanwhile").isEqualTo(200);
        HttpResponse<byte[]> beyond = fixture.send(HttpRequest.newBuilder(fixture.uri(UpdateStreamResource.PATH))
                .header("Content-Type", MediaTypes.UPDATE_STREAM_PARAMS).header("Authorization", "Bearer one-too-many")
                .POST(HttpRequest.BodyPublishers.ofString(FOLLOW_NM)));
        assertThat(beyond.statusCode()).isEqualTo(503);
        assertThat(ServerFixture.json(beyond).at("/meta/code").asText()).isEqualTo("E_OVERLOADED");

        fixture.informationBase.publish(TestNetwork.builder().pid("d", List.of(IpPrefix.parse("10.9.0.0/16"))).build());
        await(() -> all.stream().allMatch(events -> events.count >= 3), "every subscriber's update");
        assertThat(all).allSatisfy(events -> assertThat(events.last).matches("(?s)event: application/(merge-patch|json-patch)\\+json,nm\n.*"));
    }

    @Test
    void aClientThatNeverReadsIsCutOffOnceItsUnreadBytesPassTheBoundWhileAnotherStreamGoesOn() throws Exception {
        fixture = new ServerFixture(ServerConfig.defaults().withPort(0).withUpdateStreams(
                new UpdateStreams.Limits(100, 8, 64, 64 << 10, Duration.ofSeconds(1))), network(0), Operations.onMainListener());
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(fixture.server.address());
            byte[] params = "{\"add\":{\"nm\":{\"resource-id\":\"%s\",\"incremental-changes\":false}}}".formatted(NM)
                    .getBytes(StandardCharsets.UTF_8);
            OutputStream out = stalled.getOutputStream();
            out.write(("POST " + UpdateStreamResource.PATH + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer stalled\r\n"
                    + "Content-Type: " + MediaTypes.UPDATE_STREAM_PARAMS + "\r\nContent-Length: " + params.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(params);
            out.flush();
            Events reader = subscribe("reader");
            await(() -> reader.count >= 2 && openStreams() == 2, "both streams open");
            assertThat(reader.last).as("the full map of 100 KB, written in pieces, arrived whole").isEqualTo("event: "
                    + MediaTypes.NETWORK_MAP + ",nm\ndata: " + new String(fixture.get("/networkmap").body(), StandardCharsets.UTF_8) + "\n");

            // Full maps of about 100 KB each for the stalled stream: a few MB fill the sockets' buffers, then 64 KiB wait in the server.
            int published = 0;
            while (openStreams() == 2) {
                assertThat(published).as("the stalled stream cut off within 300 publications").isLessThan(300);
                published++;
                fixture.informationBase.publish(network(published));
                int expected = 2 + published;
                await(() -> reader.count >= expected, "the reader's update " + published);
            }
            fixture.informationBase.publish(network(published + 1));
            int expected = 3 + published;
            await(() -> reader.count >= expected, "the reader's update after the cut");

            // What was already in the sockets' buffers, then the end (a read past it would time out).
            stalled.setSoTimeout((int) WAIT.toMillis());
            InputStream in = stalled.getInputStream();
            byte[] buffer = new byte[1 << 16];
            try {
                while (in.read(buffer) >= 0) {
                    // drained
                }
            } catch (SocketException reset) {
                // the cut may reach the client as a reset: an end too
            }
        }
    }

    /** PID a with 6,000 /24s (a network map of about 100 KB); PID b's one prefix differs in each version. */
    private static Snapshot network(int version) {
        List<IpPrefix> many = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            many.add(IpPrefix.parse("10." + (i / 256) + "." + (i % 256) + ".0/24"));
        }
        return Snapshot.builder().defaultPid("external").pid("a", many)
                .pid("b", List.of(IpPrefix.parse("172.16." + (version % 256) + ".0/24"))).build();
    }

    private int openStreams() throws IOException, InterruptedException {
        return (int) Scrape.of(fixture.get("/metrics").body()).value("alto_update_streams").orElseThrow();
    }

    private static void await(Check condition, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime() - deadline).as(what + " within " + WAIT).isNegative();
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
