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
        List<Criterion> weighted = weighted();
        if (matrices.size() != weighted.size()) {
            throw new IllegalArgumentException(weighted.size() + " weighted criteria but " + matrices.size() + " matrices");
        }
        double totalWeight = weighted.stream().mapToDouble(Criterion::weight).sum();
        double[] rating = new double[matrices.getFirst().length];
        for (int c = 0; c < weighted.size(); c++) {
            // Penalised on the fly, twice, rather than into a copy: at 5,000 PIDs a copy is 200 MB.
            Penalty penalty = weighted.get(c).penalty();
            double[] values = matrices.get(c);
            double max = 0;
            for (double value : values) {
                if (!Double.isNaN(value)) {
                    max = Math.max(max, penalty.apply(value));
                }
            }
            double scale = max > 0 ? weighted.get(c).weight() / totalWeight / max : 0;
            for (int cell = 0; cell < rating.length; cell++) {
                // NaN stays NaN: a pair some criterion lacks has no rating.
                rating[cell] += Double.isNaN(values[cell]) ? Double.NaN : penalty.apply(values[cell]) * scale;
            }
        }
        return rating;
    }
}
