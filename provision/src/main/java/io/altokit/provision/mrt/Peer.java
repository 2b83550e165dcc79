package io.altokit.provision.mrt;

import java.net.InetAddress;
import java.util.Objects;

/** A peer of the dumping router, from the PEER_INDEX_TABLE (RFC 6396 section 4.3.1). */
public record Peer(long bgpIdentifier, InetAddress address, long asNumber) {

    public Peer {
        Objects.requireNonNull(address, "address");
    }
}
