package io.altokit.provision.bgp;

import io.altokit.core.IpPrefix;

/** One route-to-PID rule of the {@code bgp.rules} list: a condition on the route and the PID it assigns. */
public sealed interface PidRule {

    String pid();

    boolean matches(RouteAttributes route);

    /** {@code community: "65000:101"}. */
    record Community(int asn, int value, String pid) implements PidRule {
        @Override
        public boolean matches(RouteAttributes route) {
            return route.hasCommunity((long) asn << 16 | value);
        }
    }

    /** {@code large-community: "65000:1:102"}. */
    record LargeCommunity(long global, long local1, long local2, String pid) implements PidRule {
        @Override
        public boolean matches(RouteAttributes route) {
            return route.hasLargeCommunity(global, local1, local2);
        }
    }

    /** {@code origin-as: 64512}. */
    record OriginAs(long asn, String pid) implements PidRule {
        @Override
        public boolean matches(RouteAttributes route) {
            return route.originAs().isPresent() && route.originAs().getAsLong() == asn;
        }
    }

    /** {@code next-hop: "192.0.2.0/24"}: the route's next hop lies in the prefix. */
    record NextHop(IpPrefix prefix, String pid) implements PidRule {
        @Override
        public boolean matches(RouteAttributes route) {
            return route.nextHop().map(prefix::contains).orElse(false);
        }
    }
}
