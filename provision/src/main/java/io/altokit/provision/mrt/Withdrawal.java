package io.altokit.provision.mrt;

import io.altokit.provision.bgp.message.Prefix;

import java.util.Objects;

/** A prefix a peer withdrew in a BGP4MP UPDATE, at {@code time} (seconds since the epoch). */
public record Withdrawal(Prefix prefix, Peer peer, long time) implements MrtRoute {

    public Withdrawal {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(peer, "peer");
    }
}
