package io.altokit.core;

import java.util.Arrays;

/** Turns numerical costs into ordinal ones (RFC 7285 section 6.1.2.2). */
public final class OrdinalRanking {

    /** Rank of an undefined (NaN) cost. Real ranks start at 1, so 0 never collides with one. */
    public static final int UNDEFINED = 0;

    private OrdinalRanking() {}

    /**
     * Dense ranks: the lowest cost ranks 1, equal costs share a rank and the next higher cost ranks
     * one more, so costs {@code 5, 3, 5, 9} rank {@code 2, 1, 2, 3}. NaN ranks {@link #UNDEFINED}.
     */
    public static int[] denseRanks(double[] costs) {
        // Plain loops, no streams: this runs for every ordinal endpoint cost request.
        double[] distinct = new double[costs.length];
        int defined = 0;
        for (double cost : costs) {
            if (!Double.isNaN(cost)) {
                distinct[defined++] = withoutNegativeZero(cost);
            }
        }
        Arrays.sort(distinct, 0, defined);
        int count = 0;
        for (int i = 0; i < defined; i++) {
            if (count == 0 || distinct[count - 1] != distinct[i]) {
                distinct[count++] = distinct[i];
            }
        }
        int[] ranks = new int[costs.length];
        for (int i = 0; i < costs.length; i++) {
            ranks[i] = Double.isNaN(costs[i])
                    ? UNDEFINED
                    : Arrays.binarySearch(distinct, 0, count, withoutNegativeZero(costs[i])) + 1;
        }
        return ranks;
    }

    /** -0.0 and 0.0 are the same cost, but sorting and binary search tell them apart. */
    private static double withoutNegativeZero(double cost) {
        return cost + 0.0;
    }
}
