package io.altokit.core;

import java.util.Arrays;

/**
 * Quantises one matrix's costs into at most {@code levels} values, so answers keep the coarse
 * order of costs but no longer reveal each link's exact figure. The rule, deterministic for given
 * costs (so replicas agree on vtags):
 * <ul>
 *   <li>the defined costs of the matrix, sorted, are cut at the quantiles {@code k/levels}
 *       ({@code k = 1 .. levels-1}): boundary {@code k} is the highest cost of the lowest
 *       {@code k/levels} share, the cost at sorted position {@code ceil(k * count / levels) - 1};</li>
 *   <li>a cost's level is the number of boundaries below it, so equal costs share a level and a
 *       level may stay empty when many costs are equal;</li>
 *   <li>every cost of a level is reported as the lower median of that level's costs: a figure in
 *       the metric's own unit (an integer where the metric's costs are integers);</li>
 *   <li>undefined costs (NaN) stay undefined.</li>
 * </ul>
 */
final class CostLevels {

    private CostLevels() {
    }

    static double[] quantise(double[] costs, int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("levels must be >= 1, got " + levels);
        }
        double[] sorted = Arrays.stream(costs).filter(cost -> !Double.isNaN(cost)).sorted().toArray();
        if (sorted.length == 0) {
            return costs.clone();
        }
        double[] boundaries = new double[levels - 1];
        for (int k = 1; k < levels; k++) {
            boundaries[k - 1] = sorted[(int) (((long) k * sorted.length + levels - 1) / levels) - 1];
        }
        double[] representatives = representatives(sorted, boundaries, levels);
        double[] quantised = new double[costs.length];
        for (int i = 0; i < costs.length; i++) {
            quantised[i] = Double.isNaN(costs[i]) ? Double.NaN : representatives[level(costs[i], boundaries)];
        }
        return quantised;
    }

    /** The lower median of each level's costs; levels are contiguous runs of the sorted costs. */
    private static double[] representatives(double[] sorted, double[] boundaries, int levels) {
        double[] representatives = new double[levels];
        int start = 0;
        while (start < sorted.length) {
            int level = level(sorted[start], boundaries);
            int end = start;
            while (end < sorted.length && level(sorted[end], boundaries) == level) {
                end++;
            }
            representatives[level] = sorted[start + (end - start - 1) / 2];
            start = end;
        }
        return representatives;
    }

    private static int level(double cost, double[] boundaries) {
        int level = 0;
        while (level < boundaries.length && boundaries[level] < cost) {
            level++;
        }
        return level;
    }
}
