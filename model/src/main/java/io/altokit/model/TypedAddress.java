package io.altokit.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * A typed endpoint address (RFC 7285 section 10.4.1), "ipv4:192.0.2.1" or "ipv6:2001:db8::1".
 * The address is kept as bits, which is what longest-prefix match needs, so parsing a request's
 * endpoints creates no {@link InetAddress} objects: for IPv6, {@code high} and {@code low} are the
 * first and last 64 bits; for IPv4, {@code high} holds the 32 bits (unsigned) and {@code low} is 0.
 * {@code text} is the address as the client wrote it, so responses can key results by the exact
 * strings of the request. Parsing never touches DNS: only address literals are accepted.
 */
public record TypedAddress(AddressType type, long high, long low, String text) {

    private static final long IPV4_MASK = 0xFFFF_FFFFL;

    public TypedAddress {
        if (type == AddressType.IPV4 && ((high & ~IPV4_MASK) != 0 || low != 0)) {
            throw new IllegalArgumentException("an IPv4 address has 32 bits: " + text);
        }
    }

    public static TypedAddress of(InetAddress address) {
        byte[] bytes = address.getAddress();
        AddressType type = bytes.length == 4 ? AddressType.IPV4 : AddressType.IPV6;
        return fromBytes(type, bytes, type.wireName() + ":" + AddressText.format(bytes));
    }

    /** Empty when the text is not "ipv4:" + dotted quad or "ipv6:" + an RFC 4291 literal. */
    public static Optional<TypedAddress> parse(String text) {
        AddressType type;
        if (text.startsWith("ipv4:")) {
            type = AddressType.IPV4;
        } else if (text.startsWith("ipv6:")) {
            type = AddressType.IPV6;
        } else {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = AddressText.parse(text, type.wireName().length() + 1);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int expectedLength = type == AddressType.IPV4 ? 4 : 16;
        return bytes.length == expectedLength ? Optional.of(fromBytes(type, bytes, text)) : Optional.empty();
    }

    /** The IPv4 address as an int, most significant bit first. */
    public int ipv4Bits() {
        return (int) high;
    }

    /** The address as a JDK object; an IPv4-mapped IPv6 address stays an {@link Inet6Address}. */
    public InetAddress address() {
        byte[] bytes = new byte[type == AddressType.IPV4 ? 4 : 16];
        for (int i = 0; i < bytes.length; i++) {
            long word = bytes.length == 4 ? high << 32 : i < 8 ? high : low;
            bytes[i] = (byte) (word >>> (56 - 8 * (i % 8)));
        }
        try {
            return bytes.length == 4 ? InetAddress.getByAddress(bytes) : Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    @Override
    public String toString() {
        return text;
    }

    private static TypedAddress fromBytes(AddressType type, byte[] bytes, String text) {
        if (type == AddressType.IPV4) {
            return new TypedAddress(type, bigEndian(bytes, 0, 4), 0, text);
        }
        return new TypedAddress(type, bigEndian(bytes, 0, 8), bigEndian(bytes, 8, 8), text);
    }

    private static long bigEndian(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            value = value << 8 | (bytes[i] & 0xFF);
        }
        return value;
    }
}
