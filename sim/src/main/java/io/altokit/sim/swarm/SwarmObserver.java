package io.altokit.sim.swarm;

import io.altokit.sim.flow.FlowNetwork;

/** Watches a swarm run from inside, for tests of its invariants; the default does nothing. */
public interface SwarmObserver {
    SwarmObserver NONE = new SwarmObserver() {
    };

    /** After each step's bandwidth sharing. */
    default void stepped(double time, FlowNetwork network) {
    }

    /** A piece arrived; the sender held it (it is the super-seed, or it had received it earlier). */
    default void delivered(int sender, int receiver, int piece, double arrived) {
    }
}
