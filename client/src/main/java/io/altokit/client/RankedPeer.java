package io.altokit.client;

import java.net.InetAddress;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One candidate peer in a {@link Ranking}: its ALTO cost (empty when the server gave none), its
 * rank (1 for the lowest cost; equal costs share a rank; 0 when unranked) and whether it holds its
 * place by the random share rather than by its cost.
 */
public record RankedPeer(InetAddress address, OptionalDouble cost, int rank, boolean random) {

    public RankedPeer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(cost, "cost");
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be 0 (unranked) or more, got " + rank);
        }
    }

    /** A peer without ALTO guidance. */
    static RankedPeer unranked(InetAddress address) {
        return new RankedPeer(address, OptionalDouble.empty(), 0, false);
    }
}
