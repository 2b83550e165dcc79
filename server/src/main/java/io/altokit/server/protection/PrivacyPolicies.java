package io.altokit.server.protection;

import io.altokit.server.privacy.PrivacyPolicy;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The privacy policy of each client: one for every caller, with overrides for authenticated client
 * names (the name an authentication guard gave the {@link Caller}; unauthenticated callers get the
 * default).
 */
public record PrivacyPolicies(PrivacyPolicy defaultPolicy, Map<String, PrivacyPolicy> byClient) {

    private static final PrivacyPolicies NONE = new PrivacyPolicies(PrivacyPolicy.FULL, Map.of());

    public PrivacyPolicies {
        byClient = Map.copyOf(byClient);
    }

    /** No privacy section: every client sees everything. */
    public static PrivacyPolicies none() {
        return NONE;
    }

    public PrivacyPolicy policyFor(Caller caller) {
        if (byClient.isEmpty() || caller.name().isEmpty()) {
            return defaultPolicy;
        }
        return byClient.getOrDefault(caller.name().get(), defaultPolicy);
    }

    /** Each policy once, the default first. */
    public Set<PrivacyPolicy> distinct() {
        Set<PrivacyPolicy> distinct = new LinkedHashSet<>();
        distinct.add(defaultPolicy);
        distinct.addAll(byClient.values());
        return distinct;
    }
}
