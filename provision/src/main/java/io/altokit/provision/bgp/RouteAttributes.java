package io.altokit.provision.bgp;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the PID rules look at in a route, whether it arrived in a BGP UPDATE or an MRT RIB dump.
 */
public interface RouteAttributes {

    /** RFC 1997 community, as the 32-bit value {@code asn << 16 | value}. */
    boolean hasCommunity(long community);

    /** RFC 8092 large community {@code global:local1:local2}. */
    boolean hasLargeCommunity(long global, long local1, long local2);

    /** The AS that originated the route: the last AS of the AS_PATH, empty for an aggregate or empty path. */
    OptionalLong originAs();

    Optional<InetAddress> nextHop();
}
