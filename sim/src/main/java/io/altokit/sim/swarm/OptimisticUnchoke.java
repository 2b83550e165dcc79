package io.altokit.sim.swarm;

import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Whom an uploader unchokes optimistically: a random one of the interested neighbours it does not
 * unchoke regularly, and one in its own PID when there is any (only policies that know PIDs can
 * tell). BitTorrent's optimistic unchoke is random so that newcomers get their first pieces and
 * better partners are found; taken inside the PID it still does both, without a quarter of every
 * uploader's slots crossing AS boundaries at random.
 */
final class OptimisticUnchoke {
    private OptimisticUnchoke() {
    }

    /**
     * @param from  the first candidate position
     * @param to    one past the last
     * @param near  whether the candidate at a position is in the uploader's PID
     * @return a position in {@code [from, to)}: a uniformly random near one if any, else a uniformly random one
     */
    static int choose(int from, int to, IntPredicate near, SplittableRandom random) {
        int nearCount = 0;
        for (int i = from; i < to; i++) {
            nearCount += near.test(i) ? 1 : 0;
        }
        if (nearCount == 0) {
            return from + random.nextInt(to - from);
        }
        int skip = random.nextInt(nearCount);
        for (int i = from; ; i++) {
            if (near.test(i) && skip-- == 0) {
                return i;
            }
        }
    }
}
