package io.altokit.bench;

import io.altokit.core.AddressFamily;
import io.altokit.core.InformationBase;
import io.altokit.core.PrefixKey;
import io.altokit.core.Snapshot;
import io.altokit.provision.bgp.BgpConfig;
import io.altokit.provision.bgp.BgpFeed;
import io.altokit.provision.bgp.PidRule;
import io.altokit.provision.bgp.PidRules;
import io.altokit.provision.bgp.RouteAttributes;
import io.altokit.provision.publish.Publisher;
import io.altokit.provision.publish.Routes;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The snapshot build a full BGP table costs, without the network: 1,000,000 IPv4 + 200,000 IPv6
 * routes in 14 area PIDs go into a {@link BgpFeed}, then the snapshot is built from its routes
 * several times, as the publisher builds it (taking the routes off the feed's thread included).
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
        Snapshot network = Snapshot.builder().defaultPid("external").build();
        try (Publisher publisher = Publisher.start(new InformationBase(network), network, false);
             BgpFeed feed = new BgpFeed(config, publisher)) {
            long fill = System.nanoTime();
            for (int area = 1; area <= AREAS; area++) {
                List<PrefixKey> batch = new ArrayList<>();
                for (int i = area - 1; i < 1_000_000; i += AREAS) {
                    batch.add(new PrefixKey(AddressFamily.IPV4, (0x0B000000L + ((long) i << 8)) << 32, 0, 24));
                }
                for (int i = area - 1; i < 200_000; i += AREAS) {
                    batch.add(new PrefixKey(AddressFamily.IPV6, 0x2A00_0000_0000_0000L | (long) i << 16, 0, 48));
                }
                feed.update(router, List.of(), batch, community(area));
            }
            Snapshot first = build(network, feed.routesNow());
            System.out.printf("filled the route table and built once: %.2f s, %d PIDs%n", (System.nanoTime() - fill) / 1e9,
                    first.networkMap().size());
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                Snapshot snapshot = build(network, feed.routesNow());
                System.out.printf("round %d: snapshot of %s built in %.2f s%n", round, snapshot.networkMap().vtag(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** What the publisher builds when the routes change: the network with the routes laid over it. */
    private static Snapshot build(Snapshot network, Routes routes) {
        Snapshot.Builder builder = network.toBuilder();
        routes.addTo(builder, network);
        return builder.build();
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
            public OptionalLong neighborAs() {
                return OptionalLong.empty();
            }

            @Override
            public OptionalInt communityValue(int asn) {
                return asn == 65000 ? OptionalInt.of(100 + area) : OptionalInt.empty();
            }

            @Override
            public Optional<InetAddress> nextHop() {
                return Optional.empty();
            }
        };
    }
}
