package io.altokit.core;

import java.net.Inet4Address;
import java.net.InetAddress;

/** The two IP address families an ALTO network map distinguishes (RFC 7285 section 10.4.2). */
public enum AddressFamily {
    IPV4(32),
    IPV6(128);

    private final int bits;

    AddressFamily(int bits) {
        this.bits = bits;
    }

    /** Address width in bits: the longest prefix length this family allows. */
    public int bits() {
        return bits;
    }

    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }
}
