package io.altokit.core;

import io.altokit.model.AddressText;
import io.altokit.model.IpBits;

import java.util.Objects;

/**
 * An IP prefix as the tables, the BGP codec and the MRT reader work on it: the family, the address
 * bits left-aligned in two longs (the layout of {@link IpBits}: IPv4 {@code a.b.c.d} in the top 32
 * bits of {@code high}, {@code low} zero) and a length. Bits after the length are always zero. The
 * one prefix type below {@link IpPrefix} (which holds an {@code InetAddress} for the API): a route is
 * decoded into a key once and stays one through the route table into the snapshot.
 */
public record PrefixKey(AddressFamily family, long high, long low, int length) implements Comparable<PrefixKey> {

    /** @throws IllegalArgumentException if the length does not fit the family or host bits are set */
    public PrefixKey {
        Objects.requireNonNull(family, "family");
        if (length < 0 || length > family.bits()) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 0.." + family.bits());
        }
        if ((high & ~AddressBits.highMask(length)) != 0 || (low & ~AddressBits.lowMask(length)) != 0) {
            throw new IllegalArgumentException("host bits are set beyond /" + length);
        }
    }

    public static PrefixKey of(IpPrefix prefix) {
        byte[] bytes = prefix.address().getAddress();
        return new PrefixKey(prefix.family(), IpBits.high(bytes), IpBits.low(bytes), prefix.length());
    }

    /** {@code "10.1.0.0/16"} or {@code "2001:db8::/32"}, as {@link IpPrefix#parse(String)} reads it. */
    public static PrefixKey parse(String text) {
        return of(IpPrefix.parse(text));
    }

    /**
     * The prefix of {@code length} bits whose {@code (length + 7) / 8} octets start at {@code at}, as
     * BGP NLRI and MRT RIB records carry it; the trailing bits of the last octet, which RFC 4271
     * section 4.3 calls irrelevant, are cleared. The caller has checked the length and that the
     * octets exist.
     */
    public static PrefixKey read(AddressFamily family, int length, byte[] b, int at) {
        int octets = (length + 7) >>> 3;
        long high = 0;
        long low = 0;
        for (int i = 0; i < octets; i++) {
            long octet = b[at + i] & 0xFF;
            if (i < 8) {
                high |= octet << (56 - 8 * i);
            } else {
                low |= octet << (120 - 8 * i);
            }
        }
        return new PrefixKey(family, high & AddressBits.highMask(length), low & AddressBits.lowMask(length), length);
    }

    /** 0.0.0.0/0 or ::/0. */
    static PrefixKey defaultRoute(AddressFamily family) {
        return new PrefixKey(family, 0, 0, 0);
    }

    public IpPrefix toIpPrefix() {
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

    // equals and hashCode written out: the generated ones go through method handles, and a full BGP
    // table means millions of map operations. The hash mixes all bits, as IPv4 keys differ only in
    // the top half of high.
    @Override
    public boolean equals(Object other) {
        return other instanceof PrefixKey key && high == key.high && low == key.low && length == key.length
                && family == key.family;
    }

    @Override
    public int hashCode() {
        long mixed = (high ^ Long.rotateLeft(low, 17) ^ (long) length << 1 ^ family.ordinal()) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32);
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

    /** {@code 10.1.0.0/16} or {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        byte[] bytes = new byte[family.bits() / 8];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ((i < 8 ? high : low) >>> (56 - 8 * (i % 8)));
        }
        return AddressText.format(bytes) + "/" + length;
    }
}
