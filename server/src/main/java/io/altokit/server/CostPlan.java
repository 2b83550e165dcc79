package io.altokit.server;

import io.altokit.core.CostMatrix;
import io.altokit.model.CostTest;
import io.altokit.model.CostType;

import java.util.List;

/**
 * A cost request checked against its resource's capabilities (RFC 8189): the matrices of the cost
 * types it answers, those of the cost types its tests index, and the tests as alternatives of conjunctions.
 */
record CostPlan(List<Priced> answered, List<Priced> tested, List<List<CostTest>> alternatives) {

    /** A cost type with the matrix its values come from. */
    record Priced(CostType type, CostMatrix matrix) {
    }

    CostPlan {
        answered = List.copyOf(answered);
        tested = List.copyOf(tested);
        alternatives = List.copyOf(alternatives);
    }
}
