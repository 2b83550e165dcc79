package io.altokit.provision.bgp.message;

/** One BGP-4 message (RFC 4271 section 4), without the 19-octet header that {@link BgpCodec} adds. */
public sealed interface BgpMessage permits Open, Update, Notification, Keepalive, RouteRefresh {

    int OPEN = 1;
    int UPDATE = 2;
    int NOTIFICATION = 3;
    int KEEPALIVE = 4;
    /** RFC 2918 / RFC 7313. */
    int ROUTE_REFRESH = 5;

    /** The header's type octet. */
    int type();
}
