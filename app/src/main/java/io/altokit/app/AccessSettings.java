package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.IpPrefix;
import io.altokit.provision.ProvisioningException;
import io.altokit.server.protection.access.AccessRule;
import io.altokit.server.protection.access.AccessRules;

import java.nio.file.Path;
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

    static Optional<AccessRules> read(JsonNode root, Path configFile) {
        JsonNode list = root.path("access");
        if (list.isMissingNode() || list.isNull()) {
            return Optional.empty();
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new ProvisioningException(configFile + ": access: expected a list of rules such as "
                    + "{ source: 192.0.2.0/24, resources: [\"*\"] }");
        }
        List<AccessRule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            rules.add(rule(new YamlSection(list.get(i), "access[" + i + "]", configFile).mapping(RULE_KEYS)));
        }
        return Optional.of(new AccessRules(rules));
    }

    private static AccessRule rule(YamlSection rule) {
        List<IpPrefix> sources = new ArrayList<>();
        for (String text : rule.texts("source")) {
            try {
                sources.add(IpPrefix.parse(text));
            } catch (IllegalArgumentException e) {
                throw rule.error(rule.path() + ".source", e.getMessage());
            }
        }
        List<String> resources = rule.texts("resources");
        if (resources.isEmpty()) {
            throw rule.error(rule.path() + ".resources", "missing: list the resource ids the rule grants, or \"*\"");
        }
        return new AccessRule(sources, rule.texts("client"), new LinkedHashSet<>(resources));
    }
}
