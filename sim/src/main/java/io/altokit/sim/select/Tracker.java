package io.altokit.sim.select;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The tracker (or bootstrap server): knows which peers are present and offers a peer a uniform
 * random sample of the others (all of them when there are fewer); the peer's policy then picks
 * from that sample. Joining, leaving and sampling take constant time per peer involved.
 */
public final class Tracker {
    private final int[] present;
    private final int[] position;
    private final int offered;
    private int count;

    /** @param peers peers that may ever join; indexes 0..peers-1 */
    public Tracker(int peers, int offered) {
        present = new int[peers];
        position = new int[peers];
        Arrays.fill(position, -1);
        this.offered = offered;
    }

    /** A tracker that already knows every peer. */
    public static Tracker withEveryone(int peers, int offered) {
        Tracker tracker = new Tracker(peers, offered);
        for (int p = 0; p < peers; p++) {
            tracker.join(p);
        }
        return tracker;
    }

    public void join(int peer) {
        if (position[peer] < 0) {
            position[peer] = count;
            present[count++] = peer;
        }
    }

    public void leave(int peer) {
        int at = position[peer];
        if (at >= 0) {
            int last = present[--count];
            present[at] = last;
            position[last] = at;
            position[peer] = -1;
        }
    }

    public int presentCount() {
        return count;
    }

    /** Up to {@code offered} distinct present peers other than {@code peer}. */
    public int[] candidatesFor(int peer, SplittableRandom random) {
        int wanted = Math.min(offered + 1, count);
        for (int i = 0; i < wanted; i++) { // a partial Fisher-Yates shuffle of the present peers
            swap(i, i + random.nextInt(count - i));
        }
        int[] candidates = new int[Math.min(offered, position[peer] >= 0 ? count - 1 : count)];
        int n = 0;
        for (int i = 0; i < wanted && n < candidates.length; i++) {
            if (present[i] != peer) {
                candidates[n++] = present[i];
            }
        }
        return n == candidates.length ? candidates : Arrays.copyOf(candidates, n);
    }

    private void swap(int i, int j) {
        int a = present[i];
        int b = present[j];
        present[i] = b;
        present[j] = a;
        position[b] = i;
        position[a] = j;
    }
}
