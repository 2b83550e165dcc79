package io.altokit.server;

import io.altokit.server.protection.Protection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Slowloris: a request trickled byte by byte gets 408 and loses its connection; everyone else is served. */
class RequestDeadlineTest {
    private static final Duration DEADLINE = Duration.ofMillis(400);
    /** The trickle gives up long after the deadline would have passed, so a server without one fails the test instead of hanging. */
    private static final int MAX_TRICKLED_BYTES = 80;
    private static final String BODY = "{\"cost-type\": {\"cost-metric\": \"routingcost\", \"cost-mode\": \"numerical\"},"
            + " \"endpoints\": {\"srcs\": [\"ipv4:10.1.0.1\"], \"dsts\": [\"ipv4:10.2.0.1\"]}}";
    private static final String HEAD = "POST /endpointcost/lookup HTTP/1.1\r\nHost: alto\r\n"
            + "Content-Type: application/alto-endpointcostparams+json\r\nAccept: application/alto-endpointcost+json\r\n"
            + "Content-Length: " + BODY.length() + "\r\n\r\n";
    private static final ManualDeadlines deadlines = new ManualDeadlines();
    private static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(ServerConfig.defaults().withPort(0).withRequestTimeout(DEADLINE),
                TestNetwork.snapshot(), Protection.none(), deadlines);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aTrickledBodyIsAnswered408AndClosedWhileOthersAreServed() throws Exception {
        assertTrickleIsCutOff(HEAD, BODY);
    }

    @Test
    void trickledHeadersAreAnswered408AndClosed() throws Exception {
        assertTrickleIsCutOff("", HEAD + BODY);
    }

    @Test
    void idleTimeBetweenKeepAliveRequestsDoesNotCount() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write((HEAD + BODY).getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
            // Idle on purpose: longer than the request deadline, far shorter than the idle timeout.
            assertThat(deadlines.advance(DEADLINE.multipliedBy(2))).as("no deadline runs between requests").isZero();
            out.write((HEAD + BODY).getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
        }
    }

    private static void assertTrickleIsCutOff(String sentAtOnce, String trickled) throws Exception {
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(sentAtOnce.getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = trickled.getBytes(StandardCharsets.US_ASCII);
            AtomicInteger sent = new AtomicInteger();
            trickler.scheduleAtFixedRate(() -> {
                int next = sent.getAndIncrement();
                if (next >= Math.min(bytes.length, MAX_TRICKLED_BYTES)) {
                    throw new IllegalStateException("done trickling"); // ends the schedule
                }
                try {
                    out.write(bytes[next]);
                    out.flush();
                } catch (IOException closedByServer) {
                    throw new IllegalStateException(closedByServer);
                }
            }, 0, 50, TimeUnit.MILLISECONDS);

            deadlines.awaitArmed();
            assertThat(fixture.get("/directory").statusCode()).as("another client meanwhile").isEqualTo(200);
            deadlines.advance(DEADLINE);
            String answer = readResponse(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 408").contains("application/alto-error+json").contains("E_SYNTAX");
            assertThat(sent.get()).as("cut off before the whole request was trickled").isLessThan(bytes.length);
            assertThat(socket.getInputStream().read()).as("connection closed").isEqualTo(-1);
        } finally {
            trickler.shutdownNow();
            assertThat(trickler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(fixture.server.address().getAddress(), fixture.server.address().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** One response: headers, then as many body bytes as Content-Length says. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = headers.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring(15).strip())).findFirst().orElse(0);
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
