package io.altokit.sim.select;

import io.altokit.sim.topology.Topology;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The tracker or bootstrap server: offers each peer a uniform random sample of the other peers
 * (all of them when there are fewer), and lets the peer's policy choose its neighbours from it.
 */
public final class Bootstrap {
    private final int[] pool;
    private final int offered;

    public Bootstrap(int peers, int offered) {
        pool = new int[peers];
        Arrays.setAll(pool, i -> i);
        this.offered = offered;
    }

    /** The candidates offered to {@code peer}: up to {@code offered} distinct other peers. */
    public int[] candidatesFor(int peer, SplittableRandom random) {
        int wanted = Math.min(offered + 1, pool.length);
        for (int i = 0; i < wanted; i++) { // a partial Fisher-Yates shuffle; the pool stays a permutation
            int j = i + random.nextInt(pool.length - i);
            int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
        }
        int[] candidates = new int[Math.min(offered, pool.length - 1)];
        int n = 0;
        for (int i = 0; i < wanted && n < candidates.length; i++) {
            if (pool[i] != peer) {
                candidates[n++] = pool[i];
            }
        }
        return candidates;
    }

    /** Neighbours for every peer, chosen by {@code policy} from its offered candidates. */
    public static int[][] neighbourhoods(Topology topology, PeerSelection policy, int offered, int neighbours,
                                         SplittableRandom candidateRandom, SplittableRandom policyRandom) {
        Bootstrap bootstrap = new Bootstrap(topology.peers(), offered);
        int[][] chosen = new int[topology.peers()][];
        for (int p = 0; p < chosen.length; p++) {
            chosen[p] = policy.choose(p, bootstrap.candidatesFor(p, candidateRandom), neighbours, policyRandom);
        }
        return chosen;
    }
}
