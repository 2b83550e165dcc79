package io.altokit.sim.streaming;

/**
 * Peers coming and going, and neighbour sets renewed. Every peer starts online; it stays for an
 * exponentially distributed session (mean {@code meanSessionS}), is then away for an
 * exponentially distributed time (mean {@code meanOfflineS}) and comes back with an empty buffer
 * and a fresh neighbour set, so about {@code meanSessionS / (meanSessionS + meanOfflineS)} of the
 * peers are online at any time. Independently, every {@code refreshS} (the first time at a
 * uniform offset, so peers do not all ask at once) a peer asks the tracker for new candidates and
 * lets its policy choose its neighbours again. Infinity turns either off.
 *
 * @param meanSessionS mean time a peer stays, seconds; infinite for no churn
 * @param meanOfflineS mean time a peer is away before it comes back, seconds
 * @param refreshS     how often a peer re-selects its neighbours, seconds; infinite for never
 */
public record Churn(double meanSessionS, double meanOfflineS, double refreshS) {
    /** Every peer stays for the whole stream and keeps its first neighbours. */
    public static final Churn NONE = new Churn(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    public Churn {
        if (!(meanSessionS > 0) || !(meanOfflineS > 0) || !(refreshS > 0)) {
            throw new IllegalArgumentException("churn times must be above 0 (infinite for none), got session " + meanSessionS
                    + " s, offline " + meanOfflineS + " s, refresh " + refreshS + " s");
        }
    }

    public boolean peersLeave() {
        return meanSessionS != Double.POSITIVE_INFINITY;
    }
}
