package io.altokit.provision.bgp;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
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

    /** The AS the route came through: the first AS of the AS_PATH (after confederation segments), if any. */
    OptionalLong neighborAs();

    /** The value of the route's first RFC 1997 community {@code asn:value} of AS {@code asn}, if it has one. */
    OptionalInt communityValue(int asn);

    Optional<InetAddress> nextHop();
}
