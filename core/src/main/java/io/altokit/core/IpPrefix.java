package io.altokit.core;

import io.altokit.model.AddressText;
import io.altokit.model.IpBits;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An IPv4 or IPv6 prefix in normal form: every bit after the first {@code length} bits of {@code
 * address} is zero. The address is kept as a bare literal (no host name, no IPv6 scope).
 *
 * <p>Prefixes order by family (IPv4 first), then address, then length, so a prefix sorts right
 * before the longer prefixes it contains.
 */
public record IpPrefix(InetAddress address, int length) implements Comparable<IpPrefix> {

    /** @throws IllegalArgumentException if the length does not fit the family or host bits are set */
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int bits = AddressFamily.of(address).bits();
        byte[] bytes = address.getAddress();
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException(
                    "prefix length " + length + " is outside 0.." + bits + " for " + AddressText.format(bytes));
        }
        long high = IpBits.high(bytes);
        long low = IpBits.low(bytes);
        long networkHigh = high & AddressBits.highMask(length);
        long networkLow = low & AddressBits.lowMask(length);
        if (high != networkHigh || low != networkLow) {
            InetAddress network = IpBits.toInetAddress(AddressFamily.of(address).bits() / 8, networkHigh, networkLow);
            throw new IllegalArgumentException("host bits are set in " + AddressText.format(bytes) + "/" + length
                    + "; the prefix is " + AddressText.format(network.getAddress()) + "/" + length);
        }
        address = IpBits.toInetAddress(bytes);
    }

    /**
     * Parses {@code "10.1.0.0/16"} or {@code "2001:db8::/32"}; a bare address is a host prefix (/32
     * or /128). Never consults DNS.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static IpPrefix parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            int slash = text.indexOf('/');
            byte[] address = AddressText.parse(slash < 0 ? text : text.substring(0, slash));
            int length = slash < 0 ? address.length * 8 : parseLength(text.substring(slash + 1));
            return new IpPrefix(IpBits.toInetAddress(address), length);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid IP prefix \"" + text + "\": " + e.getMessage(), e);
        }
    }

    /** Up to three decimal digits (the length is checked against the family elsewhere); a loop, as 300,000 are read at a start. */
    private static int parseLength(String text) {
        int length = text.isEmpty() || text.length() > 3 ? -1 : 0;
        for (int i = 0; i < text.length() && length >= 0; i++) {
            char digit = text.charAt(i);
            length = digit >= '0' && digit <= '9' ? 10 * length + digit - '0' : -1;
        }
        if (length < 0) {
            throw new IllegalArgumentException("prefix length \"" + text + "\" is not a decimal number");
        }
        return length;
    }

    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    /** Whether {@code candidate} lies in this prefix; an address of the other family never does. */
    public boolean contains(InetAddress candidate) {
        if (AddressFamily.of(candidate) != family()) {
            return false;
        }
        byte[] bytes = candidate.getAddress();
        PrefixKey key = PrefixKey.of(this);
        return (IpBits.high(bytes) & AddressBits.highMask(length)) == key.high()
                && (IpBits.low(bytes) & AddressBits.lowMask(length)) == key.low();
    }

    @Override
    public int compareTo(IpPrefix other) {
        return PrefixKey.of(this).compareTo(PrefixKey.of(other));
    }

    /** Canonical text: dotted quad for IPv4, RFC 5952 for IPv6, then {@code /length}. */
    @Override
    public String toString() {
        return AddressText.format(address.getAddress()) + "/" + length;
    }
}
