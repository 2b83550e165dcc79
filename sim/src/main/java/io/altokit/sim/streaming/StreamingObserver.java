package io.altokit.sim.streaming;

import io.altokit.sim.flow.FlowNetwork;

/** Watches a run from inside, for tests of its invariants; the default does nothing. */
public interface StreamingObserver {
    StreamingObserver NONE = new StreamingObserver() {
    };

    /** After each step's bandwidth sharing: the network with its capacities and rates in use. */
    default void stepped(double time, FlowNetwork network) {
    }

    /**
     * A chunk arrived. {@code started} is when its transfer began to move (after the request
     * made when the sender held it); {@code created} is when the source finished producing it.
     */
    default void delivered(int sender, int receiver, int chunk, double created, double started, double arrived) {
    }

    /** A peer's neighbours were (re)chosen: at the start, after an exchange within its PID, on a refresh or a return. */
    default void neighboursChosen(int peer, int[] neighbours) {
    }

    /** A peer left (churn): its transfers were cut off and its buffer is gone. */
    default void left(int peer, double time) {
    }

    /** A peer came back after being away. */
    default void returned(int peer, double time) {
    }
}
