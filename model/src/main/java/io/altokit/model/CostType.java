package io.altokit.model;

import java.util.Optional;

/**
 * RFC 7285 section 10.7: a cost metric in a cost mode, with RFC 9439's optional {@code cost-context}
 * (section 3.1) saying where the values come from.
 */
public record CostType(String metric, CostMode mode, Optional<String> description, Optional<CostContext> context) {

    public CostType(String metric, CostMode mode) {
        this(metric, mode, Optional.empty(), Optional.empty());
    }

    public CostType(String metric, CostMode mode, Optional<String> description) {
        this(metric, mode, description, Optional.empty());
    }

    /**
     * Same metric and mode: the description is informational only (RFC 7285 10.7), and the cost context
     * does not tell cost types apart (RFC 9439 3.1).
     */
    public boolean sameAs(CostType other) {
        return metric.equals(other.metric) && mode == other.mode;
    }

    /**
     * Whether values of this type answer a request for {@code asked}: the same type, from the source
     * asked if it named one (RFC 9439 3.1).
     */
    public boolean answers(CostType asked) {
        return sameAs(asked) && (asked.context().isEmpty() || source() == asked.source());
    }

    /** This cost type in {@code newContext}. */
    public CostType withContext(Optional<CostContext> newContext) {
        return new CostType(metric, mode, description, newContext);
    }

    /** RFC 9439 3.1: values without a cost-context are estimations. */
    public CostSource source() {
        return context.map(CostContext::source).orElse(CostSource.ESTIMATION);
    }
}
