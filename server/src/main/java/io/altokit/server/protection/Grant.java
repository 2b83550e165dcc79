package io.altokit.server.protection;

import java.util.Set;

/** The resources a caller may use, by IRD resource id: every one, or those named (perhaps none). */
public record Grant(boolean all, Set<String> resourceIds) {

    public static final Grant ALL = new Grant(true, Set.of());

    public Grant {
        resourceIds = Set.copyOf(resourceIds);
    }

    public static Grant only(Set<String> resourceIds) {
        return new Grant(false, resourceIds);
    }

    public boolean covers(String resourceId) {
        return all || resourceIds.contains(resourceId);
    }
}
