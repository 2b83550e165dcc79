package io.altokit.provision.mrt;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A peer of the dumping router: from the PEER_INDEX_TABLE (RFC 6396 section 4.3.1), or from a TABLE_DUMP
 * or BGP4MP record, which carry no BGP identifier (then 0).
 */
public record Peer(long bgpIdentifier, InetAddress address, long asNumber) {

    public Peer {
        Objects.requireNonNull(address, "address");
    }
}
