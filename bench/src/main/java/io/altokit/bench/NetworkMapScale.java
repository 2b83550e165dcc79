package io.altokit.bench;

import io.altokit.core.AddressFamily;
import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * Builds the operator-scale snapshot (1,000,000 IPv4 + 200,000 IPv6 prefixes, 10,000 PIDs) a few
 * times and prints how long filling the builder and {@code build()} take, and how long the
 * aggregated-prefix view of a privacy policy takes to derive from it; then how much heap one
 * finished snapshot keeps. A main rather than a JMH benchmark because retained heap is measured
 * between full collections, outside any timing loop.
 *
 * <p>{@code java -Xmx4g -cp bench/target/benchmarks.jar io.altokit.bench.NetworkMapScale [rounds]}
 */
public final class NetworkMapScale {

    private static final long SEED = 7285;

    private NetworkMapScale() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long start = System.nanoTime();
        SyntheticNetwork network = SyntheticNetwork.operatorScale(SEED);
        print("generated %,d IPv4 + %,d IPv6 prefixes in %,d PIDs: %.2f s",
                network.ipv4Prefixes(), network.ipv6Prefixes(), SyntheticNetwork.PIDS, secondsSince(start));

        timeBuilds(network, rounds);

        print("retained heap of one snapshot: %.1f MB", retainedBytes(network) / 1e6);
    }

    /** Used heap with a snapshot minus used heap once it is unreachable, each after full collections. */
    private static long retainedBytes(SyntheticNetwork network) {
        Snapshot snapshot = network.toBuilder().build();
        long with = usedHeapAfterGc();
        Reference.reachabilityFence(snapshot);
        snapshot = null; // an interpreted frame would otherwise keep it reachable
        return with - usedHeapAfterGc();
    }

    /** In a method of its own so that no builder outlives it in a stack slot and skews the heap figure. */
    private static void timeBuilds(SyntheticNetwork network, int rounds) {
        for (int round = 1; round <= rounds; round++) {
            long fill = System.nanoTime();
            Snapshot.Builder builder = network.toBuilder();
            long build = System.nanoTime();
            Snapshot snapshot = builder.build();
            print("round %d: fill builder %.2f s, build() %.2f s, total %.2f s",
                    round, (build - fill) / 1e9, secondsSince(build), secondsSince(fill));
            long aggregate = System.nanoTime();
            Snapshot aggregated = snapshot.withAggregatedPrefixes();
            print("round %d: withAggregatedPrefixes() %.2f s, %,d -> %,d prefixes", round, secondsSince(aggregate),
                    prefixCount(snapshot), prefixCount(aggregated));
        }
    }

    /** Collects until used heap stops shrinking: one collection may leave garbage for the next. */
    private static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        long previous;
        do {
            previous = used;
            System.gc();
            used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        } while (used < previous);
        return used;
    }

    private static long prefixCount(Snapshot snapshot) {
        NetworkMap map = snapshot.networkMap();
        long count = 0;
        for (int pid = 0; pid < map.size(); pid++) {
            for (AddressFamily family : AddressFamily.values()) {
                count += map.prefixes(pid, family).size();
            }
        }
        return count;
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
