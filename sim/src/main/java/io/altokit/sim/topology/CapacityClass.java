package io.altokit.sim.topology;

/**
 * A share of the peers with the same access link.
 *
 * @param share      fraction of the peers, above 0 and at most 1
 * @param uplinkBps   upload capacity in bits per second
 * @param downlinkBps download capacity in bits per second
 */
public record CapacityClass(double share, double uplinkBps, double downlinkBps) {

    public CapacityClass {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("a capacity class share is above 0 and at most 1, got " + share);
        }
        if (!(uplinkBps > 0) || !(downlinkBps > 0) || !Double.isFinite(uplinkBps) || !Double.isFinite(downlinkBps)) {
            throw new IllegalArgumentException("capacities must be positive and finite, got " + uplinkBps + "/" + downlinkBps);
        }
    }

    public static CapacityClass kbps(double share, double uplinkKbps, double downlinkKbps) {
        return new CapacityClass(share, uplinkKbps * 1000, downlinkKbps * 1000);
    }
}
