package io.altokit.model;

import java.util.List;

/**
 * RFC 7285 11.2.3.6 InfoResourceCostMap: source PID -> destination PID -> cost. Also the shape of
 * the endpoint cost map (11.5.1.6), where the names are typed addresses and there are no dependent
 * vtags.
 */
public record CostMapResponse(List<VersionTag> dependentVtags, CostType costType, CostTable costs) {
}
