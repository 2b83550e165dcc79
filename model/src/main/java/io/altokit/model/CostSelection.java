package io.altokit.model;

import java.util.List;
import java.util.Optional;

/**
 * What a filtered cost map or endpoint cost request asks of costs (RFC 7285 11.3.2.3 and 11.5.1.3 as
 * RFC 8189 sections 4.1.2 and 4.2.2 extend them): the cost types answered, whether as arrays
 * ({@code multi-cost-types}) or as single values ({@code cost-type}); the cost types its tests index
 * ({@code testable-cost-types}, by default the answered ones); and the tests, as alternatives each of
 * which is a conjunction. RFC 7285 {@code constraints} are one such conjunction; {@code or-constraints}
 * are several. A pair is answered when no tests are given or one alternative passes in full.
 * RFC 8896 {@code calendared} asks, per answered cost type, for its cost calendar.
 *
 * @param disjunctive whether the tests came as {@code or-constraints} (and are sent so)
 * @param calendared empty, or one flag per answered cost type: whether to answer its calendar (RFC 8896 4.2.1, 4.3.1)
 */
public record CostSelection(List<CostType> costTypes, boolean multiCost, Optional<List<CostType>> testableCostTypes,
                            List<List<CostTest>> alternatives, boolean disjunctive, List<Boolean> calendared) {

    public CostSelection {
        costTypes = List.copyOf(costTypes);
        testableCostTypes = testableCostTypes.map(List::copyOf);
        alternatives = alternatives.stream().map(List::copyOf).toList();
        calendared = List.copyOf(calendared);
        if (costTypes.isEmpty() || !multiCost && costTypes.size() != 1) {
            throw new IllegalArgumentException("a single cost type, or one or more multi-cost types: " + costTypes);
        }
        if (!calendared.isEmpty() && calendared.size() != costTypes.size()) {
            throw new IllegalArgumentException(calendared.size() + " calendared flags for " + costTypes.size() + " cost types");
        }
        if (!disjunctive && alternatives.size() > 1) {
            throw new IllegalArgumentException("several alternatives are or-constraints");
        }
        int testable = testableCostTypes.map(List::size).orElse(costTypes.size());
        for (List<CostTest> alternative : alternatives) {
            for (CostTest test : alternative) {
                if (test.index() >= testable) {
                    throw new IllegalArgumentException("test " + test + " indexes past " + testable + " testable cost types");
                }
            }
        }
    }

    /** An RFC 7285 request: one cost type, the constraints all on it. */
    public static CostSelection single(CostType costType, List<CostConstraint> constraints) {
        List<List<CostTest>> alternatives = constraints.isEmpty() ? List.of()
                : List.of(constraints.stream().map(constraint -> new CostTest(0, constraint)).toList());
        return new CostSelection(List.of(costType), false, Optional.empty(), alternatives, false, List.of());
    }

    /** An RFC 8189 request for the values of several cost types at once, without tests. */
    public static CostSelection multi(List<CostType> costTypes) {
        return new CostSelection(costTypes, true, Optional.empty(), List.of(), false, List.of());
    }

    /** This selection with its tests on {@code testable}, given as or-constraints. */
    public CostSelection testing(List<CostType> testable, List<List<CostTest>> orConstraints) {
        return new CostSelection(costTypes, multiCost, Optional.of(testable), orConstraints, true, calendared);
    }

    /** This selection asking for the calendars of the cost types flagged (RFC 8896). */
    public CostSelection withCalendared(List<Boolean> flags) {
        return new CostSelection(costTypes, multiCost, testableCostTypes, alternatives, disjunctive, flags);
    }

    /** Whether the i-th answered cost type is asked as a calendar. */
    public boolean calendared(int i) {
        return !calendared.isEmpty() && calendared.get(i);
    }

    /** The cost types the tests' indexes refer to. */
    public List<CostType> testable() {
        return testableCostTypes.orElse(costTypes);
    }

    /** The one cost type of a single-cost request. */
    public CostType costType() {
        if (multiCost) {
            throw new IllegalStateException("a multi-cost request has no single cost type");
        }
        return costTypes.getFirst();
    }

    /** Whether this is exactly what RFC 7285 can say: one cost type, its tests on it without an index. */
    public boolean isPlain() {
        return !multiCost && testableCostTypes.isEmpty() && !disjunctive;
    }
}
