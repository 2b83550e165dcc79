package io.altokit.bench;

import io.altokit.client.AltoClient;
import io.altokit.core.InformationBase;
import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;
import io.altokit.tracker.AltoMode;
import io.altokit.tracker.Reply;
import io.altokit.tracker.Tracker;
import io.altokit.tracker.TrackerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The tracker's work for one announce without HTTP (issue #6): parse the query, update the peer,
 * choose 50 of a 1,000-peer swarm by ALTO map guidance (20 PIDs, 20 % random share), bencode the
 * answer. The same swarm and queries as bench/tracker/run.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrackerAnnounceBenchmark {
    private static final int PEERS = 1_000;
    private static final int PIDS = 20;

    private AltoServer server;
    private AltoClient client;
    private Tracker tracker;
    private InetAddress remote;
    private String[] queries;
    private int next;

    @Setup
    public void setUp() throws Exception {
        Snapshot.Builder network = Snapshot.builder();
        for (int p = 0; p < PIDS; p++) {
            network.pid("pid-" + p, List.of(IpPrefix.parse("127.1." + p + ".0/24")));
        }
        for (int p = 0; p < PIDS; p++) {
            for (int q = 0; q < PIDS; q++) {
                network.cost("routingcost", "pid-" + p, "pid-" + q, p == q ? 1 : 10 * Math.abs(p - q));
            }
        }
        server = AltoServer.start(ServerConfig.defaults().withPort(0), new InformationBase(network.build()));
        client = AltoClient.builder(server.directoryUri()).build();
        tracker = new Tracker(TrackerConfig.DEFAULTS.withIpParameter(true).withLimits(10, PEERS, 0), AltoMode.MAPS,
                Optional.of(client));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!tracker.guided()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no ALTO maps within 30 s");
            }
            Thread.sleep(10);
        }
        remote = InetAddress.getLoopbackAddress();
        queries = new String[PEERS];
        for (int i = 0; i < PEERS; i++) {
            queries[i] = "info_hash=altokit-bench-swarm1&peer_id=-BENCH-%013d&port=%d&uploaded=0&downloaded=0&left=1000"
                    .formatted(i, 10_000 + i) + "&compact=1&numwant=50&ip=127.1.%d.%d".formatted(i % PIDS, i / PIDS + 1);
            tracker.announce(queries[i], remote).join();
        }
        if (!new String(announce().body(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("5:peers300:")) {
            throw new IllegalStateException("the answer does not list 50 peers");
        }
    }

    @TearDown
    public void tearDown() {
        tracker.close();
        client.close();
        server.close();
    }

    @Benchmark
    public Reply announce() {
        String query = queries[next];
        next = next + 1 == PEERS ? 0 : next + 1;
        return tracker.announce(query, remote).join();
    }
}
