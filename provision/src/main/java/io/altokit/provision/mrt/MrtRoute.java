package io.altokit.provision.mrt;

import io.altokit.core.PrefixKey;


/**
 * What an MRT file says about one prefix from one peer: a route the peer holds (a RIB dump entry or an
 * announcement) or a withdrawal. Applied in file order, they give each peer's routes at the file's end.
 */
public sealed interface MrtRoute permits RibEntry, Withdrawal {

    PrefixKey prefix();

    Peer peer();
}
