package io.altokit.provision.bgp;

import io.altokit.core.IpPrefix;
import io.altokit.model.AddressText;

import java.util.Optional;

/**
 * One route-to-PID rule of the {@code bgp.rules} list: either a condition on the route and the one PID
 * it assigns, or a rule that makes one PID per value of an attribute (per neighbour AS, per ingress
 * point), so that a thousand external PIDs come from the routes rather than from hand-written lists.
 */
public sealed interface PidRule {

    /** The PID of {@code route} if this rule matches it. */
    Optional<String> pidFor(RouteAttributes route);

    /** The PID every matching route gets; empty for a rule that names a PID per value. */
    Optional<String> fixedPid();

    /** A condition and the PID of the routes that meet it. */
    sealed interface Matching extends PidRule {
        String pid();

        boolean matches(RouteAttributes route);

        @Override
        default Optional<String> pidFor(RouteAttributes route) {
            return matches(route) ? Optional.of(pid()) : Optional.empty();
        }

        @Override
        default Optional<String> fixedPid() {
            return Optional.of(pid());
        }
    }

    /** A PID per value: {@code pidPrefix} followed by the value ({@code as64500}, {@code ingress-192.0.2.1}). */
    sealed interface PerValue extends PidRule {
        String pidPrefix();

        @Override
        default Optional<String> fixedPid() {
            return Optional.empty();
        }
    }

    /** {@code community: "65000:101"}. */
    record Community(int asn, int value, String pid) implements Matching {
        @Override
        public boolean matches(RouteAttributes route) {
            return route.hasCommunity((long) asn << 16 | value);
        }
    }

    /** {@code large-community: "65000:1:102"}. */
    record LargeCommunity(long global, long local1, long local2, String pid) implements Matching {
        @Override
        public boolean matches(RouteAttributes route) {
            return route.hasLargeCommunity(global, local1, local2);
        }
    }

    /** {@code origin-as: 64512}. */
    record OriginAs(long asn, String pid) implements Matching {
        @Override
        public boolean matches(RouteAttributes route) {
            return route.originAs().isPresent() && route.originAs().getAsLong() == asn;
        }
    }

    /** {@code next-hop: "192.0.2.0/24"}: the route's next hop lies in the prefix. */
    record NextHop(IpPrefix prefix, String pid) implements Matching {
        @Override
        public boolean matches(RouteAttributes route) {
            return route.nextHop().map(prefix::contains).orElse(false);
        }
    }

    /** {@code per: neighbor-as}: a PID per AS the routes came through (the first AS of the AS_PATH). */
    record PerNeighborAs(String pidPrefix) implements PerValue {
        @Override
        public Optional<String> pidFor(RouteAttributes route) {
            return route.neighborAs().isPresent() ? Optional.of(pidPrefix + route.neighborAs().getAsLong()) : Optional.empty();
        }
    }

    /** {@code per: origin-as}: a PID per AS that originated the routes. */
    record PerOriginAs(String pidPrefix) implements PerValue {
        @Override
        public Optional<String> pidFor(RouteAttributes route) {
            return route.originAs().isPresent() ? Optional.of(pidPrefix + route.originAs().getAsLong()) : Optional.empty();
        }
    }

    /** {@code per: next-hop}: a PID per next hop, the ingress point of the routes. */
    record PerNextHop(String pidPrefix) implements PerValue {
        @Override
        public Optional<String> pidFor(RouteAttributes route) {
            return route.nextHop().map(address -> pidPrefix + AddressText.of(address));
        }
    }

    /** {@code per: community, asn: 65000}: a PID per value of the routes' community {@code 65000:value}. */
    record PerCommunity(int asn, String pidPrefix) implements PerValue {
        @Override
        public Optional<String> pidFor(RouteAttributes route) {
            return route.communityValue(asn).isPresent()
                    ? Optional.of(pidPrefix + route.communityValue(asn).getAsInt()) : Optional.empty();
        }
    }
}
