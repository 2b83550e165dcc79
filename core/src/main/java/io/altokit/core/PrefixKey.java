package io.altokit.core;

import io.altokit.model.IpBits;

import java.util.Comparator;

/** An {@link IpPrefix} as a left-aligned 128-bit key (see {@link AddressBits}): the form the tables work on. */
record PrefixKey(AddressFamily family, long high, long low, int length) implements Comparable<PrefixKey> {

    private static final Comparator<PrefixKey> ORDER = Comparator.comparing(PrefixKey::family)
            .thenComparing((a, b) -> AddressBits.compare(a.high, a.low, b.high, b.low))
            .thenComparingInt(PrefixKey::length);

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

    @Override
    public int compareTo(PrefixKey other) {
        return ORDER.compare(this, other);
    }
}
