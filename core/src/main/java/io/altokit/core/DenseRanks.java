package io.altokit.core;

import java.util.Arrays;

/**
 * The dense ranks of one cost matrix (RFC 7285 section 6.1.2.2, the ranks {@link OrdinalRanking}
 * gives): its distinct costs in ascending order, each cost ranking its position plus one. Full
 * ordinal cost maps rank all of a matrix's costs together, so one changed cell can move every rank;
 * which ranks it moved is one comparison of two rankings ({@link #lowestMovedCost}). Worked out once per matrix
 * ({@link CostMatrix#ranks()}); a matrix that differs from another in a few cells derives its ranks
 * from the other's in one pass over its cells instead of sorting them ({@link CostMatrix#ranksFrom}).
 * Immutable.
 */
public final class DenseRanks {

    /** Up to this many changed cells the ranks are derived from the previous ones; more are sorted afresh. */
    static final int MAX_DERIVED_CELLS = 4096;

    /** Distinct costs, ascending, without NaN; -0.0 is stored as 0.0. */
    private final double[] levels;

    private DenseRanks(double[] levels) {
        this.levels = levels;
    }

    /** The ranks of every defined cost of {@code cells}, by sorting them. */
    static DenseRanks of(CostCells cells) {
        double[] costs = new double[cells.length()];
        int defined = 0;
        for (int cell = 0; cell < costs.length; cell++) {
            double cost = cells.get(cell);
            if (!Double.isNaN(cost)) {
                costs[defined++] = cost + 0.0;
            }
        }
        Arrays.sort(costs, 0, defined);
        int count = 0;
        for (int i = 0; i < defined; i++) {
            if (count == 0 || costs[count - 1] != costs[i]) {
                costs[count++] = costs[i];
            }
        }
        return new DenseRanks(Arrays.copyOf(costs, count));
    }

    /**
     * The ranks of {@code after}, derived from {@code ranks}, the ranks of {@code before} (cells of the
     * same length): the new costs of changed cells join the levels, the old ones leave unless another
     * cell still has them. Sorted afresh when more than {@link #MAX_DERIVED_CELLS} cells differ.
     */
    static DenseRanks derived(DenseRanks ranks, CostCells before, CostCells after) {
        double[] joined = new double[MAX_DERIVED_CELLS];
        double[] left = new double[MAX_DERIVED_CELLS];
        int changed = 0;
        for (int cell = 0; cell < after.length(); cell++) {
            double was = before.get(cell);
            double is = after.get(cell);
            if (Double.compare(was, is) != 0) {
                if (changed == MAX_DERIVED_CELLS) {
                    return of(after);
                }
                joined[changed] = is + 0.0;
                left[changed] = was + 0.0;
                changed++;
            }
        }
        if (changed == 0) {
            return ranks;
        }
        double[] candidates = distinct(left, changed); // NaNs sort last and are dropped
        boolean[] kept = new boolean[candidates.length];
        int unresolved = candidates.length;
        for (int cell = 0; cell < after.length() && unresolved > 0; cell++) {
            int found = Arrays.binarySearch(candidates, after.get(cell) + 0.0);
            if (found >= 0 && !kept[found]) {
                kept[found] = true;
                unresolved--;
            }
        }
        double[] joining = distinct(joined, changed);
        double[] levels = new double[ranks.levels.length + joining.length];
        int count = 0;
        int next = 0;
        for (double level : ranks.levels) {
            for (; next < joining.length && joining[next] < level; next++) {
                levels[count++] = joining[next];
            }
            if (next < joining.length && joining[next] == level) {
                next++; // already a level
            }
            int candidate = Arrays.binarySearch(candidates, level);
            if (candidate < 0 || kept[candidate] || Arrays.binarySearch(joining, level) >= 0) {
                levels[count++] = level;
            }
        }
        while (next < joining.length) {
            levels[count++] = joining[next++];
        }
        return new DenseRanks(Arrays.copyOf(levels, count));
    }

    /** The distinct values of the first {@code length} of {@code values} but NaN, ascending (sorts {@code values}). */
    private static double[] distinct(double[] values, int length) {
        Arrays.sort(values, 0, length);
        int count = 0;
        for (int i = 0; i < length && !Double.isNaN(values[i]); i++) {
            if (count == 0 || values[count - 1] != values[i]) {
                values[count++] = values[i];
            }
        }
        return Arrays.copyOf(values, count);
    }

    /** The dense rank of {@code cost}, {@link OrdinalRanking#UNDEFINED} for NaN (no cost). */
    public int rank(double cost) {
        if (Double.isNaN(cost)) {
            return OrdinalRanking.UNDEFINED;
        }
        int position = Arrays.binarySearch(levels, cost + 0.0);
        if (position < 0) {
            throw new IllegalArgumentException("not a cost of this matrix: " + cost);
        }
        return position + 1;
    }

    /** Whether every cost ranks the same in both: then a cell's rank changed only where its cost did. */
    public boolean sameAs(DenseRanks other) {
        return Arrays.equals(levels, other.levels);
    }

    /**
     * The lowest cost that may rank differently in the two rankings: every cost below it has the
     * same rank in both; {@code +Infinity} when they are the same. A new highest cost moves no other
     * cost's rank, so then it is that cost.
     */
    public double lowestMovedCost(DenseRanks other) {
        int common = Arrays.mismatch(levels, other.levels);
        if (common < 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.min(common < levels.length ? levels[common] : Double.POSITIVE_INFINITY,
                common < other.levels.length ? other.levels[common] : Double.POSITIVE_INFINITY);
    }

    /** Number of distinct costs (the highest rank). */
    public int levels() {
        return levels.length;
    }
}
