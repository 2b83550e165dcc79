package io.altokit.provision.bgp.message;

/**
 * ROUTE-REFRESH (RFC 2918) for one address family; {@code subtype} is RFC 7313's 0 (normal request),
 * 1 (beginning of route refresh) or 2 (end of route refresh), kept as received.
 */
public record RouteRefresh(int afi, int subtype, int safi) implements BgpMessage {

    public RouteRefresh {
        Wire.requireUnsigned(afi, 16, "AFI");
        Wire.requireUnsigned(subtype, 8, "subtype");
        Wire.requireUnsigned(safi, 8, "SAFI");
    }

    public static RouteRefresh request(int afi, int safi) {
        return new RouteRefresh(afi, 0, safi);
    }

    @Override
    public int type() {
        return ROUTE_REFRESH;
    }
}
