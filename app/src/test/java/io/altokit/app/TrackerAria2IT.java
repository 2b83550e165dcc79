package io.altokit.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    @TempDir
    Path work;
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @Test
    void aria2SwarmDownloadsThroughTheGuidedTracker() throws Exception {
        SystemTools.requirePackage("aria2", "aria2 (BitTorrent client)", "aria2c");
        SystemTools.requirePackage("mktorrent", "mktorrent", "mktorrent");
        URI directory = Swarm.serve(started, work);
        Path trackerLog = work.resolve("tracker.log");
        URI announce = AltoJar.awaitUri(started.add(AltoJar.start(trackerLog, "tracker", "--port", "0", "--bind", "127.0.0.1",
                "--alto", directory.toString(), "--interval", "PT5S", "--rate-limit", "0", "--map-refresh", "5s")), "BitTorrent tracker ready: ", trackerLog);
        awaitMetrics(announce, metrics -> metrics.contains("tracker_alto_guided 1.0"), "the tracker has the ALTO maps");

        byte[] payload = new byte[3 << 20];
        new Random(6).nextBytes(payload);
        Path seedDir = Files.createDirectories(work.resolve("seed"));
        Files.write(seedDir.resolve("payload.bin"), payload);
        Path torrent = work.resolve("payload.torrent");
        Swarm.mktorrent(announce, seedDir.resolve("payload.bin"), torrent);

        for (String seeder : Swarm.SEEDERS) {
            launch(Swarm.aria2(seeder, FreePorts.one(), seedDir, torrent, "--seed-ratio=0", "--bt-seed-unverified=true"));
        }
        awaitMetrics(announce, metrics -> metrics.contains("tracker_seeders 2.0"), "both seeders announced");
        List<Path> leechDirs = new ArrayList<>();
        for (String leecher : Swarm.LEECHERS) {
            Path dir = Files.createDirectories(work.resolve("leech-" + leecher));
            leechDirs.add(dir);
            // Leechers stay as seeders when done, so the probes below see the whole swarm; their logs
            // show whom they connected to first.
            launch(Swarm.aria2(leecher, FreePorts.one(), dir, torrent, "--seed-ratio=0",
                    "--log=" + work.resolve(leecher + ".log"), "--log-level=info"));
        }
        String metrics = awaitMetrics(announce, text -> text.contains("tracker_seeders 5.0"), "every leecher announced completion");
        String expected = Swarm.sha256(payload);
        for (Path dir : leechDirs) {
            Swarm.awaitContent(dir.resolve("payload.bin"), expected, Duration.ofSeconds(10));
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
        byte[] infoHash = Swarm.infoHash(torrent);
        boolean randomReachedPid3 = false;
        for (int probe = 0; probe < 30; probe++) {
            List<String> peers = Swarm.probe(announce, infoHash, "127.0.1.99", 3);
            assertThat(peers).hasSize(3);
            assertThat(peers.subList(0, 2)).as("ranked places: the same-PID peers").allMatch(peer -> peer.startsWith("127.0.1."));
            assertThat(peers.get(2)).as("the random place: another PID").doesNotStartWith("127.0.1.");
            randomReachedPid3 |= peers.get(2).startsWith("127.0.3.");
        }
        assertThat(randomReachedPid3).as("the random share reached the farthest PID in 30 probes").isTrue();
    }

    /** An aria2 process, its output discarded; stopped after the test. */
    private Process launch(List<String> command) throws Exception {
        return started.add(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** The first peer a leecher connected to, from its aria2 log. */
    private String firstConnection(String leecher) throws Exception {
        return Swarm.firstConnection(work.resolve(leecher + ".log"), leecher);
    }

    private static String awaitMetrics(URI announce, Predicate<String> condition, String what) {
        return eventually(what, PATIENCE).until(() -> Swarm.get(announce, "/metrics", "127.0.0.1"), condition);
    }

    private static double counter(String metrics, String series) {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(value.find()).as(series + " in\n" + metrics).isTrue();
        return Double.parseDouble(value.group(1));
    }
}
