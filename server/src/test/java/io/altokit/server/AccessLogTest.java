package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altokit.core.time.ManualTicker;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogTest {
    private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T09:14:03.127Z"), ZoneOffset.UTC);

    private final ManualTicker ticker = new ManualTicker();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private AccessLog log(AccessLineFormat format, WritableByteChannel out, int halfBytes) {
        return new AccessLog(new BatchingWriter(out, halfBytes, "test-log", ticker), format, ticker, CLOCK);
    }

    private List<String> lines() {
        return output.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aTextLineHoldsEachFieldOnce() {
        try (AccessLog log = log(AccessLineFormat.TEXT, Channels.newChannel(output), 4096)) {
            long started = ticker.read();
            ticker.advance(java.time.Duration.ofNanos(83_400));
            log.record(REMOTE, "POST", "/endpointcost/lookup", 200, 2714, started, Optional.of("app1"));
        }
        assertThat(lines()).containsExactly("09:14:03.127 INFO access remote=127.0.0.1 method=POST "
                + "uri=/endpointcost/lookup status=200 bytes=2714 micros=83 client=app1");
    }

    @Test
    void controlBytesInTheUriAreEscapedNeverWrittenRaw() {
        try (AccessLog log = log(AccessLineFormat.TEXT, Channels.newChannel(output), 4096)) {
            log.record(REMOTE, "GET", "/x\u001b[2J\u0000 \"y\\\u00e9", 404, 0, ticker.read(), Optional.empty());
        }
        String line = lines().getFirst();
        assertThat(line).contains(" uri=/x\\x1b[2J\\x00\\x20\\x22y\\x5c\\xe9 status=404 ").endsWith(" client=-");
        assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Test
    void aJsonLineIsOneObjectWithTheFieldsAndTheUriAsSent() throws Exception {
        String uri = "/x\u001b[2J\u0000\"\\";
        try (AccessLog log = log(AccessLineFormat.JSON, Channels.newChannel(output), 4096)) {
            log.record(REMOTE, "GET", uri, 503, 120, ticker.read(), Optional.empty());
            log.record(REMOTE, "POST", "/costmap/filtered", 200, 9, ticker.read(), Optional.of("ops \"team\""));
        }
        List<String> lines = lines();
        assertThat(lines).hasSize(2).allMatch(line -> line.chars().allMatch(c -> c >= 0x20 && c < 0x7f));
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("loggerName").asText()).isEqualTo("io.altokit.access");
        assertThat(first.get("formattedMessage").asText()).isEqualTo("answered");
        assertThat(first.get("timestamp").asLong()).isEqualTo(CLOCK.millis());
        assertThat(first.get("uri").asText()).isEqualTo(uri);
        assertThat(first.get("status").asInt()).isEqualTo(503);
        assertThat(first.get("bytes").asInt()).isEqualTo(120);
        assertThat(first.get("remote").asText()).isEqualTo("127.0.0.1");
        assertThat(first.get("client").isNull()).isTrue();
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("client").asText()).isEqualTo("ops \"team\"");
    }

    @Test
    void aLongUriIsCutAndMarked() {
        String uri = "/" + "a".repeat(AccessLineFormat.MAX_VALUE_CHARS * 2);
        try (AccessLog log = log(AccessLineFormat.TEXT, Channels.newChannel(output), 64 * 1024)) {
            log.record(REMOTE, "GET", uri, 414, 0, ticker.read(), Optional.empty());
        }
        assertThat(lines().getFirst()).contains(" uri=" + uri.substring(0, AccessLineFormat.MAX_VALUE_CHARS) + "... ");
    }

    @Test
    void whenTheOutputStallsLinesAreDroppedAndCountedAndTheRestWrittenWhole() {
        CountDownLatch released = new CountDownLatch(1);
        WritableByteChannel stalled = new WritableByteChannel() {
            private final WritableByteChannel target = Channels.newChannel(output);

            @Override
            public int write(ByteBuffer src) throws java.io.IOException {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return target.write(src);
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        int offered = 200;
        long dropped;
        // Two halves of 1 KB hold at most 2 KB of lines while the output does not move.
        try (AccessLog log = log(AccessLineFormat.TEXT, stalled, 1024)) {
            for (int i = 0; i < offered; i++) {
                log.record(REMOTE, "GET", "/networkmap?n=" + i, 200, i, ticker.read(), Optional.empty());
            }
            dropped = log.dropped();
            released.countDown();
        }
        List<String> lines = lines();
        assertThat(dropped).isGreaterThan(offered - 2 * 1024 / 100);
        assertThat(lines).hasSize(offered - (int) dropped)
                .allMatch(line -> line.matches("09:14:03\\.127 INFO access .* client=-"));
    }
}
