package io.altokit.sim.select;

import io.altokit.sim.topology.Topology;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How a peer picks its neighbours from the candidates a tracker gave it: the one thing the
 * simulated policies differ in. Each policy is one class; {@link #named} builds one by its name.
 */
public sealed interface PeerSelection permits RandomSelection, RttSelection, AltoSelection {

    /** Every policy, in the order reports list them. */
    List<String> NAMES = List.of("random", "rtt", "alto", "alto-random");

    String name();

    /**
     * Up to {@code count} of {@code candidates} (peer indexes, none of them {@code peer}), best
     * first. May reorder {@code candidates}.
     */
    int[] choose(int peer, int[] candidates, int count, SplittableRandom random);

    /**
     * What the application believes a transfer from {@code other} to {@code peer} costs, lower
     * being better: the chunk and piece schedulers prefer cheap neighbours by it.
     */
    double linkCost(int peer, int other);

    /**
     * Whether the policy knows {@code other} to be in {@code peer}'s own network location (for
     * ALTO: the same PID), so that a chunk it holds need not cross into it again; false when the
     * policy cannot tell.
     */
    boolean near(int peer, int other);

    /**
     * @param name {@code random}, {@code rtt} (lowest measured round-trip time), {@code alto}
     *             (ALTO order) or {@code alto-random} (ALTO order with 20 % random places, as in the paper's trial)
     * @throws IllegalArgumentException for another name
     */
    static PeerSelection named(String name, Topology topology) {
        return switch (requireKnown(name)) {
            case "random" -> new RandomSelection();
            case "rtt" -> new RttSelection(topology);
            case "alto" -> new AltoSelection("alto", topology, 0);
            default -> new AltoSelection("alto-random", topology, 0.2);
        };
    }

    /**
     * @return the name in lower case
     * @throws IllegalArgumentException naming the known policies when it is none of them
     */
    static String requireKnown(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(lower)) {
            throw new IllegalArgumentException("unknown policy \"" + name + "\"; known: " + String.join(", ", NAMES));
        }
        return lower;
    }
}
