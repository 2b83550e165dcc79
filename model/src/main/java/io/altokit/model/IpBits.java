package io.altokit.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Addresses of both families as unsigned 128-bit keys split into two longs, left-aligned: IPv4
 * {@code a.b.c.d} occupies the top 32 bits of {@code high} and {@code low} is 0. Left alignment lets
 * one ordering, one masking rule and one range sweep serve IPv4 and IPv6 alike.
 */
public final class IpBits {

    private IpBits() {}

    public static long high(byte[] address) {
        return bigEndian(address, 0);
    }

    public static long low(byte[] address) {
        return bigEndian(address, 8);
    }

    /** The address of {@code byteLength} (4 or 16) bytes whose bits are {@code high}, {@code low}. */
    public static InetAddress toInetAddress(int byteLength, long high, long low) {
        byte[] bytes = new byte[byteLength];
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
    public static InetAddress toInetAddress(byte[] bytes) {
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
