package io.altokit.model;

/**
 * An endpoint cost request (RFC 7285 11.5.1.3) in either of its two readings: the fast path's scan of
 * the body's bytes, or the strict decoder's record (which the fast path declines to stand in for).
 */
public sealed interface EndpointCostQuery extends QueryBody permits EndpointCostRequest, EndpointCostScan {
}
