package io.altokit.sim.topology;

import io.altokit.core.AddressFamily;
import io.altokit.core.CostMatrix;
import io.altokit.core.Criterion;
import io.altokit.core.InformationBase;
import io.altokit.core.Rating;
import io.altokit.core.Snapshot;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A generated network: ASes placed in a unit square (inter-AS round-trip times grow with the
 * distance), pairwise transit costs (each AS has a transit price; some pairs peer for free),
 * per-AS transit link capacities, and peers with access links, access latencies and IPv4
 * addresses in their AS's prefix. The same data is published as an ALTO {@link Snapshot} in an
 * {@link InformationBase}: one PID per AS, {@code delay-rt} (ms), {@code priv:transit}, and the
 * operator's {@code routingcost} rating of both, so ALTO policies rank through the real client code.
 * Peers and ASes are indexed from 0; every array here is read-only after construction.
 */
public final class Topology {
    /** One-way access latency of a peer, drawn uniformly from this range (seconds). */
    private static final double ACCESS_LATENCY_MIN_S = 0.002;
    private static final double ACCESS_LATENCY_MAX_S = 0.020;
    private static final double INTRA_AS_RTT_S = 0.004;
    private static final double INTER_AS_RTT_BASE_S = 0.020;
    private static final double INTER_AS_RTT_PER_UNIT_S = 0.100;
    private static final double PEERING_SHARE = 0.15;
    /** The operator's rating: transit money matters most, delay breaks ties between equally priced paths. */
    public static final Rating RATING = new Rating(List.of(
            Criterion.linear(TopologyMetrics.TRANSIT, 0.8), Criterion.linear(TopologyMetrics.DELAY, 0.2)));
    private static final int FIRST_ADDRESS = 0x0A00_0000; // 10.0.0.0/8 holds every AS's block

    private final TopologySpec spec;
    private final int[] peerAs;
    private final double[] uplinkBps;
    private final double[] downlinkBps;
    private final double[] accessLatencyS;
    private final double[] asRttS;
    private final double[] transitCost;
    private final double[] transitCapacityBps;
    private final int[] asPeerCount;
    private final InetAddress[] addresses;
    private final Map<InetAddress, Integer> peerByAddress;
    private final InformationBase alto;

    private Topology(TopologySpec spec) {
        this.spec = spec;
        SplittableRandom random = new SplittableRandom(spec.seed());
        int ases = spec.ases();
        int peers = spec.peers();
        asRttS = new double[ases * ases];
        transitCost = new double[ases * ases];
        generateAsPairs(random.split(), ases);
        peerAs = new int[peers];
        uplinkBps = new double[peers];
        downlinkBps = new double[peers];
        accessLatencyS = new double[peers];
        asPeerCount = new int[ases];
        placePeers(random.split());
        transitCapacityBps = new double[ases];
        sizeTransitLinks(random.split());
        addresses = new InetAddress[peers];
        peerByAddress = new HashMap<>(peers * 2);
        alto = new InformationBase(addressAndPublish());
    }

    /** @throws IllegalArgumentException when the peers do not fit the 10.0.0.0/8 address plan */
    public static Topology generate(TopologySpec spec) {
        return new Topology(spec);
    }

    private void generateAsPairs(SplittableRandom random, int ases) {
        double[] x = new double[ases];
        double[] y = new double[ases];
        double[] price = new double[ases];
        for (int a = 0; a < ases; a++) {
            x[a] = random.nextDouble();
            y[a] = random.nextDouble();
            price[a] = 1 + 9 * random.nextDouble();
        }
        for (int a = 0; a < ases; a++) {
            asRttS[a * ases + a] = INTRA_AS_RTT_S;
            for (int b = a + 1; b < ases; b++) {
                double rtt = INTER_AS_RTT_BASE_S + INTER_AS_RTT_PER_UNIT_S * Math.hypot(x[a] - x[b], y[a] - y[b]);
                double cost = random.nextDouble() < PEERING_SHARE ? 1 : price[a] + price[b];
                asRttS[a * ases + b] = asRttS[b * ases + a] = rtt;
                transitCost[a * ases + b] = transitCost[b * ases + a] = cost;
            }
        }
    }

    private void placePeers(SplittableRandom random) {
        int ases = spec.ases();
        double[] cumulative = null;
        int[] rankToAs = null;
        if (spec.placement() == Placement.ZIPF) {
            cumulative = new double[ases];
            double sum = 0;
            for (int k = 0; k < ases; k++) {
                sum += 1 / Math.pow(k + 1, spec.zipfExponent());
                cumulative[k] = sum;
            }
            rankToAs = shuffledIdentity(ases, random);
        }
        for (int p = 0; p < peerAs.length; p++) {
            int as;
            if (cumulative == null) {
                as = random.nextInt(ases);
            } else {
                int rank = Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[ases - 1]);
                as = rankToAs[Math.min(rank < 0 ? -rank - 1 : rank, ases - 1)];
            }
            CapacityClass access = spec.capacities().draw(random);
            peerAs[p] = as;
            asPeerCount[as]++;
            uplinkBps[p] = access.uplinkBps();
            downlinkBps[p] = access.downlinkBps();
            accessLatencyS[p] = ACCESS_LATENCY_MIN_S + (ACCESS_LATENCY_MAX_S - ACCESS_LATENCY_MIN_S) * random.nextDouble();
        }
    }

    private void sizeTransitLinks(SplittableRandom random) {
        double[] uploadSum = new double[spec.ases()];
        for (int p = 0; p < peerAs.length; p++) {
            uploadSum[peerAs[p]] += uplinkBps[p];
        }
        for (int a = 0; a < transitCapacityBps.length; a++) {
            double base = asPeerCount[a] > 0 ? uploadSum[a] : spec.capacities().meanUplinkBps();
            transitCapacityBps[a] = spec.transitFactor() * (0.5 + random.nextDouble()) * base;
        }
    }

    /** Gives each AS a power-of-two block of 10.0.0.0/8 and its peers addresses in it; publishes the snapshot. */
    private Snapshot addressAndPublish() {
        int ases = spec.ases();
        int[] blockBits = new int[ases];
        long total = 0;
        for (int a = 0; a < ases; a++) {
            blockBits[a] = Math.max(2, 32 - Integer.numberOfLeadingZeros(asPeerCount[a] + 1));
            total += 1L << blockBits[a];
        }
        if (total > 1L << 24) {
            throw new IllegalArgumentException("the peers need " + total + " addresses, more than 10.0.0.0/8 holds");
        }
        // Largest blocks first: every block then starts at a multiple of its own size.
        Integer[] order = new Integer[ases];
        Arrays.setAll(order, a -> a);
        Arrays.sort(order, (a, b) -> blockBits[b] != blockBits[a] ? blockBits[b] - blockBits[a] : a - b);
        int[] blockStart = new int[ases];
        int next = FIRST_ADDRESS;
        Snapshot.Builder snapshot = Snapshot.builder().rating(RATING);
        for (int a : order) {
            blockStart[a] = next;
            snapshot.prefix(TopologyMetrics.pid(a), AddressFamily.IPV4, (next & 0xFFFF_FFFFL) << 32, 0, 32 - blockBits[a]);
            next += 1 << blockBits[a];
        }
        int[] used = new int[ases];
        for (int p = 0; p < peerAs.length; p++) {
            int address = blockStart[peerAs[p]] + 1 + used[peerAs[p]]++;
            addresses[p] = toInetAddress(address);
            peerByAddress.put(addresses[p], p);
        }
        for (int a = 0; a < ases; a++) {
            for (int b = 0; b < ases; b++) {
                snapshot.cost(TopologyMetrics.DELAY, TopologyMetrics.pid(a), TopologyMetrics.pid(b), Math.round(asRttS[a * ases + b] * 1e4) / 10.0);
                snapshot.cost(TopologyMetrics.TRANSIT, TopologyMetrics.pid(a), TopologyMetrics.pid(b), transitCost[a * ases + b]);
            }
        }
        return snapshot.build();
    }

    private static InetAddress toInetAddress(int address) {
        try {
            return InetAddress.getByAddress(new byte[] {
                    (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static int[] shuffledIdentity(int n, SplittableRandom random) {
        int[] values = new int[n];
        Arrays.setAll(values, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }

    public TopologySpec spec() {
        return spec;
    }

    public int peers() {
        return peerAs.length;
    }

    public int ases() {
        return spec.ases();
    }

    public int asOf(int peer) {
        return peerAs[peer];
    }

    public int peersIn(int as) {
        return asPeerCount[as];
    }

    public double uplinkBps(int peer) {
        return uplinkBps[peer];
    }

    public double downlinkBps(int peer) {
        return downlinkBps[peer];
    }

    /** The capacity of an AS's transit link, the same in each direction. */
    public double transitCapacityBps(int as) {
        return transitCapacityBps[as];
    }

    /** Round-trip time between two ASes (seconds), not counting the peers' access links. */
    public double asRttS(int fromAs, int toAs) {
        return asRttS[fromAs * spec.ases() + toAs];
    }

    /** Round-trip time between two peers (seconds): both access links and the path between their ASes. */
    public double rttS(int from, int to) {
        return 2 * (accessLatencyS[from] + accessLatencyS[to]) + asRttS(peerAs[from], peerAs[to]);
    }

    /** What carrying a unit of traffic from one AS to another costs in transit fees (0 inside an AS). */
    public double transitCost(int fromAs, int toAs) {
        return transitCost[fromAs * spec.ases() + toAs];
    }

    public InetAddress address(int peer) {
        return addresses[peer];
    }

    /** The peer with this address; -1 when none. */
    public int peerAt(InetAddress address) {
        return peerByAddress.getOrDefault(address, -1);
    }

    /** The ALTO server's knowledge of this network, as a server would hold it. */
    public InformationBase alto() {
        return alto;
    }

    /** The operator's rating, the cost map ALTO policies rank by. */
    public CostMatrix routingCost() {
        return alto.current().costMatrix(Rating.METRIC).orElseThrow();
    }
}
