package io.altokit.client;

import io.altokit.core.OrdinalRanking;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * Turns ALTO costs into the order to contact candidates in: lowest cost first, equal costs in
 * random order, and a share of the places spread over the list given to randomly chosen peers, so
 * that guidance does not make every peer talk only to its neighbours (the paper's trial used 20 %).
 * The random generator is supplied, so a seeded one makes the order reproducible. Not thread-safe
 * when the generator is not.
 */
public final class PeerOrder {
    public static final double DEFAULT_RANDOM_SHARE = 0.2;

    private final double randomShare;
    private final RandomGenerator random;

    /** @param randomShare the share of places (0 to 1) filled by random choice */
    public PeerOrder(double randomShare, RandomGenerator random) {
        if (!(randomShare >= 0 && randomShare <= 1)) {
            throw new IllegalArgumentException("the random share is a fraction from 0 to 1, got " + randomShare);
        }
        this.randomShare = randomShare;
        this.random = random;
    }

    /**
     * @param costs per candidate, in the same order; NaN where ALTO gave no cost (those come last,
     *              and the ranking is {@link Ranking.Status#DEGRADED}; with no cost at all it is
     *              {@link Ranking.Status#UNAVAILABLE})
     */
    public Ranking order(List<InetAddress> candidates, double[] costs) {
        if (costs.length != candidates.size()) {
            throw new IllegalArgumentException(costs.length + " costs for " + candidates.size() + " candidates");
        }
        int defined = (int) Arrays.stream(costs).filter(cost -> !Double.isNaN(cost)).count();
        if (defined == 0 && !candidates.isEmpty()) {
            return Ranking.unavailable(candidates, "ALTO gave no cost for any candidate");
        }
        int[] ranks = OrdinalRanking.denseRanks(costs);
        List<Integer> byCost = shuffled(candidates.size());
        // A stable sort of a shuffled list: equal costs keep their random order; no cost sorts last.
        byCost.sort(Comparator.comparingDouble(i -> Double.isNaN(costs[i]) ? Double.POSITIVE_INFINITY : costs[i]));

        int count = candidates.size();
        int randomPlaces = (int) Math.round(randomShare * count);
        boolean[] placed = new boolean[count];
        List<RankedPeer> order = new ArrayList<>(count);
        int next = 0;
        for (int position = 0; position < count; position++) {
            boolean randomPlace = randomPlaces > 0 && isRandomPlace(position, randomPlaces, count);
            int chosen;
            if (randomPlace) {
                chosen = pickUnplaced(placed, count - position);
            } else {
                while (placed[byCost.get(next)]) {
                    next++;
                }
                chosen = byCost.get(next);
            }
            placed[chosen] = true;
            OptionalDouble cost = Double.isNaN(costs[chosen]) ? OptionalDouble.empty() : OptionalDouble.of(costs[chosen]);
            order.add(new RankedPeer(candidates.get(chosen), cost, ranks[chosen], randomPlace));
        }
        return defined == count
                ? new Ranking(Ranking.Status.OK, order, Optional.empty())
                : new Ranking(Ranking.Status.DEGRADED, order,
                        Optional.of("ALTO gave no cost for " + (count - defined) + " of " + count + " candidates"));
    }

    /**
     * Whether place {@code position} (0-based) of {@code count} is one of the {@code randomPlaces}
     * given to random peers; they are spread evenly: with 2 of 10, the 5th and the 10th.
     */
    public static boolean isRandomPlace(int position, int randomPlaces, int count) {
        // Place j (0-based) of the randomPlaces sits at the end of the j-th of randomPlaces equal stretches.
        long stretchEnd = ((long) (position + 1) * randomPlaces) / count;
        long previous = ((long) position * randomPlaces) / count;
        return stretchEnd > previous;
    }

    /** A uniformly chosen candidate among the {@code remaining} not yet placed. */
    private int pickUnplaced(boolean[] placed, int remaining) {
        int skip = random.nextInt(remaining);
        for (int i = 0; ; i++) {
            if (!placed[i] && skip-- == 0) {
                return i;
            }
        }
    }

    private List<Integer> shuffled(int count) {
        List<Integer> indexes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            indexes.add(i);
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            indexes.set(i, indexes.set(j, indexes.get(i)));
        }
        return indexes;
    }
}
