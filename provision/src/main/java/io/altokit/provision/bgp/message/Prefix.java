package io.altokit.provision.bgp.message;

import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.model.AddressText;
import io.altokit.model.IpBits;

import java.util.Objects;

/**
 * A route's prefix as the codec sees it: address bits left-aligned in two longs (the layout of {@link
 * IpBits}: IPv4 {@code a.b.c.d} in the top 32 bits of {@code high}, {@code low} zero) and a length.
 * Bits after the length are always zero; the codec clears the trailing bits of the last NLRI octet,
 * which RFC 4271 section 4.3 calls irrelevant, before building one.
 */
public record Prefix(AddressFamily family, long high, long low, int length) {

    /** @throws IllegalArgumentException if the length does not fit the family or host bits are set */
    public Prefix {
        Objects.requireNonNull(family, "family");
        if (length < 0 || length > family.bits()) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 0.." + family.bits());
        }
        if ((high & ~highMask(length)) != 0 || (low & ~lowMask(length)) != 0) {
            throw new IllegalArgumentException("host bits are set beyond /" + length);
        }
    }

    public static Prefix of(IpPrefix prefix) {
        byte[] bytes = prefix.address().getAddress();
        return new Prefix(prefix.family(), IpBits.high(bytes), IpBits.low(bytes), prefix.length());
    }

    /** {@code "10.1.0.0/16"} or {@code "2001:db8::/32"}, as {@link IpPrefix#parse(String)} reads it. */
    public static Prefix parse(String text) {
        return of(IpPrefix.parse(text));
    }

    /**
     * The prefix of {@code length} bits whose {@code (length + 7) / 8} octets start at {@code at}, as
     * NLRI and MRT RIB records carry it; the caller has checked the length and that the octets exist.
     */
    public static Prefix read(AddressFamily family, int length, byte[] b, int at) {
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
        return new Prefix(family, high & highMask(length), low & lowMask(length), length);
    }

    public IpPrefix toIpPrefix() {
        return new IpPrefix(IpBits.toInetAddress(family.bits() / 8, high, low), length);
    }

    /** Network bits of a prefix of the given length, within {@code high}. */
    static long highMask(int length) {
        return length == 0 ? 0 : -1L << (64 - Math.min(length, 64));
    }

    /** Network bits of a prefix of the given length, within {@code low}. */
    static long lowMask(int length) {
        return length <= 64 ? 0 : -1L << (128 - length);
    }

    @Override
    public String toString() {
        byte[] bytes = new byte[family.bits() / 8];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ((i < 8 ? high : low) >>> (56 - 8 * (i % 8)));
        }
        return AddressText.format(bytes) + "/" + length;
    }
}
