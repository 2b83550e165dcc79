package io.altokit.sim.topology;

/** Names the generated topology publishes in its ALTO snapshot. */
public final class TopologyMetrics {
    /** Round-trip time between ASes in milliseconds (RFC 9439 name). */
    public static final String DELAY = "delay-rt";
    /** Transit fee per unit of traffic between ASes. */
    public static final String TRANSIT = "priv:transit";

    private TopologyMetrics() {
    }

    /** The PID of an AS: {@code as-0007}. */
    public static String pid(int as) {
        return String.format("as-%04d", as);
    }
}
