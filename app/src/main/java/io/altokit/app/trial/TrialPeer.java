package io.altokit.app.trial;

/**
 * One emulated peer: its own network namespace in area {@code area} (1-based), at {@code address},
 * behind its access link.
 */
public record TrialPeer(int id, int area, Role role, AccessLink access, String address) {

    /** The peer's network namespace. */
    public String namespace() {
        return AddressPlan.NAMESPACE_PREFIX + "p" + id;
    }

    /** Its veth end in the area router's namespace (at most 15 characters, as every interface name). */
    String routerPort() {
        return "p" + id;
    }

    boolean downloads() {
        return role != Role.SUPER_SEED;
    }
}
