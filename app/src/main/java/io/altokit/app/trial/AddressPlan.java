package io.altokit.app.trial;

/**
 * Where everything of a trial lives, all in 198.18.0.0/15 (RFC 2544's benchmarking range, which no
 * real network uses): area {@code a} is 198.18.a.0/24 with its router at .1 and its peers from .2;
 * the uplink of area {@code a} is 198.19.a.0/30 (core .1, router .2); the core's services listen on
 * 198.19.255.1; the host reaches the core over 198.19.254.0/30. Every namespace's name starts with
 * {@link #NAMESPACE_PREFIX}, so leftovers can be found and removed.
 */
public final class AddressPlan {
    public static final String NAMESPACE_PREFIX = "altotrial-";
    public static final String CORE_NAMESPACE = NAMESPACE_PREFIX + "core";
    /** The host's end of the management link into the core namespace. */
    static final String HOST_LINK = "altotrial0";
    static final String HOST_ADDRESS = "198.19.254.1";
    static final String CORE_LINK_ADDRESS = "198.19.254.2";
    /** The whole range, routed from the host into the core. */
    static final String TRIAL_RANGE = "198.18.0.0/15";
    /** Where {@code alto serve}, its BGP listener and the tracker listen. */
    public static final String CORE_ADDRESS = "198.19.255.1";
    public static final int MAX_AREAS = 200;
    public static final int MAX_PEERS_PER_AREA = 250;
    static final int SERVER_AS = 65000;

    private AddressPlan() {
    }

    public static String areaPrefix(int area) {
        return "198.18." + checked(area) + ".0/24";
    }

    /** The area router's address on the area's bridge: its peers' default gateway. */
    public static String routerAddress(int area) {
        return "198.18." + checked(area) + ".1";
    }

    /** The {@code index}-th peer (0-based) of the area. */
    public static String peerAddress(int area, int index) {
        if (index < 0 || index >= MAX_PEERS_PER_AREA) {
            throw new IllegalArgumentException("an area holds at most " + MAX_PEERS_PER_AREA + " peers, got index " + index);
        }
        return "198.18." + checked(area) + "." + (index + 2);
    }

    /** The core's end of the area's uplink. */
    static String uplinkCoreAddress(int area) {
        return "198.19." + checked(area) + ".1";
    }

    /** The router's end of the area's uplink: the source of its BGP session. */
    public static String uplinkRouterAddress(int area) {
        return "198.19." + checked(area) + ".2";
    }

    public static String routerNamespace(int area) {
        return NAMESPACE_PREFIX + "r" + checked(area);
    }

    /** The uplink's end in the core namespace. */
    static String coreUplinkPort(int area) {
        return "a" + checked(area);
    }

    /** The area router's AS, and the BGP community (65000:100+area) it tags the area's prefix with. */
    public static int routerAs(int area) {
        return 65100 + checked(area);
    }

    public static String areaCommunity(int area) {
        return SERVER_AS + ":" + (100 + checked(area));
    }

    public static String pid(int area) {
        return "area-" + checked(area);
    }

    private static int checked(int area) {
        if (area < 1 || area > MAX_AREAS) {
            throw new IllegalArgumentException("areas are numbered 1 to " + MAX_AREAS + ", got " + area);
        }
        return area;
    }
}
