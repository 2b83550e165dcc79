package io.altokit.app;

import io.altokit.app.config.ConfigNode;
import io.altokit.server.privacy.CostDisclosure;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.protection.PrivacyPolicies;
import io.altokit.server.protection.budget.EndpointBudget;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The optional {@code privacy:} section (docs/security.md, "Privacy and anti-inference"): the
 * default policy for every client, per-client overrides under {@code clients:} (each inherits what
 * it does not set from the default), and the distinct-endpoint budget.
 */
record PrivacySettings(PrivacyPolicies policies, Optional<EndpointBudget> budget) {
    private static final Set<String> POLICY_KEYS = Set.of("mode", "levels", "endpoint-cost", "aggregate-prefixes");
    private static final Set<String> SECTION_KEYS = Set.of("mode", "levels", "endpoint-cost", "aggregate-prefixes",
            "clients", "endpoint-budget");
    private static final Set<String> BUDGET_KEYS = Set.of("distinct-endpoints", "window", "max-callers");
    private static final int MAX_LEVELS = 1000;
    private static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(366);

    static PrivacySettings read(ConfigNode root) {
        Optional<ConfigNode> found = root.section("privacy", SECTION_KEYS);
        if (found.isEmpty()) {
            return new PrivacySettings(PrivacyPolicies.none(), Optional.empty());
        }
        ConfigNode section = found.get();
        PrivacyPolicy defaultPolicy = policy(section, PrivacyPolicy.FULL);
        Map<String, PrivacyPolicy> byClient = new LinkedHashMap<>();
        section.get("clients").ifPresent(clients -> clients.entries().forEach((name, client) ->
                byClient.put(name, policy(client.mapping(POLICY_KEYS), defaultPolicy))));
        return new PrivacySettings(new PrivacyPolicies(defaultPolicy, byClient),
                section.get("endpoint-budget").map(budget -> new EndpointBudget(budget(budget))));
    }

    private static PrivacyPolicy policy(ConfigNode node, PrivacyPolicy inherited) {
        return new PrivacyPolicy(costs(node, inherited.costs()),
                node.bool("endpoint-cost", inherited.endpointCost()),
                node.bool("aggregate-prefixes", inherited.aggregatePrefixes()));
    }

    private static CostDisclosure costs(ConfigNode node, CostDisclosure inherited) {
        Optional<ConfigNode> levels = node.get("levels");
        Optional<ConfigNode> found = node.get("mode");
        if (found.isEmpty()) {
            if (levels.isPresent()) {
                throw levels.get().error("only goes with mode: quantised");
            }
            return inherited;
        }
        ConfigNode mode = found.get();
        String name = mode.textExpecting("numerical, ordinal-only or quantised");
        return switch (name) {
            case "numerical", "ordinal-only" -> {
                if (levels.isPresent()) {
                    throw levels.get().error("only goes with mode: quantised, not " + name);
                }
                yield name.equals("numerical") ? new CostDisclosure.Full() : new CostDisclosure.OrdinalOnly();
            }
            case "quantised", "quantized" -> new CostDisclosure.Quantised((int) levels.orElseThrow(() -> node.error("levels",
                    "mode: quantised needs the number of levels (2.." + MAX_LEVELS + ")")).integer(2, MAX_LEVELS));
            default -> throw mode.error("unknown mode \"" + name + "\" (expected numerical, ordinal-only or quantised)");
        };
    }

    private static EndpointBudget.Settings budget(ConfigNode node) {
        node.mapping(BUDGET_KEYS);
        if (!node.has("distinct-endpoints") || !node.has("window")) {
            throw node.error("needs distinct-endpoints and window, e.g. { distinct-endpoints: 1000, window: 1h }");
        }
        return new EndpointBudget.Settings(node.integer("distinct-endpoints", 1, Integer.MAX_VALUE).orElseThrow(),
                node.duration("window", MIN_WINDOW, MAX_WINDOW).orElseThrow(),
                node.integer("max-callers", 1, Integer.MAX_VALUE).orElse(EndpointBudget.Settings.DEFAULT_MAX_CALLERS));
    }
}
