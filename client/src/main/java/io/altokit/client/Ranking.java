package io.altokit.client;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The order in which to contact candidate peers, with how much ALTO guidance went into it. An
 * application never has to handle an exception from ranking: when ALTO fails, the candidates come
 * back in their original order with status {@link Status#UNAVAILABLE} and the reason.
 *
 * @param peers  every candidate once, in the order to connect in
 * @param reason why the ranking is degraded or unavailable; empty when OK
 */
public record Ranking(Status status, List<RankedPeer> peers, Optional<String> reason) {

    /** How much of the ranking ALTO informed. */
    public enum Status {
        /** Every candidate was ranked by ALTO costs. */
        OK,
        /** ALTO answered, but not for every candidate (no cost for some); those come last. */
        DEGRADED,
        /** No ALTO guidance: the candidates in the order given. */
        UNAVAILABLE
    }

    public Ranking {
        Objects.requireNonNull(status, "status");
        peers = List.copyOf(peers);
        Objects.requireNonNull(reason, "reason");
    }

    /** The candidates as given, without guidance, and why. */
    public static Ranking unavailable(List<InetAddress> candidates, String reason) {
        return new Ranking(Status.UNAVAILABLE, candidates.stream().map(RankedPeer::unranked).toList(), Optional.of(reason));
    }
}
