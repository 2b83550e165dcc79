package io.altokit.core;

/** How a {@link Criterion}'s value becomes a cost before {@link Rating} normalises it. */
public enum Penalty {
    /** The value itself: twice the delay (distance, price, hops) costs twice as much. */
    LINEAR,
    /**
     * For link utilization (a fraction, 1 = full): the piecewise-linear convex link cost of Fortz
     * and Thorup ("Internet traffic engineering by optimizing OSPF weights", INFOCOM 2000), with
     * slopes 1, 3, 10, 70, 500 and 5000 from utilization 0, 1/3, 2/3, 0.9, 1 and 1.1. A link with
     * room costs about what it carries, one near saturation costs far more: 0.5 costs 0.83, 0.95
     * costs 7.17, 1 costs 10.67. It stays finite so that a full link still ranks, last.
     */
    CONGESTION;

    private static final double[] BREAKS = {0, 1.0 / 3, 2.0 / 3, 0.9, 1, 1.1};
    private static final double[] SLOPES = {1, 3, 10, 70, 500, 5000};

    /** The cost of {@code value}, which is finite and not negative. */
    public double apply(double value) {
        return switch (this) {
            case LINEAR -> value;
            case CONGESTION -> congestion(value);
        };
    }

    private static double congestion(double utilization) {
        double cost = 0;
        for (int i = 0; i < BREAKS.length && utilization > BREAKS[i]; i++) {
            double end = i + 1 < BREAKS.length ? Math.min(utilization, BREAKS[i + 1]) : utilization;
            cost += SLOPES[i] * (end - BREAKS[i]);
        }
        return cost;
    }
}
