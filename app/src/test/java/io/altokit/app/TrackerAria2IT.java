package io.altokit.app;

import io.altokit.tracker.Bencode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.altokit.app.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real swarm: aria2 seeders and leechers on loopback addresses in three PIDs of a served
 * network, a torrent made by mktorrent whose announce URL is {@code alto tracker} guided by
 * {@code alto serve}. The leechers' files must match, the tracker's answers to aria2 must have
 * favoured same-PID peers (its metrics), and probe announces from a chosen address must list
 * same-PID peers first with the random share reaching the far PID.
 */
class TrackerAria2IT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** pid-N is 127.0.N.0/24; routingcost 1 within a PID, 10 per step between PIDs. */
    private static final String NETWORK = """
            network-map:
              pid-1: { ipv4: [127.0.1.0/24] }
              pid-2: { ipv4: [127.0.2.0/24] }
              pid-3: { ipv4: [127.0.3.0/24] }
            costs:
              routingcost:
                pid-1: { pid-1: 1, pid-2: 10, pid-3: 20 }
                pid-2: { pid-1: 10, pid-2: 1, pid-3: 10 }
                pid-3: { pid-1: 20, pid-2: 10, pid-3: 1 }
            """;
    private static final String[] SEEDERS = {"127.0.1.5", "127.0.2.5"};
    private static final String[] LEECHERS = {"127.0.1.6", "127.0.2.6", "127.0.3.6"};

    @TempDir
    Path work;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (Process process : started.reversed()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aria2SwarmDownloadsThroughTheGuidedTracker() throws Exception {
        SystemTools.requirePackage("aria2", "aria2 (BitTorrent client)", "aria2c");
        SystemTools.requirePackage("mktorrent", "mktorrent", "mktorrent");
        Files.writeString(work.resolve("network.yaml"), NETWORK);
        Path serverLog = work.resolve("alto.log");
        URI directory = AltoJar.awaitReady(stoppedAfterTheTest(AltoJar.start(serverLog, "serve", "--config", work.resolve("network.yaml").toString(),
                "--port", "0", "--bind", "127.0.0.1", "--no-access-log")), serverLog);
        Path trackerLog = work.resolve("tracker.log");
        URI announce = AltoJar.awaitUri(stoppedAfterTheTest(AltoJar.start(trackerLog, "tracker", "--port", "0", "--bind", "127.0.0.1",
                "--alto", directory.toString(), "--interval", "PT5S", "--rate-limit", "0")), "BitTorrent tracker ready: ", trackerLog);
        awaitMetrics(announce, metrics -> metrics.contains("tracker_alto_guided 1.0"), "the tracker has the ALTO maps");

        byte[] payload = new byte[3 << 20];
        new Random(6).nextBytes(payload);
        Path seedDir = Files.createDirectories(work.resolve("seed"));
        Files.write(seedDir.resolve("payload.bin"), payload);
        Path torrent = work.resolve("payload.torrent");
        Process mktorrent = new ProcessBuilder("mktorrent", "-a", announce.toString(), "-l", "16", "-o", torrent.toString(),
                seedDir.resolve("payload.bin").toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(mktorrent.waitFor(30, TimeUnit.SECONDS) && mktorrent.exitValue() == 0).as("mktorrent made the torrent").isTrue();

        for (String seeder : SEEDERS) {
            launch(aria2(seeder, SystemTools.freePort(), seedDir, torrent, "--seed-ratio=0", "--bt-seed-unverified=true"));
        }
        awaitMetrics(announce, metrics -> metrics.contains("tracker_seeders 2.0"), "both seeders announced");
        List<Path> leechDirs = new ArrayList<>();
        for (String leecher : LEECHERS) {
            Path dir = Files.createDirectories(work.resolve("leech-" + leecher));
            leechDirs.add(dir);
            // Leechers stay as seeders when done, so the probes below see the whole swarm; their logs
            // show whom they connected to first.
            launch(aria2(leecher, SystemTools.freePort(), dir, torrent, "--seed-ratio=0",
                    "--log=" + work.resolve(leecher + ".log"), "--log-level=info"));
        }
        String metrics = awaitMetrics(announce, text -> text.contains("tracker_seeders 5.0"), "every leecher announced completion");
        String expected = sha256(payload);
        for (Path dir : leechDirs) {
            awaitContent(dir.resolve("payload.bin"), expected);
        }
        assertThat(counter(metrics, "tracker_returned_peers_total{choice=\"same_pid\"}"))
                .as("aria2 was sent same-PID peers in ranked places").isPositive();
        // The clients' side: aria2 connects in the order of the tracker's list, so each leecher's first
        // connection goes to the cheapest PID it could see: its own (pid-1, pid-2 have seeders), pid-2 for pid-3.
        assertThat(firstConnection("127.0.1.6")).startsWith("127.0.1.");
        assertThat(firstConnection("127.0.2.6")).startsWith("127.0.2.");
        assertThat(firstConnection("127.0.3.6")).startsWith("127.0.2.");

        // Probes: a leecher at 127.0.1.99 asks for 3 of the 5 peers: 2 ranked places (both pid-1 peers)
        // and 1 random place (the 3rd), drawn from the other three, so it reaches pid-3 now and then.
        String infoHash = infoHashOf(torrent);
        boolean randomReachedPid3 = false;
        for (int probe = 0; probe < 30; probe++) {
            List<String> peers = probe(announce, infoHash, "127.0.1.99", 3);
            assertThat(peers).hasSize(3);
            assertThat(peers.subList(0, 2)).as("ranked places: the same-PID peers").allMatch(peer -> peer.startsWith("127.0.1."));
            assertThat(peers.get(2)).as("the random place: another PID").doesNotStartWith("127.0.1.");
            randomReachedPid3 |= peers.get(2).startsWith("127.0.3.");
        }
        assertThat(randomReachedPid3).as("the random share reached the farthest PID in 30 probes").isTrue();
    }

    /** An aria2 process, its output discarded; stopped after the test. */
    private Process launch(List<String> command) throws Exception {
        return stoppedAfterTheTest(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    private Process stoppedAfterTheTest(Process process) {
        started.add(process);
        return process;
    }

    private List<String> aria2(String address, int port, Path dir, Path torrent, String... extra) {
        List<String> command = new ArrayList<>(List.of("aria2c", "--interface=" + address, "--listen-port=" + port,
                "--dir=" + dir, "--enable-dht=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--disable-ipv6=true", "--file-allocation=none", "--summary-interval=0", "--console-log-level=error",
                "--bt-tracker-interval=5", "--quiet=true"));
        command.addAll(List.of(extra));
        command.add(torrent.toString());
        return command;
    }

    /** The first peer a leecher connected to, from its aria2 log. */
    private String firstConnection(String leecher) throws Exception {
        Matcher connecting = Pattern.compile("PeerInitiateConnectionCommand.*Connecting to (127\\.[0-9.]+):").matcher(Files.readString(work.resolve(leecher + ".log")));
        assertThat(connecting.find()).as(leecher + " connected to a peer").isTrue();
        return connecting.group(1);
    }

    /** A leecher that announced completion has the file; its last writes may still be on their way to disk. */
    private static void awaitContent(Path file, String sha256) {
        eventually(file + " having the payload's SHA-256 " + sha256, Duration.ofSeconds(10))
                .until(() -> Files.exists(file) ? sha256(Files.readAllBytes(file)) : "no file", sha256::equals);
    }

    private static String awaitMetrics(URI announce, Predicate<String> condition, String what) {
        return eventually(what, PATIENCE).until(() -> get(announce, "/metrics", "127.0.0.1"), condition);
    }

    private static double counter(String metrics, String series) {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(value.find()).as(series + " in\n" + metrics).isTrue();
        return Double.parseDouble(value.group(1));
    }

    /** One announce from {@code source}, always as the same peer; the compact IPv4 peers it got. */
    private static List<String> probe(URI announce, String infoHash, String source, int numwant) throws Exception {
        String query = "/announce?info_hash=" + infoHash + "&peer_id=-PROBE-0000000000000"
                + "&port=9999&uploaded=0&downloaded=0&left=1&compact=1&numwant=" + numwant;
        byte[] body = get(announce, query, source).getBytes(StandardCharsets.ISO_8859_1);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("5:peers");
        assertThat(start).as("a peer list in " + text).isPositive();
        int colon = text.indexOf(':', start + 7);
        int length = Integer.parseInt(text.substring(start + 7, colon));
        List<String> peers = new ArrayList<>();
        for (int i = colon + 1; i < colon + 1 + length; i += 6) {
            peers.add((body[i] & 0xff) + "." + (body[i + 1] & 0xff) + "." + (body[i + 2] & 0xff) + "." + (body[i + 3] & 0xff));
        }
        return peers;
    }

    /** The torrent's info hash (SHA-1 of its bencoded info dictionary), percent-encoded byte by byte. */
    private static String infoHashOf(Path torrent) throws Exception {
        Map<?, ?> metainfo = (Map<?, ?>) Bencode.decode(Files.readAllBytes(torrent));
        byte[] hash = MessageDigest.getInstance("SHA-1").digest(Bencode.encode(metainfo.get("info")));
        StringBuilder encoded = new StringBuilder();
        for (byte b : hash) {
            encoded.append('%').append(HexFormat.of().toHexDigits(b));
        }
        return encoded.toString();
    }

    /** A plain HTTP/1.1 GET sent from {@code source}, so the tracker sees that address. */
    private static String get(URI announce, String pathAndQuery, String source) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(announce.getHost(), announce.getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + announce.getAuthority() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.ISO_8859_1);
            assertThat(text).as(pathAndQuery).startsWith("HTTP/1.1 200");
            return text.substring(text.indexOf("\r\n\r\n") + 4);
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
