package io.altokit.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A typed endpoint address (RFC 7285 section 10.4.1), "ipv4:192.0.2.1" or "ipv6:2001:db8::1".
 * The address is kept as bits, which is what longest-prefix match needs, so parsing a request's
 * endpoints creates no {@link InetAddress} objects; {@code high} and {@code low} follow the
 * left-aligned layout of {@link IpBits} (IPv4 in the top 32 bits of {@code high}).
 * {@code text} is the address as the client wrote it, so responses can key results by the exact
 * strings of the request. Parsing never touches DNS: only address literals are accepted.
 */
public record TypedAddress(AddressType type, long high, long low, String text) {

    public TypedAddress {
        if (type == AddressType.IPV4 && ((high & 0xFFFF_FFFFL) != 0 || low != 0)) {
            throw new IllegalArgumentException("an IPv4 address has 32 bits: " + text);
        }
    }

    public static TypedAddress of(InetAddress address) {
        byte[] bytes = address.getAddress();
        AddressType type = bytes.length == 4 ? AddressType.IPV4 : AddressType.IPV6;
        return new TypedAddress(type, IpBits.high(bytes), IpBits.low(bytes), type.wireName() + ":" + AddressText.format(bytes));
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
        return bytes.length == expectedLength
                ? Optional.of(new TypedAddress(type, IpBits.high(bytes), IpBits.low(bytes), text))
                : Optional.empty();
    }

    /** The IPv4 address as an int, most significant bit first. */
    public int ipv4Bits() {
        return (int) (high >>> 32);
    }

    /** The address as a JDK object; an IPv4-mapped IPv6 address stays an {@link Inet6Address}. */
    public InetAddress address() {
        return IpBits.toInetAddress(type == AddressType.IPV4 ? 4 : 16, high, low);
    }

    @Override
    public String toString() {
        return text;
    }
}
