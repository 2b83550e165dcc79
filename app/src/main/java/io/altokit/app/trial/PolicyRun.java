package io.altokit.app.trial;

import io.altokit.tracker.Bencode;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One policy's run on the built network: its tracker in the core (and for {@code alto-proxy} a peer
 * proxy in every peer's namespace), the super-seed, then every downloader at once; it ends when all
 * downloaders completed or at the time limit, and stops everything it started.
 */
final class PolicyRun {
    static final int TRACKER_PORT = 6969;
    static final int PROXY_PORT = 6970;
    static final int CLIENT_PORT = 6881;
    static final String FILE_NAME = "payload.bin";
    /** Where aria2's completion hook writes the time, in epoch milliseconds, atomically (a rename). */
    static final String COMPLETED = "completed";
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final String HOOK = """
            #!/bin/sh
            # aria2 runs this when a download completes, before seeding: GID, number of files, path of the file.
            dir=$(dirname "$3")
            date +%s%3N > "$dir/.completed.tmp" && mv "$dir/.completed.tmp" "$dir/completed"
            """;

    private final Policy policy;
    private final TrialSettings settings;
    private final EmulatedIsp isp;
    private final URI directory;
    private final byte[] payload;
    private final Path dir;
    private final PrintWriter progress;

    PolicyRun(Policy policy, TrialSettings settings, EmulatedIsp isp, URI directory, byte[] payload, Path dir, PrintWriter progress) {
        this.policy = policy;
        this.settings = settings;
        this.isp = isp;
        this.directory = directory;
        this.payload = payload;
        this.dir = dir;
        this.progress = progress;
    }

    /** Runs the policy with {@code daemons}, which it closes: every process it started is stopped on return. */
    PolicyResult run(Daemons daemons) throws IOException {
        TrialPlan plan = settings.plan();
        Files.createDirectories(dir);
        Path hook = Files.writeString(dir.resolve("completed.sh"), HOOK);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        String infoHash = Torrent.infoHashHex(Torrent.metainfo("", FILE_NAME, payload));
        Map<TrialPeer, Long> startMillis = new LinkedHashMap<>();
        Map<TrialPeer, Long> doneMillis = new LinkedHashMap<>();
        EmulatedIsp.Traffic traffic;
        long runStart;
        long runEnd;
        try (daemons) {
            String trackerAnnounce = startTracker(daemons, infoHash);
            String clientAnnounce = policy == Policy.ALTO_PROXY
                    ? "http://127.0.0.1:" + PROXY_PORT + "/announce/" + URLEncoder.encode(trackerAnnounce, StandardCharsets.UTF_8)
                    : trackerAnnounce;
            Path torrent = Files.write(dir.resolve("payload.torrent"), Torrent.metainfo(clientAnnounce, FILE_NAME, payload));
            if (policy == Policy.ALTO_PROXY) {
                startProxies(daemons);
            }
            TrialPeer superSeed = plan.superSeed();
            Files.write(Files.createDirectories(peerDir(superSeed)).resolve(FILE_NAME), payload);
            daemons.start(superSeed.namespace(), aria2(superSeed, torrent, hook), peerDir(superSeed).resolve("aria2.log"));
            Await.body(scrape(infoHash), body -> seeds(body) >= 1, "the super-seed's announce to the " + policy.label() + " tracker", STARTUP);

            EmulatedIsp.Traffic before = isp.traffic();
            runStart = System.currentTimeMillis();
            for (TrialPeer peer : plan.downloaders()) {
                Files.createDirectories(peerDir(peer));
                startMillis.put(peer, System.currentTimeMillis());
                daemons.start(peer.namespace(), aria2(peer, torrent, hook), peerDir(peer).resolve("aria2.log"));
            }
            long deadline = runStart + settings.timeLimit().toMillis();
            awaitCompletions(startMillis.keySet(), doneMillis, deadline);
            runEnd = doneMillis.size() == startMillis.size() ? doneMillis.values().stream().mapToLong(Long::longValue).max().orElse(runStart)
                    : deadline;
            traffic = isp.traffic().since(before);
        }
        List<Duration> times = doneMillis.entrySet().stream()
                .map(done -> Duration.ofMillis(Math.max(0, done.getValue() - startMillis.get(done.getKey())))).toList();
        progress.printf("trial: %s: %d of %d downloaders completed in %.0f s%n", policy.label(), doneMillis.size(), startMillis.size(),
                (runEnd - runStart) / 1000.0);
        progress.flush();
        return new PolicyResult(policy, plan.peers().size(), plan.areas(), startMillis.size(), doneMillis.size(), verified(doneMillis.keySet()),
                traffic.interAreaBytes(), traffic.totalBytes(), times, Duration.ofMillis(runEnd - runStart));
    }

    /** Polls the downloaders' completion files into {@code done} until all completed or the deadline passed. */
    private void awaitCompletions(Set<TrialPeer> started, Map<TrialPeer, Long> done, long deadline) throws IOException {
        while (done.size() < started.size() && System.currentTimeMillis() < deadline) {
            Await.pause();
            for (TrialPeer peer : started) {
                if (!done.containsKey(peer)) {
                    completion(peer).ifPresent(millis -> done.put(peer, millis));
                }
            }
        }
    }

    /** How many of these peers hold the payload, byte for byte (SHA-256). */
    private int verified(Set<TrialPeer> peers) throws IOException {
        String expected = Torrent.sha256Hex(payload);
        int verified = 0;
        for (TrialPeer peer : peers) {
            Path file = peerDir(peer).resolve(FILE_NAME);
            if (Files.exists(file) && expected.equals(Torrent.sha256Hex(Files.readAllBytes(file)))) {
                verified++;
            }
        }
        return verified;
    }

    /** Starts the policy's tracker in the core; returns its announce URL. */
    private String startTracker(Daemons daemons, String infoHash) throws IOException {
        String announce = "http://" + AddressPlan.CORE_ADDRESS + ":" + TRACKER_PORT + "/announce";
        Path log = dir.resolve("tracker.log");
        if (policy == Policy.ALTO) {
            Process tracker = daemons.startReporting(AddressPlan.CORE_NAMESPACE, settings.alto().command("tracker",
                    "--bind", AddressPlan.CORE_ADDRESS, "--port", Integer.toString(TRACKER_PORT), "--server", directory.toString(),
                    "--seed", Long.toString(settings.plan().seed()), "--rate-limit", "0"), log);
            Daemons.awaitReady(tracker, "BitTorrent tracker ready: ", "alto tracker", log, STARTUP);
            Await.body(URI.create("http://" + AddressPlan.CORE_ADDRESS + ":" + TRACKER_PORT + "/metrics"),
                    body -> new String(body, StandardCharsets.UTF_8).contains("tracker_alto_guided 1"), "the ALTO maps in the tracker", STARTUP);
        } else {
            // opentracker serves the torrents its whitelist names; it reads the list inside its chroot.
            Path chroot = Files.createDirectories(dir.resolve("opentracker"));
            Files.writeString(chroot.resolve("whitelist"), infoHash + "\n");
            daemons.start(AddressPlan.CORE_NAMESPACE, List.of("opentracker", "-i", AddressPlan.CORE_ADDRESS,
                    "-p", Integer.toString(TRACKER_PORT), "-P", Integer.toString(TRACKER_PORT), "-d", chroot.toString(), "-w", "/whitelist"), log);
            Await.body(scrape(infoHash), body -> true, "opentracker", STARTUP);
        }
        return announce;
    }

    /** One peer proxy in each peer's namespace, ranking from the peer's address; waits until each has the ALTO maps. */
    private void startProxies(Daemons daemons) throws IOException {
        Map<TrialPeer, Process> proxies = new LinkedHashMap<>();
        for (TrialPeer peer : settings.plan().peers()) {
            Path log = Files.createDirectories(peerDir(peer)).resolve("peer-proxy.log");
            proxies.put(peer, daemons.startReporting(peer.namespace(), settings.alto().command("peer-proxy",
                    "--bind", "0.0.0.0", "--port", Integer.toString(PROXY_PORT), "--server", directory.toString(),
                    "--seed", Long.toString(settings.plan().seed() + peer.id())), log));
        }
        for (Map.Entry<TrialPeer, Process> proxy : proxies.entrySet()) {
            TrialPeer peer = proxy.getKey();
            Daemons.awaitReady(proxy.getValue(), "peer proxy ready: ", "the peer proxy of " + peer.namespace(),
                    peerDir(peer).resolve("peer-proxy.log"), STARTUP);
            Await.body(URI.create("http://" + peer.address() + ":" + PROXY_PORT + "/metrics"),
                    body -> new String(body, StandardCharsets.UTF_8).contains("peer_proxy_alto_guided 1"),
                    "the ALTO maps in the peer proxy of " + peer.namespace(), STARTUP);
        }
    }

    /**
     * aria2 in the peer's namespace: the tracker its only source of peers (no DHT, PEX, LPD), a re-announce
     * every 5 s, at most {@code connections} peers and no extra ones when downloads are slow.
     */
    private List<String> aria2(TrialPeer peer, Path torrent, Path hook) {
        List<String> command = new ArrayList<>(List.of("aria2c", "--interface=" + peer.address(), "--listen-port=" + CLIENT_PORT,
                "--dir=" + peerDir(peer), "--enable-dht=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--disable-ipv6=true", "--file-allocation=none", "--summary-interval=0", "--show-console-readout=false", "--console-log-level=warn",
                "--bt-tracker-interval=5", "--bt-max-peers=" + settings.connections(), "--bt-request-peer-speed-limit=0",
                "--on-bt-download-complete=" + hook));
        command.addAll(switch (peer.role()) {
            case SUPER_SEED -> List.of("--seed-ratio=0.0", "--bt-seed-unverified=true");
            case SEEDER -> List.of("--seed-ratio=0.0");
            case LEECHER -> List.of("--seed-time=0");
        });
        command.add(torrent.toString());
        return command;
    }

    private Optional<Long> completion(TrialPeer peer) throws IOException {
        Path completed = peerDir(peer).resolve(COMPLETED);
        if (!Files.exists(completed)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(Files.readString(completed).strip()));
    }

    private URI scrape(String infoHash) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : HexFormat.of().parseHex(infoHash)) {
            encoded.append('%').append(HexFormat.of().toHexDigits(b));
        }
        return URI.create("http://" + AddressPlan.CORE_ADDRESS + ":" + TRACKER_PORT + "/scrape?info_hash=" + encoded);
    }

    /** The seeds a scrape of one torrent counts ({@code complete}); 0 when it does not list the torrent. */
    static long seeds(byte[] scrape) {
        Object decoded;
        try {
            decoded = Bencode.decode(scrape);
        } catch (IllegalArgumentException notBencoded) {
            return 0;
        }
        if (!(decoded instanceof Map<?, ?> answer) || !(answer.get("files") instanceof Map<?, ?> files)) {
            return 0;
        }
        return files.values().stream().filter(Map.class::isInstance).map(file -> ((Map<?, ?>) file).get("complete"))
                .filter(Long.class::isInstance).mapToLong(Long.class::cast).sum();
    }

    private Path peerDir(TrialPeer peer) {
        return dir.resolve(peer.namespace());
    }
}
