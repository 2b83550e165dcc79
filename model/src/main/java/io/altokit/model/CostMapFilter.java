package io.altokit.model;

import java.util.List;

/** RFC 7285 11.3.2.3 ReqFilteredCostMap; an empty PID list means every PID. */
public record CostMapFilter(CostType costType, List<CostConstraint> constraints, List<String> srcPids, List<String> dstPids)
        implements QueryBody {
    public CostMapFilter {
        constraints = List.copyOf(constraints);
        srcPids = List.copyOf(srcPids);
        dstPids = List.copyOf(dstPids);
    }
}
