package io.altokit.bench;

import io.altokit.core.AddressFamily;
import io.altokit.core.InformationBase;
import io.altokit.core.Snapshot;
import io.altokit.provision.bgp.BgpConfig;
import io.altokit.provision.bgp.BgpFeed;
import io.altokit.provision.bgp.PidRule;
import io.altokit.provision.bgp.PidRules;
import io.altokit.provision.bgp.RouteAttributes;
import io.altokit.provision.bgp.RouteKey;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The snapshot build a full BGP table costs, without the network: 1,000,000 IPv4 + 200,000 IPv6
 * routes in 14 area PIDs go into a {@link BgpFeed}, then the snapshot is built several times.
 * A main rather than JMH: one build takes about a second, and the first ones are the interesting ones.
 *
 * <p>{@code java -Xmx1g -cp bench/target/benchmarks.jar io.altokit.bench.BgpTableBuild [rounds]}
 */
public final class BgpTableBuild {
    private static final int AREAS = 14;

    private BgpTableBuild() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        InetAddress router = InetAddress.getByName("127.0.0.2");
        List<PidRule> rules = new ArrayList<>();
        for (int area = 1; area <= AREAS; area++) {
            rules.add(new PidRule.Community(65000, 100 + area, "area-%02d".formatted(area)));
        }
        BgpConfig config = new BgpConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 65000,
                (Inet4Address) InetAddress.getByName("127.0.0.1"), 90, Duration.ofSeconds(120), Duration.ofSeconds(3600),
                List.of(new BgpConfig.Peer(router, 65001)), new PidRules(rules, "external"));
        try (BgpFeed feed = new BgpFeed(config, () -> new BgpFeed.FileNetwork(Snapshot.builder().defaultPid("external"), Set.of()),
                new InformationBase(Snapshot.builder().build()))) {
            long fill = System.nanoTime();
            for (int area = 1; area <= AREAS; area++) {
                List<RouteKey> batch = new ArrayList<>();
                for (int i = area - 1; i < 1_000_000; i += AREAS) {
                    batch.add(new RouteKey(AddressFamily.IPV4, (0x0B000000L + ((long) i << 8)) << 32, 0, 24));
                }
                for (int i = area - 1; i < 200_000; i += AREAS) {
                    batch.add(new RouteKey(AddressFamily.IPV6, 0x2A00_0000_0000_0000L | (long) i << 16, 0, 48));
                }
                feed.update(router, List.of(), batch, community(area));
            }
            Snapshot first = feed.snapshotNow();
            System.out.printf("filled the route table and built once: %.2f s, %d PIDs%n", (System.nanoTime() - fill) / 1e9,
                    first.networkMap().size());
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                Snapshot snapshot = feed.snapshotNow();
                System.out.printf("round %d: snapshot of %s built in %.2f s%n", round, snapshot.networkMap().vtag(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static RouteAttributes community(int area) {
        long community = 65000L << 16 | (100 + area);
        return new RouteAttributes() {
            @Override
            public boolean hasCommunity(long value) {
                return value == community;
            }

            @Override
            public boolean hasLargeCommunity(long global, long local1, long local2) {
                return false;
            }

            @Override
            public OptionalLong originAs() {
                return OptionalLong.empty();
            }

            @Override
            public Optional<InetAddress> nextHop() {
                return Optional.empty();
            }
        };
    }
}
