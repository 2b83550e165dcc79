package io.altokit.model;

/**
 * The input parameters of a request to an ALTO service, as its body is parsed: a filter (RFC 7285
 * 11.3.1.3, 11.3.2.3), an endpoint property or cost request (11.4.1.3, 11.5.1.3), a filtered property
 * map request (RFC 9240 7.3), the substreams of
 * an update stream (RFC 8895 6.5), or the resource of a TIPS view (RFC 9569 6.1). Sealed, so that
 * code looking into any request's parameters (the server's endpoint budget) is told by the compiler
 * when a new kind of request appears.
 */
public sealed interface QueryBody
        permits CostMapFilter, EndpointCostQuery, EndpointPropertyRequest, NetworkMapFilter, PropertyMapRequest, TipsRequest, UpdateStreamRequest {
}
