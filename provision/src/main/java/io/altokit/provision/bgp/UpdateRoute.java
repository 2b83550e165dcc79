package io.altokit.provision.bgp;

import io.altokit.provision.bgp.message.Community;
import io.altokit.provision.bgp.message.LargeCommunity;
import io.altokit.provision.bgp.message.PathAttributes;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The attributes of a received UPDATE (or MRT RIB entry) as the PID rules see them. */
record UpdateRoute(PathAttributes attributes) implements RouteAttributes {

    @Override
    public boolean hasCommunity(long community) {
        for (Community candidate : attributes.communities()) {
            if ((candidate.value() & 0xFFFF_FFFFL) == community) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean hasLargeCommunity(long global, long local1, long local2) {
        for (LargeCommunity candidate : attributes.largeCommunities()) {
            if (candidate.globalAdministrator() == global && candidate.localData1() == local1
                    && candidate.localData2() == local2) {
                return true;
            }
        }
        return false;
    }

    @Override
    public OptionalInt communityValue(int asn) {
        for (Community candidate : attributes.communities()) {
            if ((candidate.value() >>> 16 & 0xFFFF) == asn) {
                return OptionalInt.of(candidate.value() & 0xFFFF);
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public OptionalLong neighborAs() {
        return attributes.neighborAs();
    }

    @Override
    public OptionalLong originAs() {
        return attributes.originAs();
    }

    /** NEXT_HOP for IPv4 routes, else the global next hop of MP_REACH_NLRI. */
    @Override
    public Optional<InetAddress> nextHop() {
        if (attributes.nextHop().isPresent()) {
            return Optional.of(attributes.nextHop().get());
        }
        return attributes.mpNextHop().stream().findFirst();
    }
}
