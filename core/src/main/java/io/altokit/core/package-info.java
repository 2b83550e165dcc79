/**
 * The network knowledge an ALTO server serves, free of HTTP, JSON and data sources.
 *
 * <p>{@link io.altokit.core.Snapshot.Builder} checks PIDs, {@link io.altokit.core.IpPrefix prefixes}
 * and costs and builds an immutable {@link io.altokit.core.Snapshot}: a {@link
 * io.altokit.core.NetworkMap} (PIDs indexed by name order, longest-prefix match from address to
 * PID) and one dense {@link io.altokit.core.CostMatrix} per metric; a {@link io.altokit.core.Rating}
 * computes {@code routingcost} as the operator's weighted combination of other metrics. Version tags are hashes of
 * content, so equal data gives equal tags on every replica. {@link io.altokit.core.InformationBase}
 * holds the current snapshot (readers never lock) and hands each subscriber the current snapshot,
 * then a {@link io.altokit.core.ChangeSet} per publication: what incremental updates and rebuilds
 * start from.
 */
package io.altokit.core;
