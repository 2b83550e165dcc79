package io.altokit.tracker;

import io.altokit.client.AltoClient;
import io.altokit.core.time.ManualScheduler;
import io.altokit.core.time.ManualTicker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The tracker over HTTP against a real ALTO server: guided lists in both modes, fallbacks, bad input, limits, metrics. */
class TrackerServerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Test peers are listed at the address they give (ip=), as behind a trusted proxy. */
    private static final TrackerConfig CONFIG = TrackerConfig.DEFAULTS.withIpParameter(true).withLimits(100, 1000, 0);
    private static LoopbackAlto alto;

    private final List<AutoCloseable> started = new ArrayList<>();
    /** The trackers' time and housekeeping, moved by hand; near the end of the nano range to catch wrap-around. */
    private final ManualScheduler time = new ManualScheduler(new ManualTicker(Long.MAX_VALUE - Duration.ofMillis(400).toNanos()));

    @BeforeAll
    static void startAlto() throws Exception {
        alto = new LoopbackAlto();
    }

    @AfterAll
    static void stopAlto() {
        alto.close();
    }

    @AfterEach
    void stopTrackers() throws Exception {
        for (AutoCloseable closeable : started.reversed()) {
            closeable.close();
        }
    }

    private URI start(TrackerConfig config, AltoMode mode, Optional<AltoClient> client) throws Exception {
        Tracker tracker = new Tracker(config, mode, client, time.ticker(), time);
        started.add(tracker);
        TrackerServer server = TrackerServer.start("127.0.0.1", 0, 1, tracker);
        started.add(server);
        time.runDue(); // in map mode, the first fetch of the maps
        if (mode == AltoMode.MAPS && client.equals(Optional.of(alto.client)) && !tracker.guided()) {
            fail("the tracker did not get the ALTO maps");
        }
        return server.announceUri().resolve("/");
    }

    /** 10 leechers in each of pid-1 .. pid-4; peer n of pid p is 127.0.p.n, peer id p*100+n. */
    private static void fillSwarm(URI tracker) throws Exception {
        for (int pid = 1; pid <= 4; pid++) {
            for (int n = 1; n <= 10; n++) {
                Map<String, Object> answer = announce(tracker, peer(pid, n, 0));
                assertThat(answer).as(answer.toString()).containsKey("peers");
            }
        }
    }

    static String peer(int pid, int n, int numwant) {
        return "info_hash=" + AnnounceTest.HASH + "&peer_id=" + peerId(pid * 100 + n) + "&port=" + (6000 + n)
                + "&left=100&event=started&numwant=" + numwant + "&ip=127.0." + pid + "." + n;
    }

    static String peerId(int n) {
        return "-AK0001-0000000" + "%05d".formatted(n);
    }

    @ParameterizedTest
    @EnumSource(value = AltoMode.class, names = {"MAPS", "ECS"})
    void ownPidFirstAndTheRandomShare(AltoMode mode) throws Exception {
        URI tracker = start(CONFIG, mode, Optional.of(alto.client));
        fillSwarm(tracker);
        Map<String, Object> answer = announce(tracker, peer(2, 1, 10));
        assertThat(answer.get("complete")).isEqualTo(0L);
        assertThat(answer.get("incomplete")).isEqualTo(40L);
        assertThat(answer.get("interval")).isEqualTo(1800L);
        List<String> peers = compactIpv4((byte[]) answer.get("peers"));
        assertThat(peers).hasSize(10).doesNotHaveDuplicates().doesNotContain("127.0.2.1:6001");
        for (int position : new int[] {0, 1, 2, 3, 5, 6, 7, 8}) {
            assertThat(peers.get(position)).as(mode + ": ranked place " + position + " of " + peers).startsWith("127.0.2.");
        }
        String metrics = get(tracker.resolve("/metrics")).body();
        assertThat(metrics).contains("tracker_announces_total{outcome=\"ok\"} 41.0", "tracker_swarms 1.0",
                "tracker_peers 40.0", "tracker_returned_peers_total{choice=\"random\"} 2.0");
        if (mode == AltoMode.MAPS) {
            assertThat(metrics).contains("tracker_returned_peers_total{choice=\"same_pid\"} 8.0", "tracker_alto_guided 1.0");
        }
        assertThat(metrics).containsPattern("tracker_alto_seconds_count\\{outcome=\"ok\"} [1-9]");
    }

    @ParameterizedTest
    @EnumSource(value = AltoMode.class, names = {"MAPS", "ECS"})
    void withoutAnAltoServerTheListsAreRandom(AltoMode mode) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        AltoClient down = AltoClient.builder(URI.create("http://127.0.0.1:" + closed + "/directory"))
                .connectTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofMillis(300)).maxAttempts(1).build();
        started.add(down);
        URI tracker = start(CONFIG, mode, Optional.of(down));
        fillSwarm(tracker);
        Map<String, Object> answer = announce(tracker, peer(2, 1, 39));
        assertThat(compactIpv4((byte[]) answer.get("peers"))).hasSize(39).doesNotHaveDuplicates();
        assertThat(get(tracker.resolve("/metrics")).body()).contains("tracker_returned_peers_total{choice=\"unranked\"} 39.0");
    }

    @Test
    void aSeedReproducesTheRandomDraws() throws Exception {
        List<List<String>> lists = new ArrayList<>();
        for (long seed : new long[] {5, 5, 6}) {
            URI tracker = start(CONFIG.withSeed(seed), AltoMode.NONE, Optional.empty());
            fillSwarm(tracker);
            lists.add(compactIpv4((byte[]) announce(tracker, peer(2, 1, 10)).get("peers")));
        }
        assertThat(lists.get(0)).hasSize(10).isEqualTo(lists.get(1)).isNotEqualTo(lists.get(2));
    }

    @Test
    void listsIpv6PeersApartAndTheDictionaryModel() throws Exception {
        URI tracker = start(CONFIG, AltoMode.NONE, Optional.empty());
        announce(tracker, peer(1, 1, 0));
        announce(tracker, "info_hash=" + AnnounceTest.HASH + "&peer_id=" + peerId(600) + "&port=7000&left=0&ip=::1");
        Map<String, Object> compact = announce(tracker, peer(1, 2, 10));
        assertThat(compactIpv4((byte[]) compact.get("peers"))).containsExactly("127.0.1.1:6001");
        byte[] v6 = (byte[]) compact.get("peers6");
        assertThat(v6).hasSize(18).endsWith(0, 1, 0x1b, 0x58);
        Map<String, Object> dictionaries = announce(tracker, peer(1, 2, 10) + "&compact=0");
        List<?> peers = (List<?>) dictionaries.get("peers");
        assertThat(peers).hasSize(2).allSatisfy(entry -> assertThat(dict(entry)).containsKeys("ip", "port", "peer id"));
        assertThat(peers).extracting(entry -> new String((byte[]) dict(entry).get("ip"), StandardCharsets.US_ASCII))
                .containsExactlyInAnyOrder("127.0.1.1", "::1");
    }

    @Test
    void scrapeCountsByBinaryInfoHash() throws Exception {
        URI tracker = start(CONFIG, AltoMode.NONE, Optional.empty());
        announce(tracker, peer(1, 1, 0));
        announce(tracker, peer(1, 2, 0).replace("left=100&event=started", "left=0&event=completed"));
        String other = "%01".repeat(20);
        Map<String, Object> files = dict(decode(get(tracker.resolve("/scrape?info_hash=" + AnnounceTest.HASH + "&info_hash=" + other)).body())
                .get("files"));
        assertThat(files).hasSize(1);
        Map<String, Object> counts = dict(files.get(new String(AnnounceTest.HASH_BYTES, StandardCharsets.ISO_8859_1)));
        assertThat(counts).containsEntry("complete", 1L).containsEntry("incomplete", 1L).containsEntry("downloaded", 1L);
        assertThat(failureOf(get(tracker.resolve("/scrape")))).contains("needs at least one info_hash");
        assertThat(failureOf(get(tracker.resolve("/scrape?info_hash=abc")))).isEqualTo("info_hash must be 20 bytes, got 3");
    }

    @Test
    void badRequestsGetAReasonOrAnHttpErrorAndTheTrackerKeepsServing() throws Exception {
        URI tracker = start(CONFIG, AltoMode.NONE, Optional.empty());
        HttpResponse<String> bad = get(tracker.resolve("/announce?info_hash=x&port=1"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(failureOf(bad)).isEqualTo("info_hash must be 20 bytes, got 1");
        assertThat(failureOf(get(tracker.resolve("/announce?" + peer(1, 1, 5).replace("port=6001", "port=x6")))))
                .isEqualTo("port is not a number: \"x6\"");
        HttpResponse<String> tooLong = get(tracker.resolve("/announce?key=" + "a".repeat(5000)));
        assertThat(tooLong.statusCode()).isEqualTo(414);
        assertThat(get(tracker.resolve("/elsewhere")).statusCode()).isEqualTo(404);
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(tracker.resolve("/announce"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(announce(tracker, peer(1, 1, 5))).containsKey("peers");
    }

    @Test
    void floodsAndLimits() throws Exception {
        URI tracker = start(CONFIG.withLimits(1, 1000, 5), AltoMode.NONE, Optional.empty());
        int refused = 0;
        for (int i = 0; i < 30; i++) { // a burst: the budget is 2 s worth (10) refilled at 5 per second
            refused += get(tracker.resolve("/announce?" + peer(1, 1, 5))).statusCode() == 429 ? 1 : 0;
        }
        assertThat(refused).isBetween(15, 20);
        URI roomy = start(CONFIG.withLimits(1, 2, 0), AltoMode.NONE, Optional.empty());
        announce(roomy, peer(1, 1, 5));
        announce(roomy, peer(1, 2, 5));
        Map<String, Object> third = announce(roomy, peer(1, 3, 5));
        assertThat(compactIpv4((byte[]) third.get("peers"))).as("a full swarm still lists peers").hasSize(2);
        assertThat(third.get("incomplete")).as("but does not keep the new one").isEqualTo(2L);
        assertThat(failureOf(get(roomy.resolve("/announce?" + peer(1, 1, 5).replace(AnnounceTest.HASH, "%02".repeat(20))))))
                .isEqualTo("this tracker is full: it tracks 1 torrents at most");
        URI few = start(CONFIG.withMaxPeers(3), AltoMode.NONE, Optional.empty());
        for (int torrent = 1; torrent <= 2; torrent++) {
            for (int n = 1; n <= 2; n++) {
                announce(few, peer(1, n, 0).replace(AnnounceTest.HASH, ("%0" + torrent).repeat(20)));
            }
        }
        assertThat(get(few.resolve("/metrics")).body()).as("3 peers in all torrents together").contains("tracker_peers 3.0");
    }

    @Test
    void silentPeersExpire() throws Exception {
        URI tracker = start(CONFIG.withInterval(Duration.ofSeconds(1), Duration.ofMillis(300)), AltoMode.NONE, Optional.empty());
        announce(tracker, peer(1, 1, 0));
        time.advance(Duration.ofMillis(250));
        assertThat(get(tracker.resolve("/metrics")).body()).as("not silent for 300 ms yet").contains("tracker_swarms 1.0");
        time.advance(Duration.ofMillis(250));
        assertThat(get(tracker.resolve("/metrics")).body()).as("silent for 500 ms").contains("tracker_swarms 0.0");
    }

    static Map<String, Object> announce(URI tracker, String query) throws Exception {
        HttpResponse<String> response = get(tracker.resolve("/announce?" + query));
        assertThat(response.statusCode()).isEqualTo(200);
        return decode(response.body());
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }

    private static Map<String, Object> decode(String body) {
        return dict(Bencode.decode(body.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dict(Object value) {
        return (Map<String, Object>) value;
    }

    private static String failureOf(HttpResponse<String> response) {
        return new String((byte[]) decode(response.body()).get("failure reason"), StandardCharsets.UTF_8);
    }

    static List<String> compactIpv4(byte[] peers) {
        List<String> listed = new ArrayList<>();
        for (int i = 0; i + 6 <= peers.length; i += 6) {
            listed.add((peers[i] & 0xff) + "." + (peers[i + 1] & 0xff) + "." + (peers[i + 2] & 0xff) + "." + (peers[i + 3] & 0xff)
                    + ":" + ((peers[i + 4] & 0xff) << 8 | peers[i + 5] & 0xff));
        }
        return listed;
    }
}
