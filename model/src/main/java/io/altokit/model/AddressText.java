package io.altokit.model;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * IP address literals. Parsing is strict and never resolves names (unlike {@link
 * java.net.InetAddress#getByName}); formatting writes the canonical text of RFC 5952 for IPv6.
 * The parser reads ASCII bytes, so request bodies are parsed in place; strings are converted first.
 */
public final class AddressText {

    private static final int IPV6_GROUPS = 8;

    private AddressText() {}

    /** The 4 or 16 bytes of an IPv4 dotted quad or an RFC 4291 IPv6 literal; the reason on failure. */
    public static byte[] parse(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.UTF_8);
        if (indexOf(ascii, 0, ascii.length, ':') < 0) {
            int bits = ipv4Bits(ascii, 0, ascii.length);
            return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
        }
        long[] bits = new long[2];
        ipv6Bits(ascii, 0, ascii.length, bits);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            bytes[i] = (byte) (bits[i / 8] >>> (56 - 8 * (i % 8)));
        }
        return bytes;
    }

    public static String format(byte[] address) {
        return address.length == 4 ? formatIpv4(address) : formatIpv6(address);
    }

    public static String of(InetAddress address) {
        return format(address.getAddress());
    }

    // Plain loops over bytes, no split, substring or intermediate objects: endpoint addresses are
    // parsed on the request hot path. Strings are made only for error messages.

    /** The IPv4 dotted quad in {@code text[from, to)} as 32 bits, most significant first. */
    public static int ipv4Bits(byte[] text, int from, int to) {
        int bits = 0;
        int octets = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            for (int digit; i < to && i - start < 3 && (digit = text[i] - '0') >= 0 && digit <= 9; i++) {
                value = value * 10 + digit;
            }
            if (i == start || value > 255 || i - start > 1 && text[start] == '0' || ++octets > 4) {
                throw invalidIpv4(text, from, to);
            }
            bits = bits << 8 | value;
            if (i == to) {
                break;
            }
            if (text[i++] != '.') {
                throw invalidIpv4(text, from, to);
            }
        }
        if (octets != 4) {
            throw invalidIpv4(text, from, to);
        }
        return bits;
    }

    /** Explains what is wrong with a text {@link #ipv4Bits} refused: the octet count, else the first bad octet. */
    private static IllegalArgumentException invalidIpv4(byte[] text, int from, int to) {
        if (from == to) {
            return new IllegalArgumentException("the address is empty");
        }
        int dots = 0;
        for (int i = from; i < to; i++) {
            if (text[i] == '.') {
                dots++;
            }
        }
        if (dots != 3) {
            return new IllegalArgumentException("an IPv4 address has 4 dot-separated octets, \""
                    + string(text, from, to) + "\" has " + (dots + 1));
        }
        for (int start = from, i = from; i <= to; i++) {
            if (i == to || text[i] == '.') {
                String octet = string(text, start, i);
                if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return new IllegalArgumentException("IPv4 octet \"" + octet + "\" is not a number from 0 to 255");
                }
                if (octet.length() > 1 && octet.charAt(0) == '0') {
                    // "010" is octal to some parsers and decimal to others; refuse to guess.
                    return new IllegalArgumentException("IPv4 octet \"" + octet + "\" has a leading zero");
                }
                if (Integer.parseInt(octet) > 255) {
                    return new IllegalArgumentException("IPv4 octet " + octet + " is greater than 255");
                }
                start = i + 1;
            }
        }
        throw new IllegalStateException("a valid IPv4 address was refused: " + string(text, from, to));
    }

    /**
     * The RFC 4291 IPv6 literal in {@code text[from, to)}: the upper 64 bits go to {@code bits[0]},
     * the lower to {@code bits[1]}.
     */
    public static void ipv6Bits(byte[] text, int from, int to, long[] bits) {
        if (from == to) {
            throw new IllegalArgumentException("the address is empty");
        }
        if (indexOf(text, from, to, '%') >= 0) {
            throw new IllegalArgumentException("a zone index (%...) is not allowed here");
        }
        int firstGap = indexOfGap(text, from, to);
        if (firstGap >= 0 && indexOfGap(text, firstGap + 2, to) >= 0) {
            throw new IllegalArgumentException("\"::\" may appear only once");
        }
        // groups[0, gap) precede "::" and groups[gap, count) follow it; gap is -1 without "::".
        int[] groups = new int[IPV6_GROUPS];
        int count = 0;
        int gap = -1;
        int i = from;
        if (firstGap == from) {
            gap = 0;
            i += 2;
        }
        while (i < to) {
            int start = i;
            int value = 0;
            for (int digit; i < to && i - start < 4 && (digit = hexDigit(text[i])) >= 0; i++) {
                value = value << 4 | digit;
            }
            boolean groupEnds = i == to || text[i] == ':';
            if (!groupEnds && text[i] == '.' && indexOf(text, i, to, ':') < 0) {
                int ipv4 = ipv4Bits(text, start, to); // a trailing dotted quad counts as two groups
                count = put(groups, count, ipv4 >>> 16);
                count = put(groups, count, ipv4 & 0xFFFF);
                break;
            }
            if (!groupEnds || i == start) {
                throw invalidGroup(text, start, to);
            }
            count = put(groups, count, value);
            if (i == to) {
                break;
            }
            i++; // the colon
            if (i == firstGap + 1) {
                gap = count;
                i++;
            } else if (i == to) {
                throw invalidGroup(text, i, to);
            }
        }
        if (gap < 0 && count != IPV6_GROUPS) {
            throw new IllegalArgumentException("an IPv6 address without \"::\" has 8 groups, this one has " + count);
        }
        if (gap >= 0 && count >= IPV6_GROUPS) {
            throw new IllegalArgumentException("an IPv6 address with \"::\" has at most 7 groups, this one has " + count);
        }
        bits[0] = 0;
        bits[1] = 0;
        int shift = gap < 0 ? 0 : IPV6_GROUPS - count;
        for (int g = 0; g < count; g++) {
            int position = gap < 0 || g < gap ? g : g + shift;
            bits[position / 4] |= (long) groups[g] << (48 - 16 * (position % 4));
        }
    }

    static int indexOf(byte[] text, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfGap(byte[] text, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (text[i] == ':' && text[i + 1] == ':') {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException invalidGroup(byte[] text, int start, int to) {
        int colon = indexOf(text, start, to, ':');
        return new IllegalArgumentException("IPv6 group \"" + string(text, start, colon < 0 ? to : colon)
                + "\" is not 1 to 4 hexadecimal digits");
    }

    /** Stores a group while there is room, and counts it in any case (for the error message). */
    private static int put(int[] groups, int count, int group) {
        if (count < groups.length) {
            groups[count] = group;
        }
        return count + 1;
    }

    /** The value of an ASCII hex digit, or -1. */
    private static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** Part of the text for an error message; ranges end at ASCII delimiters, so UTF-8 stays whole. */
    private static String string(byte[] text, int from, int to) {
        return new String(text, from, to - from, StandardCharsets.UTF_8);
    }

    private static String formatIpv4(byte[] address) {
        return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
    }

    /** RFC 5952 section 4: lower case, no leading zeros, the longest run (first if tied) of two or more zero groups as "::". */
    private static String formatIpv6(byte[] address) {
        int[] groups = new int[IPV6_GROUPS];
        for (int i = 0; i < IPV6_GROUPS; i++) {
            groups[i] = (address[2 * i] & 0xFF) << 8 | address[2 * i + 1] & 0xFF;
        }
        int gapStart = -1;
        int gapLength = 1;
        for (int i = 0; i < IPV6_GROUPS; ) {
            int run = 0;
            while (i + run < IPV6_GROUPS && groups[i + run] == 0) {
                run++;
            }
            if (run > gapLength) {
                gapStart = i;
                gapLength = run;
            }
            i += Math.max(run, 1);
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < IPV6_GROUPS; i++) {
            if (i == gapStart) {
                text.append("::");
                i += gapLength - 1;
            } else {
                if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }
}
