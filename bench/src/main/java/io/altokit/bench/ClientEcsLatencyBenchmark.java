package io.altokit.bench;

import io.altokit.client.AltoClient;
import io.altokit.client.PeerRanker;
import io.altokit.client.Ranking;
import io.altokit.core.InformationBase;
import io.altokit.app.ExampleNetwork;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ECS ranking latency through the client (issue #4): {@link PeerRanker} with the endpoint cost
 * strategy ranks 100 candidates over HTTP/1.1 keep-alive against a local server on the embedded
 * example network; sample mode gives the latency distribution (p50, p99).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClientEcsLatencyBenchmark {
    private AltoServer server;
    private AltoClient client;
    private PeerRanker ranker;
    private InetAddress source;
    private List<InetAddress> candidates;

    @Setup
    public void setUp() throws Exception {
        server = AltoServer.start(ServerConfig.defaults().withPort(0), new InformationBase(ExampleNetwork.snapshot()));
        client = AltoClient.builder(server.directoryUri()).build();
        ranker = PeerRanker.builder(client).seed(1).build();
        source = InetAddress.getByName("10.1.2.3");
        candidates = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            candidates.add(InetAddress.getByName("10." + (i % 14 + 1) + "." + (i * 7 % 250) + "." + (i * 13 % 250 + 1)));
        }
        if (ranker.rank(source, candidates).status() != Ranking.Status.OK) {
            throw new IllegalStateException("the benchmark ranking is not OK");
        }
    }

    @TearDown
    public void tearDown() {
        client.close();
        server.close();
    }

    @Benchmark
    public Ranking rankHundredCandidatesThroughEcs() {
        return ranker.rank(source, candidates);
    }
}
