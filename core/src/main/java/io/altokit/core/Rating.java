package io.altokit.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The operator's rating of PID pairs, published as {@code routingcost}: the weighted mean of the
 * criteria after each is scaled to [0, 1].
 *
 * <p>Scaling divides a criterion's (penalised) costs by their maximum over all defined pairs. That
 * keeps ratios (a pair twice as far away is twice as costly on that criterion, a free pair stays
 * free) and the result does not depend on units, so weights compare criteria measured in
 * microseconds, kilometres or money. Min-max scaling was rejected: it would make the cheapest
 * inter-area pair free however costly it is, push cheaper intra-area pairs below zero, and let a
 * single close pair stretch the scale. A criterion that is 0 everywhere adds 0.
 *
 * @param criteria distinct metrics, none {@code routingcost}, at least one with a weight above 0
 */
public record Rating(List<Criterion> criteria) {

    /** The metric a rating produces. */
    public static final String METRIC = "routingcost";

    public Rating {
        criteria = List.copyOf(criteria);
        List<String> problems = new ArrayList<>();
        Set<String> metrics = new HashSet<>();
        for (Criterion criterion : criteria) {
            if (criterion.metric().equals(METRIC)) {
                problems.add("\"" + METRIC + "\" is what the rating computes, not a criterion of it");
            } else if (!metrics.add(criterion.metric())) {
                problems.add("criterion \"" + criterion.metric() + "\" is given twice");
            }
        }
        if (criteria.stream().noneMatch(criterion -> criterion.weight() > 0)) {
            problems.add("no criterion has a weight above 0");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The criteria that count: weight above 0. */
    public List<Criterion> weighted() {
        return criteria.stream().filter(criterion -> criterion.weight() > 0).toList();
    }

    /**
     * The rating of every cell, from the cost matrices of {@link #weighted()} in that order (all
     * the same length): NaN where any of them is NaN.
     */
    double[] combine(List<double[]> matrices) {
        return combineIntervals(matrices.stream().map(List::of).toList(), 1)[0];
    }

    /**
     * The rating of every cell in each of {@code intervals} time intervals (an RFC 8896 calendar),
     * from the criteria of {@link #weighted()} in that order: each one matrix per interval, or one
     * for every interval. A criterion is scaled by its maximum over all its intervals, not each
     * interval's own: an interval where every link is quiet then rates them low rather than
     * stretching its busiest one to 1, so the ratings of different intervals compare.
     */
    double[][] combineIntervals(List<List<double[]>> criteria, int intervals) {
        List<Criterion> weighted = weighted();
        if (criteria.size() != weighted.size()) {
            throw new IllegalArgumentException(weighted.size() + " weighted criteria but " + criteria.size() + " matrices");
        }
        double totalWeight = weighted.stream().mapToDouble(Criterion::weight).sum();
        double[][] rating = new double[intervals][criteria.getFirst().getFirst().length];
        for (int c = 0; c < weighted.size(); c++) {
            // Penalised on the fly, twice, rather than into a copy: at 5,000 PIDs a copy is 200 MB.
            Penalty penalty = weighted.get(c).penalty();
            List<double[]> perInterval = criteria.get(c);
            if (perInterval.size() != 1 && perInterval.size() != intervals) {
                throw new IllegalArgumentException(perInterval.size() + " matrices of \"" + weighted.get(c).metric()
                        + "\" for " + intervals + " intervals");
            }
            double max = 0;
            for (double[] values : perInterval) {
                for (double value : values) {
                    if (!Double.isNaN(value)) {
                        max = Math.max(max, penalty.apply(value));
                    }
                }
            }
            double scale = max > 0 ? weighted.get(c).weight() / totalWeight / max : 0;
            for (int t = 0; t < intervals; t++) {
                double[] values = perInterval.get(perInterval.size() == 1 ? 0 : t);
                double[] rated = rating[t];
                for (int cell = 0; cell < rated.length; cell++) {
                    // NaN stays NaN: a pair some criterion lacks has no rating.
                    rated[cell] += Double.isNaN(values[cell]) ? Double.NaN : penalty.apply(values[cell]) * scale;
                }
            }
        }
        return rating;
    }
}
