package io.altokit.model;

import java.util.Arrays;
import java.util.List;

/**
 * A multi-cost map (RFC 8189 section 3.1): a filtered cost map or endpoint cost map whose cost for a
 * pair is an array, one value per cost type in {@code costTypes} order. One table per cost type over
 * the same sources and destinations; a pair is present in all of them or in none.
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
            if (!table.srcs().equals(first.srcs()) || !table.dsts().equals(first.dsts())
                    || !Arrays.equals(presence(table), presence(first))) {
                throw new IllegalArgumentException("the tables of a multi-cost map must cover the same pairs");
            }
        }
    }

    /** The sources and destinations, with the presence of each pair. */
    public CostTable shape() {
        return tables.getFirst();
    }

    /** The costs of one present pair, in cost type order. */
    public double[] costs(int src, int dst) {
        double[] costs = new double[tables.size()];
        for (int t = 0; t < costs.length; t++) {
            costs[t] = tables.get(t).cost(src, dst);
        }
        return costs;
    }

    private static boolean[] presence(CostTable table) {
        boolean[] present = new boolean[table.values().length];
        for (int k = 0; k < present.length; k++) {
            present[k] = !Double.isNaN(table.values()[k]);
        }
        return present;
    }
}
