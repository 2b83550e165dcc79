package io.altokit.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A pipelining client that never reads its answers: the server stops reading from it, then closes it. */
class UntakenAnswersTest {
    /**
     * Batches of pipelined requests: 80 MB in all, far more than the socket buffers of both sides hold,
     * so without back-pressure the server would read them all and queue their answers.
     */
    private static final int BATCHES = 2_000;
    private static final byte[] BATCH = "GET /networkmap HTTP/1.1\r\nHost: alto\r\n\r\n".repeat(1_000)
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void aClientThatNeverReadsIsNoLongerReadAndIsClosedAfterTheBound() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(UntakenAnswers.class);
        log.start();
        logger.addAppender(log);
        ServerConfig config = ServerConfig.defaults().withPort(0).withRequestTimeout(Duration.ofSeconds(1));
        try (ServerFixture fixture = new ServerFixture(config, TestNetwork.snapshot());
             Socket client = new Socket()) {
            client.setReceiveBufferSize(4096);
            client.connect(fixture.server.address(), 5_000);
            OutputStream out = client.getOutputStream();
            // Writes until the server stops reading (the write blocks) and then closes (the write fails).
            CompletableFuture<Integer> written = CompletableFuture.supplyAsync(() -> {
                int sent = 0;
                try {
                    for (; sent < BATCHES; sent++) {
                        out.write(BATCH);
                    }
                } catch (IOException closedByTheServer) {
                    return sent;
                }
                return sent;
            });
            assertThat(written.get(30, TimeUnit.SECONDS)).as("batches written before the server stopped reading and closed")
                    .isLessThan(BATCHES);
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .singleElement().asString().contains("took none of its answers for 1000 ms");
    }
}
