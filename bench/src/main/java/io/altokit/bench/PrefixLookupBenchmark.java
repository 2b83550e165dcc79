package io.altokit.bench;

import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;
import io.altokit.core.NetworkMap;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
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

/**
 * Longest-prefix match on the operator-scale map (1,000,000 IPv4 + 200,000 IPv6 prefixes, 10,000
 * PIDs): AltoKit's {@link NetworkMap} against the IPAddress library's associative tries holding
 * the same prefixes. Probe addresses lie in random configured prefixes; there are far more of them
 * than fit in the CPU caches, so every lookup pays for its memory accesses. Setup checks that both
 * sides answer the same PID for every probe.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class PrefixLookupBenchmark {

    private static final long SEED = 7285;
    private static final int PROBES = 1 << 20;

    private NetworkMap map;
    private IPv4AddressAssociativeTrie<Integer> libraryIpv4;
    private IPv6AddressAssociativeTrie<Integer> libraryIpv6;

    private int[] ipv4;
    private long[] ipv6High;
    private long[] ipv6Low;
    private InetAddress[] ipv4Inet;
    private InetAddress[] ipv6Inet;
    private IPv4Address[] ipv4Library;
    private IPv6Address[] ipv6Library;
    private int next;

    @Setup
    public void setUp() {
        SyntheticNetwork network = SyntheticNetwork.operatorScale(SEED);
        map = network.toBuilder().build().networkMap();
        libraryIpv4 = new IPv4AddressAssociativeTrie<>();
        libraryIpv6 = new IPv6AddressAssociativeTrie<>();
        // The same default routes our map adds, so both sides always find a match.
        libraryIpv4.put(new IPv4Address(0, 0).toPrefixBlock(), pid("default"));
        libraryIpv6.put(new IPv6Address(0, 0, 0).toPrefixBlock(), pid("default"));
        network.forEachIpv4((address, length, pid) ->
                libraryIpv4.put(new IPv4Address(address, length).toPrefixBlock(), pid(pid)));
        network.forEachIpv6((high, low, length, pid) ->
                libraryIpv6.put(new IPv6Address(high, low, length).toPrefixBlock(), pid(pid)));

        ipv4 = network.ipv4Probes(SEED, PROBES);
        SyntheticNetwork.Ipv6Probes ipv6 = network.ipv6Probes(SEED, PROBES);
        ipv6High = ipv6.high();
        ipv6Low = ipv6.low();
        ipv4Inet = new InetAddress[PROBES];
        ipv6Inet = new InetAddress[PROBES];
        ipv4Library = new IPv4Address[PROBES];
        ipv6Library = new IPv6Address[PROBES];
        for (int i = 0; i < PROBES; i++) {
            ipv4Inet[i] = SyntheticNetwork.ipv4(ipv4[i]);
            ipv6Inet[i] = SyntheticNetwork.ipv6(ipv6High[i], ipv6Low[i]);
            ipv4Library[i] = new IPv4Address(ipv4[i]);
            ipv6Library[i] = new IPv6Address(ipv6High[i], ipv6Low[i]);
        }
        checkBothSidesAgree();
    }

    private int pid(String name) {
        return map.indexOf(name).orElseThrow();
    }

    private void checkBothSidesAgree() {
        for (int i = 0; i < PROBES; i++) {
            int ours = map.lookupIpv4(ipv4[i]);
            int theirs = libraryIpv4.longestPrefixMatchNode(ipv4Library[i]).getValue();
            if (ours != theirs || map.lookup(ipv4Inet[i]) != ours) {
                throw new IllegalStateException("IPv4 " + ipv4Inet[i] + ": PID " + ours + " here, " + theirs + " in the library");
            }
            ours = map.lookupIpv6(ipv6High[i], ipv6Low[i]);
            theirs = libraryIpv6.longestPrefixMatchNode(ipv6Library[i]).getValue();
            if (ours != theirs || map.lookup(ipv6Inet[i]) != ours) {
                throw new IllegalStateException("IPv6 " + ipv6Inet[i] + ": PID " + ours + " here, " + theirs + " in the library");
            }
        }
    }

    private int nextProbe() {
        return next++ & (PROBES - 1);
    }

    @Benchmark
    public int ipv4Ours() {
        return map.lookupIpv4(ipv4[nextProbe()]);
    }

    @Benchmark
    public int ipv4OursFromInetAddress() {
        return map.lookup(ipv4Inet[nextProbe()]);
    }

    @Benchmark
    public int ipv4Library() {
        return libraryIpv4.longestPrefixMatchNode(ipv4Library[nextProbe()]).getValue();
    }

    @Benchmark
    public int ipv6Ours() {
        int probe = nextProbe();
        return map.lookupIpv6(ipv6High[probe], ipv6Low[probe]);
    }

    @Benchmark
    public int ipv6OursFromInetAddress() {
        return map.lookup(ipv6Inet[nextProbe()]);
    }

    @Benchmark
    public int ipv6Library() {
        return libraryIpv6.longestPrefixMatchNode(ipv6Library[nextProbe()]).getValue();
    }
}
