package io.altokit.app;

import io.altokit.app.config.ConfigNode;
import io.altokit.app.config.NearestKey;
import io.altokit.core.IpPrefix;
import io.altokit.server.protection.access.AccessRule;
import io.altokit.server.protection.access.AccessRules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code access:} list (docs/security.md, "Access control"): rules matching callers by source
 * prefix and/or client name, each granting resources; the first match decides, no match is 403.
 */
final class AccessSettings {
    private static final Set<String> RULE_KEYS = Set.of("source", "client", "resources");

    private AccessSettings() {
    }

    /** @param offered the resource ids the server offers, which rules may grant (besides "*") */
    static Optional<AccessRules> read(ConfigNode root, Set<String> offered) {
        Optional<ConfigNode> found = root.get("access");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConfigNode list = found.get();
        if (!list.isList() || list.list().isEmpty()) {
            throw list.error("expected a list of rules such as { source: 192.0.2.0/24, resources: [\"*\"] }");
        }
        List<AccessRule> rules = new ArrayList<>();
        for (ConfigNode rule : list.list()) {
            rules.add(rule(rule.mapping(RULE_KEYS), offered));
        }
        return Optional.of(new AccessRules(rules));
    }

    private static AccessRule rule(ConfigNode rule, Set<String> offered) {
        List<IpPrefix> sources = new ArrayList<>();
        for (String text : rule.texts("source")) {
            try {
                sources.add(IpPrefix.parse(text));
            } catch (IllegalArgumentException e) {
                throw rule.error("source", e.getMessage());
            }
        }
        List<String> resources = rule.texts("resources");
        if (resources.isEmpty()) {
            throw rule.error("resources", "missing: list the resource ids the rule grants, or \"*\"");
        }
        for (String resource : resources) {
            if (!resource.equals(AccessRule.ALL) && !offered.contains(resource)) {
                // A wrong id would start fine and then refuse every request with 403.
                throw rule.error("resources", "'" + resource + "' is not a resource this server offers (it offers: "
                        + String.join(", ", offered) + ", or \"*\" for all)" + NearestKey.suggestion(resource, offered));
            }
        }
        return new AccessRule(sources, rule.texts("client"), new LinkedHashSet<>(resources));
    }
}
