package io.altokit.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * A typed endpoint address (RFC 7285 section 10.4.1), "ipv4:192.0.2.1" or "ipv6:2001:db8::1".
 * {@code text} is the address as the client wrote it, so responses can key results by the exact
 * strings of the request. Parsing never touches DNS: only address literals are accepted.
 */
public record TypedAddress(AddressType type, InetAddress address, String text) {

    public TypedAddress {
        boolean matches = type == AddressType.IPV4 ? address instanceof Inet4Address : address instanceof Inet6Address;
        if (!matches) {
            throw new IllegalArgumentException(address + " is not an " + type.wireName() + " address");
        }
    }

    public static TypedAddress of(InetAddress address) {
        AddressType type = address instanceof Inet4Address ? AddressType.IPV4 : AddressType.IPV6;
        return new TypedAddress(type, address, type.wireName() + ":" + AddressText.of(address));
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
                ? Optional.of(new TypedAddress(type, toInetAddress(bytes), text))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }

    private static InetAddress toInetAddress(byte[] bytes) {
        try {
            // Inet6Address keeps "::ffff:a.b.c.d" an IPv6 address; InetAddress.getByAddress would not.
            return bytes.length == 4 ? InetAddress.getByAddress(bytes) : Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
