package io.altokit.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.altokit.model.MediaTypes;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client pipelining far more requests than the server holds at once, against a concurrency limit:
 * every request is answered (or refused with 503) in order on the same connection — no reset, no
 * stack trace in the log.
 */
class PipeliningUnderLimitTest {
    private static final int REQUESTS = 1000;

    @Test
    void aThousandPipelinedRequestsGetAThousandAnswersInOrder() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try (ServerFixture fixture = new ServerFixture(ServerConfig.defaults().withPort(0).withConcurrencyLimit(2, 2, false));
             RawHttp client = new RawHttp(fixture.server.address())) {
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < REQUESTS; i++) {
                requests.append("GET ").append(i % 2 == 0 ? "/directory" : "/networkmap").append(" HTTP/1.1\r\nHost: alto\r\n")
                        .append(i == REQUESTS - 1 ? "Connection: close\r\n" : "").append("\r\n");
            }
            // Written while the answers are read, as a pipelining client does: neither side's buffers fill up.
            CompletableFuture<RawHttp> written = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.write(requests.toString());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            for (int i = 0; i < REQUESTS; i++) {
                RawHttp.Response answer = client.read();
                assertThat(answer.status()).as("answer %d", i).isIn(200, 503);
                if (answer.status() == 200) {
                    assertThat(answer.header("content-type")).as("answer %d in order", i)
                            .contains(i % 2 == 0 ? MediaTypes.DIRECTORY : MediaTypes.NETWORK_MAP);
                }
            }
            written.get(10, TimeUnit.SECONDS);
            assertThat(client.endsCleanly()).isTrue();
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).as("no stack trace logged").noneMatch(event -> event.getThrowableProxy() != null);
    }
}
