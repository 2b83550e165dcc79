package io.altokit.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alto tracker} as the packaged jar: bad settings, no ALTO server, a clean stop. */
class TrackerCommandIT {
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @Test
    void refusesBadSettingsWithExitStatus2() throws Exception {
        Process tracker = AltoJar.processBuilder("tracker", "--port", "0", "--random-share", "2")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(tracker);
        assertThat(tracker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tracker.exitValue()).isEqualTo(2);
        assertThat(new String(tracker.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("alto tracker: the random share is a fraction from 0 to 1, got 2.0");
    }

    @Test
    void servesRandomListsWithoutItsAltoServerAndStopsCleanly(@TempDir Path dir) throws Exception {
        int closed = started.add(FreePorts.refusing()).port();
        Path log = dir.resolve("tracker.log");
        Process tracker = AltoJar.start(log, "tracker", "--port", "0", "--bind", "127.0.0.1",
                "--alto", "http://127.0.0.1:" + closed + "/directory", "--timeout", "PT0.5S");
        started.add(tracker);
        URI announce = AltoJar.awaitUri(tracker, "BitTorrent tracker ready: ", log);
        HttpClient http = HttpClient.newHttpClient();
        String hash = "%AA".repeat(20);
        for (int peer = 1; peer <= 3; peer++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(announce + "?info_hash=" + hash
                    + "&peer_id=-IT0001-00000000000" + peer + "&port=" + (6880 + peer) + "&left=10")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).as("peer %d sees the %d before it", peer, peer - 1)
                    .contains("10:incompletei" + peer + "e").contains("5:peers" + 6 * (peer - 1) + ":");
        }
        String metrics = http.send(HttpRequest.newBuilder(announce.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("tracker_alto_guided 0.0", "tracker_returned_peers_total{choice=\"unranked\"} 3.0");
        tracker.destroy();
        assertThat(tracker.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(tracker.exitValue()).as("SIGTERM is a clean stop").isZero();
    }
}
