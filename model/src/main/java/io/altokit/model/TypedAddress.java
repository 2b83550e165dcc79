package io.altokit.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
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
        byte[] ascii = text.getBytes(StandardCharsets.UTF_8);
        long[] bits = new long[2];
        AddressType type = parseBits(ascii, 0, ascii.length, bits);
        return type == null ? Optional.empty() : Optional.of(new TypedAddress(type, bits[0], bits[1], text));
    }

    /**
     * The scanner's shortcut for the most common endpoint: reads "ipv4:" and a dotted quad from
     * {@code text[from]} on, puts the bits in {@code bits} and returns where the address ends
     * (callers check what follows), or -1 when no IPv4 endpoint starts there.
     */
    static int scanIpv4(byte[] text, int from, long[] bits) {
        int prefix = "ipv4:".length();
        if (from + prefix > text.length || text[from] != 'i' || text[from + 1] != 'p' || text[from + 2] != 'v'
                || text[from + 3] != '4' || text[from + 4] != ':') {
            return -1;
        }
        long scanned = AddressText.scanIpv4(text, from + prefix, text.length);
        if (scanned < 0) {
            return -1;
        }
        bits[0] = (scanned & 0xFFFF_FFFFL) << 32;
        bits[1] = 0;
        return (int) (scanned >>> 32);
    }

    /**
     * Parses the typed address in {@code text[from, to)} into {@code bits} (high, low), without
     * making objects: the endpoint cost fast path reads request bodies with it. Null when invalid.
     */
    static AddressType parseBits(byte[] text, int from, int to, long[] bits) {
        int prefix = "ipv4:".length();
        if (to - from < prefix || text[from] != 'i' || text[from + 1] != 'p' || text[from + 2] != 'v'
                || text[from + 4] != ':') {
            return null;
        }
        try {
            if (text[from + 3] == '4') {
                bits[0] = (AddressText.ipv4Bits(text, from + prefix, to) & 0xFFFF_FFFFL) << 32;
                bits[1] = 0;
                return AddressType.IPV4;
            }
            // An IPv4 literal is not an "ipv6:" address.
            if (text[from + 3] == '6' && AddressText.indexOf(text, from + prefix, to, ':') >= 0) {
                AddressText.ipv6Bits(text, from + prefix, to, bits);
                return AddressType.IPV6;
            }
            return null;
        } catch (IllegalArgumentException e) {
            return null;
        }
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
