package io.altokit.app.trial;

import io.altokit.tracker.Bencode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading what the kernel and the trackers report: interface counters and scrapes. */
class MeasurementParsingTest {

    @Test
    void readsTheTransmittedBytesOfIpsJsonLinkStatistics() throws Exception {
        String ip = """
                [{"ifindex":2,"ifname":"uplink","stats64":{"rx":{"bytes":1200,"packets":3},"tx":{"bytes":5368709120,"packets":9}}}]
                """;

        assertThat(LinkCounters.txBytes(ip)).as("beyond 32 bits").isEqualTo(5_368_709_120L);
    }

    @Test
    void anOutputWithoutCountersIsAnError() {
        assertThatThrownBy(() -> LinkCounters.txBytes("[]")).isInstanceOf(TrialException.class).hasMessageContaining("no transmitted-bytes counter");
    }

    @Test
    void countsTheSeedsAScrapeReports() {
        byte[] scrape = Bencode.encode(Map.of("files", Map.of("01234567890123456789", Map.of("complete", 1L, "downloaded", 0L, "incomplete", 3L))));

        assertThat(PolicyRun.seeds(scrape)).isEqualTo(1);
        assertThat(PolicyRun.seeds(Bencode.encode(Map.of("files", Map.of())))).isZero();
        assertThat(PolicyRun.seeds("<html>".getBytes())).as("not bencoded").isZero();
    }

    @Test
    void aTorrentsInfoHashDoesNotDependOnItsAnnounceUrl() {
        byte[] payload = new byte[200_000];

        assertThat(Torrent.infoHashHex(Torrent.metainfo("http://198.19.255.1:6969/announce", "payload.bin", payload)))
                .isEqualTo(Torrent.infoHashHex(Torrent.metainfo("http://127.0.0.1:6970/announce/x", "payload.bin", payload)))
                .hasSize(40);
        Map<?, ?> info = (Map<?, ?>) ((Map<?, ?>) Bencode.decode(Torrent.metainfo("a", "payload.bin", payload))).get("info");
        assertThat(((byte[]) info.get("pieces")).length).as("four 64 KiB pieces, SHA-1 each").isEqualTo(4 * 20);
    }
}
