package io.altokit.model;

import java.util.List;

/**
 * The data of a cost map or endpoint cost map (RFC 7285 6.2): source and destination names with a
 * dense row-major table of costs, NaN where the pair is left out. Primitive storage keeps large
 * maps compact and the endpoint cost hot path free of boxing.
 */
public record CostTable(List<String> srcs, List<String> dsts, double[] values) {

    public CostTable {
        srcs = List.copyOf(srcs);
        dsts = List.copyOf(dsts);
        if (values.length != srcs.size() * dsts.size()) {
            throw new IllegalArgumentException(values.length + " values for " + srcs.size() + " x " + dsts.size() + " pairs");
        }
    }

    public double cost(int src, int dst) {
        return values[src * dsts.size() + dst];
    }

    public boolean isPresent(int src, int dst) {
        return !Double.isNaN(cost(src, dst));
    }
}
