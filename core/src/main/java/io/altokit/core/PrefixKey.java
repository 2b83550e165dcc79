package io.altokit.core;

import io.altokit.model.IpBits;


/** An {@link IpPrefix} as a left-aligned 128-bit key (see {@link AddressBits}): the form the tables work on. */
record PrefixKey(AddressFamily family, long high, long low, int length) implements Comparable<PrefixKey> {

    static PrefixKey of(IpPrefix prefix) {
        byte[] bytes = prefix.address().getAddress();
        return new PrefixKey(prefix.family(), IpBits.high(bytes), IpBits.low(bytes), prefix.length());
    }

    /** 0.0.0.0/0 or ::/0. */
    static PrefixKey defaultRoute(AddressFamily family) {
        return new PrefixKey(family, 0, 0, 0);
    }

    IpPrefix toPrefix() {
        return new IpPrefix(IpBits.toInetAddress(family.bits() / 8, high, low), length);
    }

    /** High half of the last address in the prefix. */
    long lastHigh() {
        return high | ~AddressBits.highMask(length);
    }

    /** Low half of the last address in the prefix. */
    long lastLow() {
        return low | ~AddressBits.lowMask(length);
    }

    // equals and hashCode written out: the generated ones go through method handles, and snapshot
    // builds compare millions of keys.
    @Override
    public boolean equals(Object other) {
        return other instanceof PrefixKey key && high == key.high && low == key.low && length == key.length
                && family == key.family;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low) * 31 + length * 2 + family.ordinal();
    }

    /** Family, then address, then length. */
    @Override
    public int compareTo(PrefixKey other) {
        int order = family.compareTo(other.family);
        if (order == 0) {
            order = AddressBits.compare(high, low, other.high, other.low);
        }
        return order != 0 ? order : Integer.compare(length, other.length);
    }
}
