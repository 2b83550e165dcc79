package io.altokit.sim.select;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Neighbours chosen uniformly at random: what an unguided application does. */
public record RandomSelection() implements PeerSelection {

    @Override
    public String name() {
        return "random";
    }

    @Override
    public int[] choose(int peer, int[] candidates, int count, SplittableRandom random) {
        int chosen = Math.min(count, candidates.length);
        for (int i = 0; i < chosen; i++) { // a partial Fisher-Yates shuffle
            int j = i + random.nextInt(candidates.length - i);
            int swap = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = swap;
        }
        return Arrays.copyOf(candidates, chosen);
    }

    /** An unguided application knows nothing of its links: every neighbour is alike. */
    @Override
    public double linkCost(int peer, int other) {
        return 0;
    }

    @Override
    public boolean near(int peer, int other) {
        return false;
    }
}
