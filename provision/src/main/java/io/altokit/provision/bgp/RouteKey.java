package io.altokit.provision.bgp;

import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.model.IpBits;

/**
 * A prefix as the route table keys it: family, left-aligned bits (see {@link IpBits}) and length.
 * equals and hashCode are written out, since a full table means a million map operations.
 */
public final class RouteKey {
    private final AddressFamily family;
    private final long high;
    private final long low;
    private final int length;

    public RouteKey(AddressFamily family, long high, long low, int length) {
        this.family = family;
        this.high = high;
        this.low = low;
        this.length = length;
    }

    public static RouteKey of(IpPrefix prefix) {
        byte[] bytes = prefix.address().getAddress();
        return new RouteKey(prefix.family(), IpBits.high(bytes), IpBits.low(bytes), prefix.length());
    }

    public AddressFamily family() {
        return family;
    }

    public long high() {
        return high;
    }

    public long low() {
        return low;
    }

    public int length() {
        return length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RouteKey key && high == key.high && low == key.low && length == key.length
                && family == key.family;
    }

    @Override
    public int hashCode() {
        long mixed = (high ^ Long.rotateLeft(low, 17) ^ (long) length << 1 ^ family.ordinal()) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32);
    }

    @Override
    public String toString() {
        return new IpPrefix(IpBits.toInetAddress(family.bits() / 8, high, low), length).toString();
    }
}
