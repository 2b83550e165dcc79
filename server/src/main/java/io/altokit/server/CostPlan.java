package io.altokit.server;

import io.altokit.core.CostCalendar;
import io.altokit.core.CostMatrix;
import io.altokit.model.CostTest;
import io.altokit.model.CostType;

import io.altokit.model.CostConstraint;

import java.util.List;
import java.util.Optional;

/**
 * A cost request checked against its resource's capabilities (RFC 8189): the matrices of the cost
 * types it answers, those of the cost types its tests index, and the tests as alternatives of
 * conjunctions; and per answered type the cost calendar it is answered with (RFC 8896), if any.
 */
record CostPlan(List<Priced> answered, List<Priced> tested, List<List<CostTest>> alternatives,
                List<Optional<CostCalendar>> calendars) {

    /** A cost type with the matrix its values come from. */
    record Priced(CostType type, CostMatrix matrix) {
    }

    CostPlan {
        answered = List.copyOf(answered);
        tested = List.copyOf(tested);
        alternatives = List.copyOf(alternatives);
        calendars = List.copyOf(calendars);
        if (calendars.size() != answered.size()) {
            throw new IllegalArgumentException(calendars.size() + " calendar choices for " + answered.size() + " cost types");
        }
    }

    /** Whether any answered type is answered as a calendar. */
    boolean calendared() {
        return calendars.stream().anyMatch(Optional::isPresent);
    }

    /**
     * The constraints of an RFC 7285 request — one cost type, tested (if at all) by one conjunction on
     * itself — which {@link CostQuery#values} applies on the distinct PID pairs; empty for any other plan.
     */
    Optional<List<CostConstraint>> singleTypeConstraints() {
        if (answered.size() != 1 || alternatives.size() > 1
                || !tested.isEmpty() && !(tested.size() == 1 && sameValues(tested.getFirst().type(), answered.getFirst().type()))) {
            return Optional.empty();
        }
        return Optional.of(alternatives.isEmpty() ? List.of() : alternatives.getFirst().stream().map(CostTest::constraint).toList());
    }

    /** Whether two cost types have the same values (a description does not change them). */
    private static boolean sameValues(CostType a, CostType b) {
        return a.metric().equals(b.metric()) && a.mode() == b.mode();
    }
}
