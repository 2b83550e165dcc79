package io.altokit.model;

import java.util.Optional;

/** RFC 7285 section 10.7: a cost metric in a cost mode. */
public record CostType(String metric, CostMode mode, Optional<String> description) {

    public CostType(String metric, CostMode mode) {
        this(metric, mode, Optional.empty());
    }

    /** Same metric and mode; the description is informational only (RFC 7285 10.7). */
    public boolean sameAs(CostType other) {
        return metric.equals(other.metric) && mode == other.mode;
    }
}
