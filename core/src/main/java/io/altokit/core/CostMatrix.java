package io.altokit.core;

import java.util.Objects;

/**
 * The numerical costs of one metric between every ordered pair of a {@link NetworkMap}'s PIDs, as
 * a dense row-major {@code double[size * size]}: 8 bytes a pair, so 10,000 PIDs would take 800 MB.
 * A pair without a configured cost holds NaN.
 */
public final class CostMatrix {

    private final String metric;
    private final int size;
    private final double[] costs;
    private final String vtag;

    /** @param costs row-major, {@code size * size} long; owned by this matrix from now on (never modified) */
    CostMatrix(String metric, int size, double[] costs, String networkMapVtag) {
        this.metric = metric;
        this.size = size;
        this.costs = costs;
        ContentHash hash = new ContentHash("altokit cost matrix v1")
                .putString(networkMapVtag)
                .putString(metric)
                .putInt(size);
        for (double cost : costs) {
            hash.putDouble(cost);
        }
        vtag = hash.tag();
    }

    /** The RFC 7285 cost metric, e.g. {@code routingcost} or {@code hopcount}. */
    public String metric() {
        return metric;
    }

    /** Number of PIDs along each side. */
    public int size() {
        return size;
    }

    /** The cost from one PID to another, NaN when not defined. */
    public double cost(int srcPid, int dstPid) {
        return costs[Objects.checkIndex(srcPid, size) * size + Objects.checkIndex(dstPid, size)];
    }

    public boolean isDefined(int srcPid, int dstPid) {
        return !Double.isNaN(cost(srcPid, dstPid));
    }

    /** The row-major costs themselves, shared: callers must not modify them. */
    double[] sharedCosts() {
        return costs;
    }

    /** These costs over another network map with the same PIDs (one whose prefixes were aggregated). */
    CostMatrix over(String networkMapVtag) {
        return new CostMatrix(metric, size, costs, networkMapVtag);
    }

    /** These costs in at most {@code levels} values, by the rule of {@link CostLevels}. */
    CostMatrix quantised(int levels, String networkMapVtag) {
        return new CostMatrix(metric, size, CostLevels.quantise(costs, levels), networkMapVtag);
    }

    /** Content hash of these costs and of the network map they refer to. */
    public String vtag() {
        return vtag;
    }

    @Override
    public String toString() {
        return "CostMatrix[" + metric + ", " + size + "x" + size + ", vtag " + vtag + "]";
    }
}
