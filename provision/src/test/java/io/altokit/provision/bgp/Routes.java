package io.altokit.provision.bgp;

import io.altokit.core.IpPrefix;
import io.altokit.core.PrefixKey;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Route attributes built by hand for tests; app's rule tests use it too, through this module's test jar. */
public record Routes(Set<Long> communities, List<long[]> largeCommunities, OptionalLong originAs,
              Optional<InetAddress> nextHop) implements RouteAttributes {

    public static Routes none() {
        return new Routes(Set.of(), List.of(), OptionalLong.empty(), Optional.empty());
    }

    public static Routes community(int asn, int value) {
        return new Routes(Set.of((long) asn << 16 | value), List.of(), OptionalLong.empty(), Optional.empty());
    }

    public static Routes largeCommunity(long global, long local1, long local2) {
        return new Routes(Set.of(), List.<long[]>of(new long[] {global, local1, local2}), OptionalLong.empty(), Optional.empty());
    }

    public static Routes originAs(long asn) {
        return new Routes(Set.of(), List.of(), OptionalLong.of(asn), Optional.empty());
    }

    public static Routes nextHop(String address) {
        return new Routes(Set.of(), List.of(), OptionalLong.empty(), Optional.of(IpPrefix.parse(address).address()));
    }

    @Override
    public boolean hasCommunity(long community) {
        return communities.contains(community);
    }

    /** The path is one AS long: the origin is also the neighbour. */
    @Override
    public OptionalLong neighborAs() {
        return originAs;
    }

    @Override
    public OptionalInt communityValue(int asn) {
        return communities.stream().filter(c -> (c >>> 16) == asn).mapToInt(c -> (int) (c & 0xFFFF)).sorted().findFirst();
    }

    @Override
    public boolean hasLargeCommunity(long global, long local1, long local2) {
        return largeCommunities.stream().anyMatch(c -> c[0] == global && c[1] == local1 && c[2] == local2);
    }

    public static PrefixKey prefix(String text) {
        return PrefixKey.of(IpPrefix.parse(text));
    }
}
