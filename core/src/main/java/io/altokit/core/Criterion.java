package io.altokit.core;

import java.util.Objects;

/**
 * One metric's part in a {@link Rating}: its weight against the other criteria and how its values
 * become costs.
 *
 * @param metric a cost metric of the same snapshot, e.g. {@code delay-rt}
 * @param weight finite and not negative; 0 leaves the criterion out
 */
public record Criterion(String metric, double weight, Penalty penalty) {

    public Criterion {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(penalty, "penalty");
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("the weight of \"" + metric + "\" is " + weight + ": a weight must be finite and not negative");
        }
    }

    public static Criterion linear(String metric, double weight) {
        return new Criterion(metric, weight, Penalty.LINEAR);
    }
}
