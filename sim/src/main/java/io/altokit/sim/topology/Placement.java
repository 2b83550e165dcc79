package io.altokit.sim.topology;

/** How peers are spread over the autonomous systems. */
public enum Placement {
    /** Every AS equally likely. */
    UNIFORM,
    /** AS of popularity rank k with probability proportional to 1 / k^s: a few big ISPs, a long tail. */
    ZIPF
}
