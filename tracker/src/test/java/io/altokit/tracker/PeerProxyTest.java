package io.altokit.tracker;

import com.sun.net.httpserver.HttpServer;
import io.altokit.client.AltoClient;
import io.altokit.client.PeerRanker;
import io.altokit.core.time.ManualScheduler;
import io.altokit.core.time.ManualTicker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The peer proxy between clients on loopback addresses and a real upstream tracker (in process,
 * without ALTO), ranking against a real ALTO server; canned upstreams for the bad answers.
 */
class PeerProxyTest {
    private static final PeerProxyConfig CONFIG = PeerProxyConfig.DEFAULTS.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
    private static LoopbackAlto alto;

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, HttpClient> clients = new HashMap<>();

    @BeforeAll
    static void startAlto() throws Exception {
        alto = new LoopbackAlto();
    }

    @AfterAll
    static void stopAlto() {
        alto.close();
    }

    @AfterEach
    void stopEverything() throws Exception {
        clients.values().forEach(HttpClient::close);
        for (AutoCloseable closeable : started.reversed()) {
            closeable.close();
        }
    }

    @Test
    void forwardsFromThePeersAddressAndPutsItsOwnPidFirst() throws Exception {
        URI tracker = upstreamTracker();
        for (String peer : List.of("127.0.3.5", "127.0.2.5", "127.0.1.5", "127.0.4.5", "127.0.1.6", "127.0.3.6")) {
            assertThat(get(peer, tracker.resolve("/announce?" + announce(peer, 1))).statusCode()).isEqualTo(200);
        }
        URI proxy = proxy(CONFIG, alto.client, 0);

        HttpResponse<byte[]> answer = get("127.0.1.99", through(proxy, tracker, announce("127.0.1.99", 50)));
        assertThat(answer.statusCode()).isEqualTo(200);
        Map<String, Object> body = decode(answer.body());
        assertThat(body.get("interval")).as("other keys pass through").isEqualTo(1800L);
        // By cost from pid-1; equal costs in random order.
        List<String> peers = compact((byte[]) body.get("peers"), 4);
        assertThat(peers).hasSize(6);
        assertThat(peers.subList(0, 2)).containsExactlyInAnyOrder("127.0.1.5", "127.0.1.6");
        assertThat(peers.get(2)).isEqualTo("127.0.2.5");
        assertThat(peers.subList(3, 5)).containsExactlyInAnyOrder("127.0.3.5", "127.0.3.6");
        assertThat(peers.get(5)).isEqualTo("127.0.4.5");

        // The tracker listed the proxied peer at its own address, with its port.
        Map<String, Object> seen = decode(get("127.0.2.6", tracker.resolve("/announce?" + announce("127.0.2.6", 50))).body());
        assertThat(compact((byte[]) seen.get("peers"), 4)).contains("127.0.1.99");
        assertThat(metrics(proxy)).contains("peer_proxy_announces_total{outcome=\"ranked\"} 1.0", "peer_proxy_alto_guided 1.0");
    }

    @Test
    void theDictionaryModelKeepsEachPeersEntry() throws Exception {
        URI tracker = upstreamTracker();
        for (String peer : List.of("127.0.3.5", "127.0.2.5", "127.0.2.6")) {
            get(peer, tracker.resolve("/announce?" + announce(peer, 1)));
        }
        URI proxy = proxy(CONFIG, alto.client, 0);
        Map<String, Object> body = decode(get("127.0.2.99", through(proxy, tracker, announce("127.0.2.99", 50) + "&compact=0")).body());
        List<?> peers = (List<?>) body.get("peers");
        List<String> order = peers.stream().map(peer -> new String((byte[]) ((Map<?, ?>) peer).get("ip"), StandardCharsets.US_ASCII)).toList();
        assertThat(order.subList(0, 2)).containsExactlyInAnyOrder("127.0.2.5", "127.0.2.6");
        assertThat(order.get(2)).isEqualTo("127.0.3.5");
        assertThat(peers).allMatch(peer -> ((Map<?, ?>) peer).get("peer id") instanceof byte[] id && id.length == 20);
    }

    @Test
    void ipv6PeersAreOrderedInPeers6AndHostNamesStayLast() throws Exception {
        Map<String, Object> canned = new LinkedHashMap<>();
        canned.put("interval", 900L);
        canned.put("tracker id", "abc");
        canned.put("peers", compactOf(4, "127.0.3.5", "127.0.1.5", "127.0.2.5"));
        canned.put("peers6", compactOf(16, "::2", "::1"));
        URI upstream = canned(200, Bencode.encode(canned));
        URI proxy = proxy(CONFIG, alto.client, 0);
        Map<String, Object> body = decode(get("127.0.1.99", through(proxy, upstream, announce("127.0.1.99", 50))).body());
        assertThat(compact((byte[]) body.get("peers"), 4)).containsExactly("127.0.1.5", "127.0.2.5", "127.0.3.5");
        // ::1 is pid-6 (cost 50 from pid-1), ::2 in no PID: ranked before unrated.
        assertThat(compact((byte[]) body.get("peers6"), 16)).containsExactly("0:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:2");
        assertThat(new String((byte[]) body.get("tracker id"), StandardCharsets.US_ASCII)).isEqualTo("abc");

        Map<String, Object> named = Map.of("peers", List.of(
                Map.of("ip", "tracker-peer.example", "port", 1L), Map.of("ip", "127.0.3.5", "port", 2L), Map.of("ip", "127.0.1.5", "port", 3L)));
        URI namedUpstream = canned(200, Bencode.encode(named));
        List<?> peers = (List<?>) decode(get("127.0.1.99", through(proxy, namedUpstream, announce("127.0.1.99", 50))).body()).get("peers");
        assertThat(peers).extracting(peer -> new String((byte[]) ((Map<?, ?>) peer).get("ip"), StandardCharsets.US_ASCII))
                .containsExactly("127.0.1.5", "127.0.3.5", "tracker-peer.example");
    }

    @Test
    void aSlowAltoServerLeavesTheUpstreamListUnchangedWithinTheRankingTimeout() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); // accepts, never answers
        started.add(silent);
        AltoClient slow = AltoClient.builder(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/directory"))
                .connectTimeout(Duration.ofSeconds(60)).requestTimeout(Duration.ofSeconds(60)).maxAttempts(1).build();
        started.add(slow);
        byte[] upstreamBody = Bencode.encode(Map.of("interval", 900L, "peers", compactOf(4, "127.0.3.5", "127.0.1.5")));
        URI upstream = canned(200, upstreamBody);
        URI proxy = proxy(CONFIG.withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(10)), slow, 0);
        long start = System.nanoTime();
        HttpResponse<byte[]> answer = get("127.0.1.99", through(proxy, upstream, announce("127.0.1.99", 50)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well before the ALTO client's 60 s timeout").isLessThan(Duration.ofSeconds(30));
        assertThat(answer.body()).isEqualTo(upstreamBody);
        assertThat(metrics(proxy)).contains("peer_proxy_announces_total{outcome=\"unranked\"} 1.0", "peer_proxy_alto_guided 0.0");
    }

    @Test
    void anUnreachableAltoServerLeavesTheUpstreamListUnchanged() throws Exception {
        AltoClient down = AltoClient.builder(URI.create("http://127.0.0.1:" + freePort() + "/directory"))
                .connectTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofMillis(500)).maxAttempts(1).build();
        started.add(down);
        byte[] upstreamBody = Bencode.encode(Map.of("peers", compactOf(4, "127.0.3.5", "127.0.1.5")));
        URI proxy = proxy(CONFIG, down, 0);
        assertThat(get("127.0.1.99", through(proxy, canned(200, upstreamBody), announce("127.0.1.99", 50))).body()).isEqualTo(upstreamBody);
    }

    @Test
    void upstreamFailuresBecomeFailureReasons() throws Exception {
        URI proxy = proxy(CONFIG.withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(500)), alto.client, 0);
        String query = announce("127.0.1.99", 50);
        assertThat(failureReason(get("127.0.1.99", through(proxy, URI.create("http://127.0.0.1:" + freePort() + "/announce"), query))))
                .contains("unreachable");
        assertThat(failureReason(get("127.0.1.99", through(proxy, canned(200, "<html>oops</html>".getBytes(StandardCharsets.US_ASCII)), query))))
                .contains("not bencoded");
        assertThat(failureReason(get("127.0.1.99", through(proxy, canned(200, Bencode.encode(List.of(1L))), query))))
                .contains("not a bencoded dictionary");
        assertThat(failureReason(get("127.0.1.99", through(proxy, canned(200, Bencode.encode(Map.of("peers", new byte[7]))), query))))
                .contains("peers is 7 bytes");
        assertThat(failureReason(get("127.0.1.99", through(proxy, canned(503, "busy".getBytes(StandardCharsets.US_ASCII)), query))))
                .isEqualTo("the upstream tracker answered HTTP 503");
        assertThat(failureReason(get("127.0.1.99", through(proxy, canned(403, Responses.failure("unregistered torrent")), query))))
                .isEqualTo("the upstream tracker answered HTTP 403: unregistered torrent");
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        started.add(silent);
        assertThat(failureReason(get("127.0.1.99", through(proxy, URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/announce"), query))))
                .contains("did not answer within 500 ms");
        // The upstream's own failure reason is a valid answer: it passes through as it is.
        byte[] refused = Responses.failure("torrent not registered");
        assertThat(get("127.0.1.99", through(proxy, canned(200, refused), query)).body()).isEqualTo(refused);
        assertThat(metrics(proxy)).contains("peer_proxy_announces_total{outcome=\"failure\"} 7.0",
                "peer_proxy_announces_total{outcome=\"passed\"} 1.0");
    }

    @Test
    void oversizedAnswersAreBounded() throws Exception {
        String[] many = new String[3000];
        for (int i = 0; i < many.length; i++) {
            many[i] = "127.0." + (1 + i % 4) + "." + (1 + i / 4 % 250);
        }
        byte[] manyPeers = new byte[many.length * 6];
        for (int i = 0; i < many.length; i++) {
            System.arraycopy(compactOf(4, many[i]), 0, manyPeers, i * 6, 4);
            manyPeers[i * 6 + 4] = (byte) (i >>> 8);
            manyPeers[i * 6 + 5] = (byte) i;
        }
        URI proxy = proxy(CONFIG.withLimits(1000, 64 << 10, 16), alto.client, 0);
        String query = announce("127.0.1.99", 50);
        Map<String, Object> body = decode(get("127.0.1.99", through(proxy, canned(200, Bencode.encode(Map.of("peers", manyPeers))), query)).body());
        assertThat(((byte[]) body.get("peers")).length).as("the first 1,000 peers").isEqualTo(6000);
        assertThat(metrics(proxy)).contains("peer_proxy_dropped_peers_total 2000.0");
        assertThat(failureReason(get("127.0.1.99", through(proxy, canned(200, new byte[100 << 10]), query))))
                .isEqualTo("the upstream tracker's answer is larger than 65536 bytes");
    }

    @Test
    void badProxyUrlsGetPreciseAnswers() throws Exception {
        URI proxy = proxy(CONFIG, alto.client, 0);
        String query = announce("127.0.1.99", 50);
        assertThat(failureReason(get("127.0.1.99", proxy.resolve("/announce/?" + query)))).startsWith("no upstream tracker");
        assertThat(failureReason(get("127.0.1.99", proxy.resolve("/announce/ftp%3A%2F%2Fx%2Fannounce?" + query))))
                .contains("must be http or https");
        assertThat(rawGet(proxy, "/announce/http%3A%2F%2Fx%2%2Fannounce?" + query)) // not even a valid URI
                .contains("bad percent-encoding in the upstream tracker URL at \"%2%\"");
        assertThat(failureReason(get("127.0.1.99", proxy.resolve("/announce/http%3A%2Fannounce?" + query)))).contains("needs a host");
        HttpResponse<byte[]> unknown = get("127.0.1.99", proxy.resolve("/elsewhere"));
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void scrapesPassThrough() throws Exception {
        URI tracker = upstreamTracker();
        get("127.0.2.5", tracker.resolve("/announce?" + announce("127.0.2.5", 1)));
        URI proxy = proxy(CONFIG, alto.client, 0);
        byte[] direct = get("127.0.1.5", tracker.resolve("/scrape?info_hash=" + AnnounceTest.HASH)).body();
        URI scrape = proxy.resolve("/scrape/" + URLEncoder.encode(tracker.resolve("/scrape").toString(), StandardCharsets.UTF_8)
                + "?info_hash=" + AnnounceTest.HASH);
        assertThat(get("127.0.1.5", scrape).body()).isEqualTo(direct);
        assertThat(metrics(proxy)).contains("peer_proxy_scrapes_total{outcome=\"ok\"} 1.0");
    }

    @Test
    void theSeedReproducesTheRandomShare() throws Exception {
        byte[] upstreamBody = Bencode.encode(Map.of("peers", compactOf(4,
                "127.0.1.1", "127.0.1.2", "127.0.1.3", "127.0.2.1", "127.0.2.2", "127.0.3.1", "127.0.3.2", "127.0.4.1", "127.0.4.2", "127.0.4.3")));
        URI upstream = canned(200, upstreamBody);
        List<List<String>> orders = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            URI proxy = proxy(CONFIG, alto.client, 7);
            orders.add(compact((byte[]) decode(get("127.0.1.99", through(proxy, upstream, announce("127.0.1.99", 50))).body()).get("peers"), 4));
        }
        assertThat(orders.get(0)).hasSize(10).isEqualTo(orders.get(1));
        // Places 5 and 10 are random; the first four are ranked: the three pid-1 peers, then pid-2.
        assertThat(orders.get(0).subList(0, 3)).containsExactlyInAnyOrder("127.0.1.1", "127.0.1.2", "127.0.1.3");
    }

    // --- the parts, started for one test and stopped after it

    /** A real tracker without ALTO, listing peers at the address they announce from. */
    private URI upstreamTracker() throws Exception {
        ManualScheduler time = new ManualScheduler(new ManualTicker(0));
        Tracker tracker = new Tracker(TrackerConfig.DEFAULTS.withLimits(100, 1000, 0), AltoMode.NONE, Optional.empty(), time.ticker(), time);
        started.add(tracker);
        TrackerServer server = TrackerServer.start("127.0.0.1", 0, 1, tracker);
        started.add(server);
        return server.announceUri().resolve("/");
    }

    /** A peer proxy ranking with maps from {@code client}; random share 0.2 with a seed, else none. */
    private URI proxy(PeerProxyConfig config, AltoClient client, long seed) throws Exception {
        PeerRanker.Builder ranker = PeerRanker.builder(client).strategy(PeerRanker.Strategy.MAPS).randomShare(seed == 0 ? 0 : 0.2);
        if (seed != 0) {
            ranker.seed(seed);
        }
        PeerRanker built = ranker.build();
        started.add(built);
        PeerProxy proxy = new PeerProxy(config, built);
        started.add(proxy);
        TrackerServer server = TrackerServer.start("peer proxy", "127.0.0.1", 0, 1, proxy::route);
        started.add(server);
        return server.announceUri().resolve("/");
    }

    /** An upstream that answers every request with {@code status} and {@code body}. */
    private URI canned(int status, byte[] body) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        started.add(() -> server.stop(0));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/announce");
    }

    private static URI through(URI proxy, URI upstream, String query) {
        URI announce = upstream.getPath().isEmpty() || upstream.getPath().equals("/") ? upstream.resolve("/announce") : upstream;
        return proxy.resolve("/announce/" + URLEncoder.encode(announce.toString(), StandardCharsets.UTF_8) + "?" + query);
    }

    /** An announce of the test torrent by the peer at {@code address} (its peer id from the address). */
    private static String announce(String address, int numwant) {
        String[] octets = address.split("\\.");
        return "info_hash=" + AnnounceTest.HASH + "&peer_id=-AK0001-000" + "%03d%03d%03d".formatted(
                Integer.parseInt(octets[1]), Integer.parseInt(octets[2]), Integer.parseInt(octets[3]))
                + "&port=6881&uploaded=0&downloaded=0&left=100&event=started&numwant=" + numwant;
    }

    /** A GET sent from {@code source}, so that the proxy and trackers see that address. */
    private HttpResponse<byte[]> get(String source, URI uri) throws Exception {
        HttpClient client = clients.computeIfAbsent(source, address -> {
            try {
                return HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).connectTimeout(Duration.ofSeconds(10)).build();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        });
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET of a request target no URI class accepts; the whole response. */
    private static String rawGet(URI base, String target) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private String metrics(URI proxy) throws Exception {
        return new String(get("127.0.0.1", proxy.resolve("/metrics")).body(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decode(byte[] body) {
        return (Map<String, Object>) Bencode.decode(body);
    }

    private static String failureReason(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = decode(response.body());
        assertThat(body).as(new String(response.body(), StandardCharsets.ISO_8859_1)).containsKey("failure reason");
        return new String((byte[]) body.get("failure reason"), StandardCharsets.UTF_8);
    }

    private static List<String> compact(byte[] bytes, int addressLength) throws Exception {
        List<String> peers = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += addressLength + 2) {
            peers.add(InetAddress.getByAddress(Arrays.copyOfRange(bytes, at, at + addressLength)).getHostAddress());
        }
        return peers;
    }

    /** Compact entries of the given addresses, port 6881 each. */
    private static byte[] compactOf(int addressLength, String... addresses) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String address : addresses) {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            assertThat(bytes).hasSize(addressLength);
            out.writeBytes(bytes);
            out.write(6881 >>> 8);
            out.write(6881 & 0xff);
        }
        return out.toByteArray();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
