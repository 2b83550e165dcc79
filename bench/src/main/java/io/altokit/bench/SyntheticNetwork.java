package io.altokit.bench;

import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded random network of operator scale: random PIDs own random IPv4 prefixes (/16 to /24,
 * mostly /24 as in the BGP table) in 1.0.0.0-223.255.255.255 and IPv6 prefixes (/32 to /48) in
 * 2000::/3. Prefixes are distinct but may nest, as real tables do. Same seed, same network.
 *
 * <p>No cost matrix: a dense one over 10,000 PIDs would be 10<sup>8</sup> doubles (800 MB).
 */
public final class SyntheticNetwork {

    public static final int PIDS = 10_000;
    public static final int IPV4_PREFIXES = 1_000_000;
    public static final int IPV6_PREFIXES = 200_000;

    /** Prefix lengths and their weights (per mille), roughly the shape of today's BGP tables. */
    private static final int[][] IPV4_LENGTHS = {{16, 15}, {17, 10}, {18, 15}, {19, 30}, {20, 50}, {21, 50},
        {22, 120}, {23, 110}, {24, 600}};
    private static final int[][] IPV6_LENGTHS = {{32, 200}, {36, 40}, {40, 60}, {44, 80}, {46, 40}, {47, 30}, {48, 550}};

    private final int pids;
    private final int[] ipv4Address;
    private final byte[] ipv4Length;
    private final int[] ipv4Pid;
    private final long[] ipv6High;
    private final byte[] ipv6Length;
    private final int[] ipv6Pid;

    private SyntheticNetwork(int pids, int ipv4Prefixes, int ipv6Prefixes, SplittableRandom random) {
        this.pids = pids;
        ipv4Address = new int[ipv4Prefixes];
        ipv4Length = new byte[ipv4Prefixes];
        ipv4Pid = new int[ipv4Prefixes];
        ipv6High = new long[ipv6Prefixes];
        ipv6Length = new byte[ipv6Prefixes];
        ipv6Pid = new int[ipv6Prefixes];
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < ipv4Prefixes; ) {
            int length = pick(IPV4_LENGTHS, random);
            int address = (random.nextInt(1, 224) << 24 | random.nextInt(1 << 24)) & (int) (-1L << (32 - length));
            if (seen.add((long) address << 8 | length)) {
                ipv4Address[i] = address;
                ipv4Length[i] = (byte) length;
                ipv4Pid[i++] = random.nextInt(pids);
            }
        }
        seen.clear();
        for (int i = 0; i < ipv6Prefixes; ) {
            int length = pick(IPV6_LENGTHS, random);
            long high = (0x2000_0000_0000_0000L | random.nextLong() >>> 3) & -1L << (64 - length);
            if (seen.add(high | length)) {
                ipv6High[i] = high;
                ipv6Length[i] = (byte) length;
                ipv6Pid[i++] = random.nextInt(pids);
            }
        }
    }

    /** The scale target: 10,000 PIDs, 1,000,000 IPv4 and 200,000 IPv6 prefixes. */
    public static SyntheticNetwork operatorScale(long seed) {
        return generate(seed, PIDS, IPV4_PREFIXES, IPV6_PREFIXES);
    }

    public static SyntheticNetwork generate(long seed, int pids, int ipv4Prefixes, int ipv6Prefixes) {
        return new SyntheticNetwork(pids, ipv4Prefixes, ipv6Prefixes, new SplittableRandom(seed));
    }

    private static int pick(int[][] weightedLengths, SplittableRandom random) {
        int roll = random.nextInt(1000);
        for (int[] lengthAndWeight : weightedLengths) {
            roll -= lengthAndWeight[1];
            if (roll < 0) {
                return lengthAndWeight[0];
            }
        }
        throw new IllegalStateException("weights must add up to 1000");
    }

    public static String pidName(int pid) {
        return "pid" + pid;
    }

    public int ipv4Prefixes() {
        return ipv4Address.length;
    }

    public int ipv6Prefixes() {
        return ipv6High.length;
    }

    /** A builder holding every PID and prefix, as a provisioning source would fill it. */
    public Snapshot.Builder toBuilder() {
        List<List<IpPrefix>> prefixesByPid = new ArrayList<>(pids);
        for (int pid = 0; pid < pids; pid++) {
            prefixesByPid.add(new ArrayList<>());
        }
        for (int i = 0; i < ipv4Address.length; i++) {
            prefixesByPid.get(ipv4Pid[i]).add(new IpPrefix(ipv4(ipv4Address[i]), ipv4Length[i]));
        }
        for (int i = 0; i < ipv6High.length; i++) {
            prefixesByPid.get(ipv6Pid[i]).add(new IpPrefix(ipv6(ipv6High[i], 0), ipv6Length[i]));
        }
        Snapshot.Builder builder = Snapshot.builder();
        for (int pid = 0; pid < pids; pid++) {
            builder.pid(pidName(pid), prefixesByPid.get(pid));
        }
        return builder;
    }

    /** Visits every IPv4 prefix. */
    public void forEachIpv4(Ipv4Visitor visitor) {
        for (int i = 0; i < ipv4Address.length; i++) {
            visitor.visit(ipv4Address[i], ipv4Length[i], pidName(ipv4Pid[i]));
        }
    }

    /** Visits every IPv6 prefix. */
    public void forEachIpv6(Ipv6Visitor visitor) {
        for (int i = 0; i < ipv6High.length; i++) {
            visitor.visit(ipv6High[i], 0, ipv6Length[i], pidName(ipv6Pid[i]));
        }
    }

    public interface Ipv4Visitor {
        void visit(int address, int length, String pid);
    }

    public interface Ipv6Visitor {
        void visit(long high, long low, int length, String pid);
    }

    /** Random addresses, each inside a random configured IPv4 prefix (so most are not the default route). */
    public int[] ipv4Probes(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] probes = new int[count];
        for (int i = 0; i < count; i++) {
            int prefix = random.nextInt(ipv4Address.length);
            probes[i] = ipv4Address[prefix] | random.nextInt() >>> ipv4Length[prefix]; // lengths < 32: shift is exact
        }
        return probes;
    }

    /** Random addresses, each inside a random configured IPv6 prefix. */
    public Ipv6Probes ipv6Probes(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] high = new long[count];
        long[] low = new long[count];
        for (int i = 0; i < count; i++) {
            int prefix = random.nextInt(ipv6High.length);
            high[i] = ipv6High[prefix] | random.nextLong() >>> ipv6Length[prefix]; // lengths < 64: shift is exact
            low[i] = random.nextLong();
        }
        return new Ipv6Probes(high, low);
    }

    public record Ipv6Probes(long[] high, long[] low) {}

    public static InetAddress ipv4(int address) {
        try {
            return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(address).array());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static InetAddress ipv6(long high, long low) {
        try {
            return Inet6Address.getByAddress(null, ByteBuffer.allocate(16).putLong(high).putLong(low).array(), -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
