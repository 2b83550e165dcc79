package io.altokit.model;

import java.util.List;

/**
 * RFC 7285 11.5.1.3 ReqEndpointCostMap. An empty {@code srcs} means the client's own address
 * (the server substitutes it).
 */
public record EndpointCostRequest(CostType costType, List<CostConstraint> constraints,
                                  List<TypedAddress> srcs, List<TypedAddress> dsts) implements EndpointCostQuery {
    public EndpointCostRequest {
        constraints = List.copyOf(constraints);
        srcs = List.copyOf(srcs);
        dsts = List.copyOf(dsts);
    }
}
