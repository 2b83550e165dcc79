package io.altokit.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static io.altokit.app.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client-side ALTO for an unmodified client: aria2 seeders and leechers on loopback addresses in
 * three PIDs announce through {@code alto peer-proxy} to a real tracker that knows nothing of ALTO
 * (opentracker, from Debian). The leechers' files must match; the proxy must have ranked the
 * tracker's lists (its metrics), each leecher's first connection must go to the cheapest PID it could
 * see, and probes through the proxy must get same-PID peers first while the tracker lists the
 * proxied peers at their own addresses.
 */
class PeerProxyAria2IT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path work;
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @Test
    void aria2DownloadsThroughThePeerProxyFromOpentracker() throws Exception {
        SystemTools.requirePackage("aria2", "aria2 (BitTorrent client)", "aria2c");
        SystemTools.requirePackage("mktorrent", "mktorrent", "mktorrent");
        SystemTools.requirePackage("opentracker", "opentracker (BitTorrent tracker)", "opentracker");
        URI directory = Swarm.serve(started, work);
        Path proxyLog = work.resolve("proxy.log");
        URI proxy = AltoJar.awaitUri(started.add(AltoJar.start(proxyLog, "peer-proxy", "--port", "0", "--server", directory.toString(),
                "--map-refresh", "5s")),
                "peer proxy ready: ", proxyLog);

        eventually("the proxy has the ALTO maps", PATIENCE).until(() -> Swarm.get(proxy, "/metrics", "127.0.0.1"),
                metrics -> metrics.contains("peer_proxy_alto_guided 1.0"));

        byte[] payload = new byte[3 << 20];
        new Random(18).nextBytes(payload);
        Path seedDir = Files.createDirectories(work.resolve("seed"));
        Files.write(seedDir.resolve("payload.bin"), payload);
        // The torrent's tracker is opentracker, reached through the proxy; opentracker serves the torrents it is told of.
        int trackerPort = FreePorts.one();
        URI tracker = URI.create("http://127.0.0.1:" + trackerPort + "/announce");
        Path torrent = work.resolve("payload.torrent");
        Swarm.mktorrent(URI.create(proxy + URLEncoder.encode(tracker.toString(), StandardCharsets.UTF_8)), seedDir.resolve("payload.bin"), torrent);
        byte[] infoHash = Swarm.infoHash(torrent);
        Path chroot = Files.createDirectories(work.resolve("opentracker"));
        Files.writeString(chroot.resolve("whitelist"), HexFormat.of().formatHex(infoHash) + "\n");
        launch(List.of("opentracker", "-i", "127.0.0.1", "-p", Integer.toString(trackerPort), "-P", Integer.toString(trackerPort),
                "-d", chroot.toString(), "-w", "/whitelist"));
        eventually("opentracker listening on " + trackerPort, PATIENCE).until(() -> accepts(trackerPort), accepting -> accepting);

        for (String seeder : Swarm.SEEDERS) {
            launch(Swarm.aria2(seeder, FreePorts.one(), seedDir, torrent, "--seed-ratio=0", "--bt-seed-unverified=true"));
        }
        URI proxiedAnnounce = URI.create(proxy + URLEncoder.encode(tracker.toString(), StandardCharsets.UTF_8));
        // Direct probes come from 127.0.9.99, in no PID, so that the probe peer is no one's cheapest.
        eventually("both seeders announced through the proxy", PATIENCE)
                .until(() -> Swarm.probe(tracker, infoHash, "127.0.9.99", 50), peers -> peers.containsAll(List.of(Swarm.SEEDERS)));
        List<Path> leechDirs = new ArrayList<>();
        for (String leecher : Swarm.LEECHERS) {
            Path dir = Files.createDirectories(work.resolve("leech-" + leecher));
            leechDirs.add(dir);
            launch(Swarm.aria2(leecher, FreePorts.one(), dir, torrent, "--seed-ratio=0",
                    "--log=" + work.resolve(leecher + ".log"), "--log-level=info"));
        }
        String expected = Swarm.sha256(payload);
        for (Path dir : leechDirs) {
            Swarm.awaitContent(dir.resolve("payload.bin"), expected, PATIENCE);
        }

        String metrics = Swarm.get(proxy, "/metrics", "127.0.0.1");
        assertThat(metrics).as("the proxy put aria2's lists in ALTO order")
                .containsPattern("peer_proxy_announces_total\\{outcome=\"ranked\"} [1-9]")
                .contains("peer_proxy_announces_total{outcome=\"failure\"} 0.0");
        // aria2 connects in the order of the list it got: the cheapest PID it could see first (after itself,
        // which opentracker lists too).
        assertThat(Swarm.firstConnection(work.resolve("127.0.1.6.log"), "127.0.1.6")).startsWith("127.0.1.");
        assertThat(Swarm.firstConnection(work.resolve("127.0.2.6.log"), "127.0.2.6")).startsWith("127.0.2.");
        assertThat(Swarm.firstConnection(work.resolve("127.0.3.6.log"), "127.0.3.6")).startsWith("127.0.2.");

        // opentracker lists peers at the addresses it saw: the proxied announces came from the peers' own.
        List<String> direct = Swarm.probe(tracker, infoHash, "127.0.9.99", 50);
        assertThat(direct).contains("127.0.1.5", "127.0.2.5", "127.0.1.6", "127.0.2.6", "127.0.3.6");
        // Through the proxy, a peer in pid-1 gets the pid-1 peers first (3 of 6 listed places are ranked
        // before the one random place at the end of the first five), whatever order opentracker used.
        for (int probe = 0; probe < 5; probe++) {
            List<String> peers = Swarm.probe(proxiedAnnounce, infoHash, "127.0.1.99", 50);
            assertThat(peers.subList(0, 2)).as("ranked first: the pid-1 peers, in " + peers).allMatch(peer -> peer.startsWith("127.0.1."));
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void launch(List<String> command) throws Exception {
        started.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }
}
