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
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        Optional<AddressType> type = AddressType.fromWire(text.substring(0, colon));
        String literal = text.substring(colon + 1);
        return type.flatMap(t -> switch (t) {
            case IPV4 -> parseIpv4(literal);
            case IPV6 -> parseIpv6(literal);
        }).map(address -> new TypedAddress(type.get(), address, text));
    }

    @Override
    public String toString() {
        return text;
    }

    private static Optional<InetAddress> parseIpv4(String literal) {
        String[] octets = literal.split("\\.", -1);
        if (octets.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String octet = octets[i];
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (octet.length() > 1 && octet.charAt(0) == '0')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(byAddress(bytes));
    }

    private static Optional<InetAddress> parseIpv6(String literal) {
        // Only hex digits, ':' and '.' (embedded IPv4): rules out zone ids, brackets and host names,
        // so InetAddress parses a literal and never resolves a name.
        boolean literalChars = literal.indexOf(':') >= 0 && literal.chars().allMatch(
                c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (!literalChars) {
            return Optional.empty();
        }
        try {
            InetAddress parsed = InetAddress.getByName(literal);
            // The JDK turns "::ffff:a.b.c.d" into an IPv4 address; keep it IPv6 as the client wrote it.
            return Optional.of(parsed instanceof Inet4Address v4 ? mappedIpv6(v4) : parsed);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static InetAddress mappedIpv6(Inet4Address v4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, bytes, 12, 4);
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }
}
