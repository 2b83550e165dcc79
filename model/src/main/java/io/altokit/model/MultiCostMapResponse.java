package io.altokit.model;

import java.util.List;

/**
 * A multi-cost map (RFC 8189 section 3.1): a filtered cost map or endpoint cost map whose cost for a
 * pair is an array, one value per cost type in {@code costTypes} order. One table per cost type over
 * the same sources and destinations. A pair is present when one of its costs is: a cost the server
 * does not have is JSON null in the array (RFC 8189 5.2), NaN in its table.
 */
public record MultiCostMapResponse(List<VersionTag> dependentVtags, List<CostType> costTypes, List<CostTable> tables) {

    public MultiCostMapResponse {
        dependentVtags = List.copyOf(dependentVtags);
        costTypes = List.copyOf(costTypes);
        tables = List.copyOf(tables);
        if (costTypes.isEmpty() || tables.size() != costTypes.size()) {
            throw new IllegalArgumentException(tables.size() + " tables for " + costTypes.size() + " cost types");
        }
        CostTable first = tables.getFirst();
        for (CostTable table : tables) {
            if (!table.srcs().equals(first.srcs()) || !table.dsts().equals(first.dsts())) {
                throw new IllegalArgumentException("the tables of a multi-cost map must be over the same sources and destinations");
            }
        }
    }

    /** The sources and destinations (the first type's table). */
    public CostTable shape() {
        return tables.getFirst();
    }

    /** Whether the map has the pair: whether it has one of its costs. */
    public boolean isPresent(int src, int dst) {
        for (CostTable table : tables) { // per pair of the answer: no stream
            if (table.isPresent(src, dst)) {
                return true;
            }
        }
        return false;
    }

    /** The costs of one present pair, in cost type order; NaN for a cost the server does not have. */
    public double[] costs(int src, int dst) {
        double[] costs = new double[tables.size()];
        for (int t = 0; t < costs.length; t++) {
            costs[t] = tables.get(t).cost(src, dst);
        }
        return costs;
    }
}
