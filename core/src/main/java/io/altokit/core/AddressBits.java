package io.altokit.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Addresses of both families as unsigned 128-bit keys split into two longs, left-aligned: IPv4
 * {@code a.b.c.d} occupies the top 32 bits of {@code high}. Left alignment lets one ordering, one
 * masking rule and one range sweep serve IPv4 and IPv6 alike.
 */
final class AddressBits {

    private AddressBits() {}

    static long high(byte[] address) {
        return bigEndian(address, 0);
    }

    static long low(byte[] address) {
        return bigEndian(address, 8);
    }

    /** Network bits of a prefix of the given length, within {@code high}. */
    static long highMask(int length) {
        return length == 0 ? 0 : -1L << (64 - Math.min(length, 64));
    }

    /** Network bits of a prefix of the given length, within {@code low}. */
    static long lowMask(int length) {
        return length <= 64 ? 0 : -1L << (128 - length);
    }

    static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int byHigh = Long.compareUnsigned(aHigh, bHigh);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(aLow, bLow);
    }

    static InetAddress toInetAddress(AddressFamily family, long high, long low) {
        byte[] bytes = new byte[family.bits() / 8];
        for (int i = 0; i < bytes.length; i++) {
            long word = i < 8 ? high : low;
            bytes[i] = (byte) (word >>> (56 - 8 * (i % 8)));
        }
        return toInetAddress(bytes);
    }

    /**
     * A literal address without host name or scope. Sixteen bytes always give an {@link
     * Inet6Address}, even for IPv4-mapped addresses that {@link InetAddress#getByAddress(byte[])}
     * would turn into IPv4.
     */
    static InetAddress toInetAddress(byte[] bytes) {
        try {
            return bytes.length == 4
                    ? InetAddress.getByAddress(bytes)
                    : Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }

    /** Eight bytes from {@code from} as a big-endian long; bytes past the end count as zero. */
    private static long bigEndian(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = value << 8 | (i < bytes.length ? bytes[i] & 0xFF : 0);
        }
        return value;
    }
}
