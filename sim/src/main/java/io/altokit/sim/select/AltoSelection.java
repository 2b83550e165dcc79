package io.altokit.sim.select;

import io.altokit.client.MapGuidance;
import io.altokit.client.PeerOrder;
import io.altokit.client.RankedPeer;
import io.altokit.client.Ranking;
import io.altokit.sim.topology.Topology;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * ALTO-guided selection exactly as an application using the client library does it: the
 * candidates' addresses are costed by {@link MapGuidance} (longest-prefix match into the
 * operator's network map, then its {@code routingcost} row) and put in order by {@link PeerOrder}
 * (lowest cost first, random tie-breaks, {@code randomShare} of the places to random peers).
 * The guidance is built once from the topology's in-process ALTO snapshot.
 */
public final class AltoSelection implements PeerSelection {
    private final String name;
    private final Topology topology;
    private final double randomShare;
    private final MapGuidance guidance;
    /** Each peer's PID, located once. */
    private final int[] pid;

    AltoSelection(String name, Topology topology, double randomShare) {
        this.name = name;
        this.topology = topology;
        this.randomShare = randomShare;
        this.guidance = MapGuidance.of(topology.alto().current().networkMap(), topology.routingCost());
        this.pid = new int[topology.peers()];
        for (int p = 0; p < pid.length; p++) {
            pid[p] = guidance.locate(topology.address(p));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] choose(int peer, int[] candidates, int count, SplittableRandom random) {
        List<InetAddress> addresses = new ArrayList<>(candidates.length);
        for (int candidate : candidates) {
            addresses.add(topology.address(candidate));
        }
        Ranking ranking = new PeerOrder(randomShare, random).order(addresses, guidance.costs(topology.address(peer), addresses));
        int[] chosen = new int[Math.min(count, candidates.length)];
        List<RankedPeer> order = ranking.peers();
        for (int i = 0; i < chosen.length; i++) {
            chosen[i] = topology.peerAt(order.get(i).address());
        }
        return chosen;
    }

    /** The operator's {@code routingcost} from the other's PID to the peer's. */
    @Override
    public double linkCost(int peer, int other) {
        return guidance.cost(pid[other], pid[peer]);
    }

    @Override
    public boolean near(int peer, int other) {
        return pid[peer] == pid[other];
    }
}
