package io.altokit.model;

import java.util.List;

/**
 * RFC 7285 11.5.1.3 ReqEndpointCostMap, with the RFC 8189 (4.2.2) cost selection. An empty {@code srcs}
 * means the client's own address (the server substitutes it).
 */
public record EndpointCostRequest(CostSelection costs, List<TypedAddress> srcs, List<TypedAddress> dsts)
        implements EndpointCostQuery {
    public EndpointCostRequest {
        srcs = List.copyOf(srcs);
        dsts = List.copyOf(dsts);
    }

    /** An RFC 7285 request: one cost type, its constraints. */
    public EndpointCostRequest(CostType costType, List<CostConstraint> constraints, List<TypedAddress> srcs,
                               List<TypedAddress> dsts) {
        this(CostSelection.single(costType, constraints), srcs, dsts);
    }
}
