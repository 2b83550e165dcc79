package io.altokit.app.trial;

import io.altokit.sim.topology.CapacityClass;

/** A peer's access link, shaped with {@code tbf} in both directions. */
public record AccessLink(long uplinkKbit, long downlinkKbit) {
    /** The super-seed's link: the simulator's 10 Mbit/s super-seed, both ways. */
    static final AccessLink SUPER_SEED = new AccessLink(10_000, 10_000);

    public AccessLink {
        if (uplinkKbit <= 0 || downlinkKbit <= 0) {
            throw new IllegalArgumentException("link rates must be positive, got " + uplinkKbit + "/" + downlinkKbit + " kbit/s");
        }
    }

    static AccessLink of(CapacityClass capacity) {
        return new AccessLink(Math.round(capacity.uplinkBps() / 1000), Math.round(capacity.downlinkBps() / 1000));
    }

    @Override
    public String toString() {
        return uplinkKbit + "/" + downlinkKbit;
    }
}
