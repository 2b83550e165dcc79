package io.altokit.server;

import io.altokit.core.Snapshot;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.protection.Caller;
import io.altokit.server.protection.PrivacyPolicies;

import java.util.HashMap;
import java.util.Map;

/**
 * The catalogs of one snapshot: the full one, whose resource ids the guards see, and one per
 * distinct privacy policy, from which admitted callers are answered. Without privacy policies the
 * full catalog is the only one.
 */
final class Catalogs {
    private final Catalog full;
    private final PrivacyPolicies policies;
    private final Map<PrivacyPolicy, Catalog> byPolicy = new HashMap<>();

    /** @param encodedMaps the full maps encoded for the catalogs served so far, taken over where unchanged */
    Catalogs(Snapshot snapshot, ServerConfig config, PrivacyPolicies policies, EncodedMaps encodedMaps) {
        this.full = new Catalog(snapshot, config, PrivacyPolicy.FULL, encodedMaps);
        this.policies = policies;
        byPolicy.put(PrivacyPolicy.FULL, full);
        for (PrivacyPolicy policy : policies.distinct()) {
            byPolicy.computeIfAbsent(policy, p -> new Catalog(p.view(snapshot), config, p, encodedMaps));
        }
        encodedMaps.published();
    }

    Catalog full() {
        return full;
    }

    /** The catalog the caller's privacy policy shows. */
    Catalog forCaller(Caller caller) {
        return byPolicy.size() == 1 ? full : byPolicy.get(policies.policyFor(caller));
    }
}
