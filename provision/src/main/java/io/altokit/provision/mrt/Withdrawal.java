package io.altokit.provision.mrt;

import io.altokit.core.PrefixKey;


import java.util.Objects;

/** A prefix a peer withdrew in a BGP4MP UPDATE, at {@code time} (seconds since the epoch). */
public record Withdrawal(PrefixKey prefix, Peer peer, long time) implements MrtRoute {

    public Withdrawal {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(peer, "peer");
    }
}
