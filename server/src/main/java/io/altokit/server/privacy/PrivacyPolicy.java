package io.altokit.server.privacy;

import io.altokit.core.Snapshot;

import java.util.Objects;

/**
 * What one client may learn about the operator's network: which costs in which form, whether it
 * may name endpoints to the endpoint cost service, and whether network maps show each PID's
 * prefixes as configured or aggregated. The server serves each distinct policy from its own
 * catalog, built once per snapshot, so answers stay precomputed.
 *
 * @param endpointCost      false: no endpoint cost service (not in the directory, refused with 403);
 *                          clients rank with the network map and a cost map instead
 * @param aggregatePrefixes true: network maps list each PID's prefixes aggregated losslessly
 *                          (every address still maps to the same PID)
 */
public record PrivacyPolicy(CostDisclosure costs, boolean endpointCost, boolean aggregatePrefixes) {

    /** Everything as configured: the server without a privacy section. */
    public static final PrivacyPolicy FULL = new PrivacyPolicy(new CostDisclosure.Full(), true, false);

    public PrivacyPolicy {
        Objects.requireNonNull(costs, "costs");
    }

    /** The snapshot as clients under this policy see it (its own vtags where the content differs). */
    public Snapshot view(Snapshot snapshot) {
        return costs.apply(aggregatePrefixes ? snapshot.withAggregatedPrefixes() : snapshot);
    }
}
