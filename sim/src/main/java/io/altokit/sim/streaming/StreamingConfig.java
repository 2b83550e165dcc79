package io.altokit.sim.streaming;

import io.altokit.sim.topology.TopologySpec;

import java.util.Objects;

/**
 * One live-streaming run.
 *
 * @param topology        the network and its peers
 * @param policy          peer-selection policy name (see {@link io.altokit.sim.select.PeerSelection#NAMES})
 * @param streamRateBps   video rate
 * @param chunkS          stream time per chunk
 * @param durationS       simulated time
 * @param warmupS         chunks created before this are left out of the delay and deadline metrics
 * @param playoutDelayS   a chunk must arrive within this long of its creation (the playout deadline)
 * @param neighbours      neighbours each peer keeps (the policy picks them)
 * @param candidates      how many random peers the bootstrap server offers each peer to pick from
 * @param parallelRequests chunk requests a peer keeps in flight
 * @param sourceUplinkBps the source's upload capacity
 * @param sourceFanout    peers the source pushes every new chunk to
 * @param stepS           time step of the flow model
 * @param localWaitS      how long a peer waits for a chunk to reach a neighbour in its own network location (an
 *                        ALTO PID) before pulling it from another: a draw per peer and chunk uniformly from 0 to this,
 *                        times the stream rate over the peer's uplink,
 *                        so that one peer of an AS, not all of them at once, brings a chunk in; 0 for no waiting
 * @param fallbackSlackS  with this little time left before a chunk's deadline a peer pulls it from any neighbour
 * @param churn           peers leaving and coming back, and neighbour sets renewed from the tracker
 */
public record StreamingConfig(TopologySpec topology, String policy, double streamRateBps, double chunkS, double durationS,
                              double warmupS, double playoutDelayS, int neighbours, int candidates, int parallelRequests,
                              double sourceUplinkBps, int sourceFanout, double stepS, double localWaitS,
                              double fallbackSlackS, Churn churn) {
    /** The window of chunks a peer's buffer map covers: one {@code long}. */
    static final int WINDOW = 64;

    public StreamingConfig {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(churn, "churn");
        positive("stream rate", streamRateBps);
        positive("chunk duration", chunkS);
        positive("duration", durationS);
        positive("playout delay", playoutDelayS);
        positive("source uplink", sourceUplinkBps);
        positive("time step", stepS);
        if (!(warmupS >= 0) || warmupS + playoutDelayS >= durationS) {
            throw new IllegalArgumentException("the warm-up (" + warmupS + " s) plus the playout delay (" + playoutDelayS
                    + " s) must be shorter than the duration (" + durationS + " s)");
        }
        if (playoutDelayS / chunkS > WINDOW - 4) {
            throw new IllegalArgumentException("the playout delay spans " + (int) (playoutDelayS / chunkS)
                    + " chunks; the buffer map holds " + (WINDOW - 4) + ": use longer chunks or a shorter delay");
        }
        if (stepS > chunkS) {
            throw new IllegalArgumentException("the time step (" + stepS + " s) must not exceed the chunk duration (" + chunkS + " s)");
        }
        if (!(localWaitS >= 0) || !(fallbackSlackS >= 0) || fallbackSlackS >= playoutDelayS) {
            throw new IllegalArgumentException("the local wait (" + localWaitS + " s) must be at least 0 and the fallback slack ("
                    + fallbackSlackS + " s) from 0 to below the playout delay (" + playoutDelayS + " s)");
        }
        if (neighbours < 1 || candidates < 1 || parallelRequests < 1 || sourceFanout < 1) {
            throw new IllegalArgumentException("neighbours, candidates, parallel requests and source fan-out must be at least 1");
        }
        if (sourceFanout > topology.peers()) {
            throw new IllegalArgumentException("the source cannot push to " + sourceFanout + " of " + topology.peers() + " peers");
        }
    }

    /**
     * The paper's scenario: 1 Mbps video, 0.5 s chunks, 10 min, 10 s playout delay, 20 neighbours;
     * a chunk waits up to 1 s (times stream rate / uplink) for a local holder, and any neighbour serves it in its last second.
     */
    public static StreamingConfig defaults(TopologySpec topology, String policy) {
        return new StreamingConfig(topology, policy, 1e6, 0.5, 600, 30, 10, 20, 500, 4, 10e6, 4, 0.05, 1, 1, Churn.NONE);
    }

    public StreamingConfig withPolicy(String value) {
        return new StreamingConfig(topology, value, streamRateBps, chunkS, durationS, warmupS, playoutDelayS, neighbours,
                candidates, parallelRequests, sourceUplinkBps, sourceFanout, stepS, localWaitS, fallbackSlackS, churn);
    }

    /** The duration, with the warm-up cut to a quarter of it if it was longer. */
    public StreamingConfig withDuration(double value) {
        return new StreamingConfig(topology, policy, streamRateBps, chunkS, value, Math.min(warmupS, value / 4), playoutDelayS, neighbours,
                candidates, parallelRequests, sourceUplinkBps, sourceFanout, stepS, localWaitS, fallbackSlackS, churn);
    }

    /** The locality of the chunk scheduler: how long a chunk waits for a local holder, and when any neighbour will do. */
    public StreamingConfig withLocality(double waitS, double slackS) {
        return new StreamingConfig(topology, policy, streamRateBps, chunkS, durationS, warmupS, playoutDelayS, neighbours,
                candidates, parallelRequests, sourceUplinkBps, sourceFanout, stepS, waitS, slackS, churn);
    }

    public StreamingConfig withChurn(Churn value) {
        return new StreamingConfig(topology, policy, streamRateBps, chunkS, durationS, warmupS, playoutDelayS, neighbours,
                candidates, parallelRequests, sourceUplinkBps, sourceFanout, stepS, localWaitS, fallbackSlackS, value);
    }

    public double chunkBytes() {
        return streamRateBps * chunkS / 8;
    }

    private static void positive(String what, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("the " + what + " must be positive and finite, got " + value);
        }
    }
}
