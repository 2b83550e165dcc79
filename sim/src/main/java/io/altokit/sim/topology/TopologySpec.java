package io.altokit.sim.topology;

import java.util.Objects;

/**
 * What to generate.
 *
 * @param ases          number of autonomous systems, 1 to {@value #MAX_ASES}
 * @param peers         number of peers, at least 1
 * @param placement     how peers are spread over the ASes
 * @param zipfExponent  s of the Zipf placement (ignored for uniform), above 0
 * @param capacities    the access links peers draw from
 * @param transitFactor each AS's transit link (each direction) carries this factor times the sum of
 *                      its peers' upload capacities, scaled per AS by a uniform draw from 0.5 to 1.5;
 *                      below 1 the transit links, not the peers, become the bottleneck under load
 * @param seed          the whole topology follows from it
 */
public record TopologySpec(int ases, int peers, Placement placement, double zipfExponent, CapacityMix capacities,
                           double transitFactor, long seed) {
    public static final int MAX_ASES = 4096;

    public TopologySpec {
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(capacities, "capacities");
        if (ases < 1 || ases > MAX_ASES) {
            throw new IllegalArgumentException("the number of ASes must be from 1 to " + MAX_ASES + ", got " + ases);
        }
        if (peers < 1) {
            throw new IllegalArgumentException("the number of peers must be at least 1, got " + peers);
        }
        if (!(zipfExponent > 0) || !Double.isFinite(zipfExponent)) {
            throw new IllegalArgumentException("the Zipf exponent must be above 0, got " + zipfExponent);
        }
        if (!(transitFactor > 0) || !Double.isFinite(transitFactor)) {
            throw new IllegalArgumentException("the transit factor must be above 0, got " + transitFactor);
        }
    }

    /** The paper's setting: 100 ASes, uniform placement, transit links at the peers' upload sum. */
    public static TopologySpec of(int peers, int ases, CapacityMix capacities, long seed) {
        return new TopologySpec(ases, peers, Placement.UNIFORM, 1.0, capacities, 1.0, seed);
    }

    public TopologySpec withPlacement(Placement value, double exponent) {
        return new TopologySpec(ases, peers, value, exponent, capacities, transitFactor, seed);
    }

    public TopologySpec withTransitFactor(double value) {
        return new TopologySpec(ases, peers, placement, zipfExponent, capacities, value, seed);
    }
}
