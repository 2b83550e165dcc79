package io.altokit.bench;

import io.altokit.client.MapGuidance;
import io.altokit.client.PeerOrder;
import io.altokit.client.Ranking;
import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.model.AddressType;
import io.altokit.model.CostMapResponse;
import io.altokit.model.CostMode;
import io.altokit.model.CostTable;
import io.altokit.model.CostType;
import io.altokit.model.NetworkMapResponse;
import io.altokit.model.VersionTag;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Map-based peer ranking (issue #4): 1,000 candidate addresses ranked for one source against the
 * operator-scale network map (1,000,000 IPv4 + 200,000 IPv6 prefixes, 10,000 PIDs) and the
 * source PID's row of a cost map, through {@link MapGuidance} and {@link PeerOrder} with the
 * default 20 % random share. Candidates lie in random configured prefixes, three quarters IPv4.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class PeerRankingBenchmark {
    private static final int CANDIDATES = 1_000;

    private MapGuidance guidance;
    private PeerOrder order;
    private InetAddress source;
    private List<InetAddress> candidates;

    @Setup
    public void setUp() throws Exception {
        NetworkMap map = SyntheticNetwork.operatorScale(7285).toBuilder().build().networkMap();
        Map<String, Map<AddressType, List<String>>> pids = new LinkedHashMap<>();
        List<IpPrefix> all = new ArrayList<>();
        for (int pid = 0; pid < map.size(); pid++) {
            Map<AddressType, List<String>> groups = new EnumMap<>(AddressType.class);
            for (AddressFamily family : AddressFamily.values()) {
                List<IpPrefix> prefixes = map.prefixes(pid, family);
                all.addAll(prefixes.stream().filter(prefix -> prefix.length() > 0).toList());
                groups.put(family == AddressFamily.IPV4 ? AddressType.IPV4 : AddressType.IPV6,
                        prefixes.stream().map(IpPrefix::toString).toList());
            }
            pids.put(map.pidName(pid), groups);
        }
        VersionTag vtag = new VersionTag("default-network-map", map.vtag());
        SplittableRandom random = new SplittableRandom(4);
        candidates = new ArrayList<>();
        for (int i = 0; i < CANDIDATES; i++) {
            candidates.add(all.get(random.nextInt(all.size())).address());
        }
        source = candidates.getFirst();
        String sourcePid = map.pidName(map.lookup(source));
        double[] row = new double[map.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = 1 + random.nextInt(100);
        }
        guidance = MapGuidance.of(new NetworkMapResponse(vtag, pids), new CostMapResponse(List.of(vtag),
                new CostType("routingcost", CostMode.NUMERICAL), new CostTable(List.of(sourcePid), map.pidNames(), row)));
        order = new PeerOrder(PeerOrder.DEFAULT_RANDOM_SHARE, new SplittableRandom(1));
    }

    @Benchmark
    public Ranking rankThousandCandidates() {
        return order.order(candidates, guidance.costs(source, candidates));
    }
}
