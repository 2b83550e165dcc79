package io.altokit.server.protection.access;

import io.altokit.core.IpPrefix;
import io.altokit.server.protection.Caller;
import io.altokit.server.protection.Grant;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of the {@code access:} list. It matches a caller whose address lies in one of
 * {@code sources} and whose authenticated name is one of {@code clients}; an empty list does not
 * restrict. A matching rule grants {@code resources} (IRD resource ids, or {@code *} for all).
 */
public record AccessRule(List<IpPrefix> sources, List<String> clients, Set<String> resources) {
    public static final String ALL = "*";

    public AccessRule {
        sources = List.copyOf(sources);
        clients = List.copyOf(clients);
        resources = Set.copyOf(resources);
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("a rule must list the resources it grants (or \"*\")");
        }
    }

    public boolean matches(Caller caller) {
        return (sources.isEmpty() || sources.stream().anyMatch(prefix -> prefix.contains(caller.address())))
                && (clients.isEmpty() || caller.name().filter(clients::contains).isPresent());
    }

    /** The resources the rule grants. */
    public Grant grant() {
        return resources.contains(ALL) ? Grant.ALL : Grant.only(resources);
    }

    /** Whether the rule grants the resource; an unknown path (no id) only under {@code *}, so 403 hides what exists. */
    public boolean grants(Optional<String> resourceId) {
        return resources.contains(ALL) || resourceId.filter(resources::contains).isPresent();
    }
}
