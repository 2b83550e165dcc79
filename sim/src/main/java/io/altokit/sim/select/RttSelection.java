package io.altokit.sim.select;

import io.altokit.sim.topology.Topology;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Measurement-based selection: the peer probes every candidate once and keeps the lowest
 * round-trip times. A probe sees the true RTT times log-normal noise (sigma {@value #NOISE_SIGMA}),
 * as one ping would; it knows nothing of transit costs or link load.
 */
public record RttSelection(Topology topology) implements PeerSelection {
    private static final double NOISE_SIGMA = 0.3;

    @Override
    public String name() {
        return "rtt";
    }

    @Override
    public int[] choose(int peer, int[] candidates, int count, SplittableRandom random) {
        long[] keyed = new long[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            double measured = topology.rttS(peer, candidates[i]) * Math.exp(NOISE_SIGMA * random.nextGaussian());
            // Sort by measured RTT in microseconds, then by position: a stable, allocation-light order.
            keyed[i] = Math.min((long) (measured * 1e6), Integer.MAX_VALUE) << 32 | i;
        }
        Arrays.sort(keyed);
        int[] chosen = new int[Math.min(count, candidates.length)];
        for (int i = 0; i < chosen.length; i++) {
            chosen[i] = candidates[(int) keyed[i]];
        }
        return chosen;
    }

    /** The round-trip time, which the application sees on every exchange with a neighbour. */
    @Override
    public double linkCost(int peer, int other) {
        return topology.rttS(other, peer);
    }

    /** Round-trip times do not tell which network a peer is in. */
    @Override
    public boolean near(int peer, int other) {
        return false;
    }
}
