package io.altokit.core.net;

import java.net.InetAddress;

/** The host part of a URL that reaches a listener, as the listeners announce it. */
public final class UriHost {
    private UriHost() {
    }

    /**
     * {@code 127.0.0.1} for a listener on every interface (0.0.0.0 or ::, which are no address to
     * connect to), an IPv6 address in brackets, else the address itself.
     */
    public static String of(InetAddress bound) {
        if (bound.isAnyLocalAddress()) {
            return "127.0.0.1";
        }
        String host = bound.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
