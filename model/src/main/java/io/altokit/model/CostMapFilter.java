package io.altokit.model;

import java.util.List;

/**
 * RFC 7285 11.3.2.3 ReqFilteredCostMap, with the RFC 8189 (4.1.2) cost selection; an empty PID list
 * means every PID.
 */
public record CostMapFilter(CostSelection costs, List<String> srcPids, List<String> dstPids) implements QueryBody {
    public CostMapFilter {
        srcPids = List.copyOf(srcPids);
        dstPids = List.copyOf(dstPids);
    }

    /** An RFC 7285 filter: one cost type, its constraints. */
    public CostMapFilter(CostType costType, List<CostConstraint> constraints, List<String> srcPids, List<String> dstPids) {
        this(CostSelection.single(costType, constraints), srcPids, dstPids);
    }
}
