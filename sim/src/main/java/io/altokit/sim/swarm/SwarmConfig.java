package io.altokit.sim.swarm;

import io.altokit.sim.topology.TopologySpec;

import java.util.Objects;

/**
 * One BitTorrent swarm run (the paper's 4.4 trial set-up).
 *
 * @param topology           the network and its peers (capacities: the paper's Table 1)
 * @param policy             the tracker's peer-selection policy name
 * @param fileBytes          size of the shared file
 * @param pieceBytes         size of a piece
 * @param arrivalWindowS     peers join at uniformly random times in [0, this)
 * @param timeLimitS         the run stops here even if some peers are unfinished
 * @param superSeedUplinkBps upload capacity of the one initial seed
 * @param numwant            peers the tracker returns per announce
 * @param candidates         random present peers the tracker considers per announce
 * @param maxConnections     connections a peer keeps at most
 * @param uploadSlots        peers a peer uploads to at once: regular unchokes plus one optimistic
 * @param rechokeS           how often unchokes are recomputed (tit-for-tat)
 * @param optimisticS        how often the optimistic unchoke moves on
 * @param stepS              time step of the flow model
 * @param peerExchange       whether peers also learn of others from their neighbours (PEX), every re-announce interval
 * @param nearSupply         a downloader does not fetch a piece from outside its PID while at least this many near
 *                           neighbours hold it (policies that know PIDs only); 0 for no such restraint
 */
public record SwarmConfig(TopologySpec topology, String policy, double fileBytes, double pieceBytes, double arrivalWindowS,
                          double timeLimitS, double superSeedUplinkBps, int numwant, int candidates, int maxConnections,
                          int uploadSlots, double rechokeS, double optimisticS, double stepS,
                          boolean peerExchange, int nearSupply) {

    public SwarmConfig {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(policy, "policy");
        for (double value : new double[] {fileBytes, pieceBytes, timeLimitS, superSeedUplinkBps, rechokeS, optimisticS, stepS}) {
            if (!(value > 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException("sizes, times and capacities must be positive and finite, got " + value);
            }
        }
        if (topology.peers() < 2) {
            throw new IllegalArgumentException("a swarm needs the super-seed and at least one more peer, got " + topology.peers() + " peer");
        }
        if (!(arrivalWindowS >= 0) || arrivalWindowS >= timeLimitS) {
            throw new IllegalArgumentException("the arrival window (" + arrivalWindowS + " s) must be shorter than the time limit ("
                    + timeLimitS + " s)");
        }
        if (pieceBytes > fileBytes || fileBytes / pieceBytes > 1 << 16) {
            throw new IllegalArgumentException("the file must hold 1 to 65536 pieces, got " + (long) Math.ceil(fileBytes / pieceBytes));
        }
        if (nearSupply < 0) {
            throw new IllegalArgumentException("the near supply must be at least 0 (0: off), got " + nearSupply);
        }
        if (numwant < 1 || candidates < 1 || maxConnections < 1 || maxConnections > 1000 || uploadSlots < 2) {
            throw new IllegalArgumentException("numwant and candidates must be at least 1, connections 1 to 1000, upload slots at least 2");
        }
    }

    /**
     * 20 MB in 256 kB pieces, arrivals over a minute, 50 peers per announce, 4 upload slots, rechoke 10 s,
     * optimistic 30 s, no PEX, no piece from afar that 2 near neighbours hold.
     */
    public static SwarmConfig defaults(TopologySpec topology, String policy) {
        return new SwarmConfig(topology, policy, 20e6, 262_144, 60, 7200, 10e6, 50, 1000, 80, 4, 10, 30, 0.25, false, 2);
    }

    public SwarmConfig withPolicy(String value) {
        return new SwarmConfig(topology, value, fileBytes, pieceBytes, arrivalWindowS, timeLimitS, superSeedUplinkBps, numwant,
                candidates, maxConnections, uploadSlots, rechokeS, optimisticS, stepS, peerExchange, nearSupply);
    }

    public SwarmConfig withFile(double bytes) {
        return new SwarmConfig(topology, policy, bytes, pieceBytes, arrivalWindowS, timeLimitS, superSeedUplinkBps, numwant,
                candidates, maxConnections, uploadSlots, rechokeS, optimisticS, stepS, peerExchange, nearSupply);
    }

    public SwarmConfig withPeerExchange(boolean value) {
        return new SwarmConfig(topology, policy, fileBytes, pieceBytes, arrivalWindowS, timeLimitS, superSeedUplinkBps, numwant,
                candidates, maxConnections, uploadSlots, rechokeS, optimisticS, stepS, value, nearSupply);
    }

    public SwarmConfig withNearSupply(int value) {
        return new SwarmConfig(topology, policy, fileBytes, pieceBytes, arrivalWindowS, timeLimitS, superSeedUplinkBps, numwant,
                candidates, maxConnections, uploadSlots, rechokeS, optimisticS, stepS, peerExchange, value);
    }

    public int pieces() {
        return (int) Math.ceil(fileBytes / pieceBytes);
    }

    /** The last piece may be shorter. */
    public double pieceSize(int piece) {
        return piece < pieces() - 1 ? pieceBytes : fileBytes - pieceBytes * (pieces() - 1);
    }
}
