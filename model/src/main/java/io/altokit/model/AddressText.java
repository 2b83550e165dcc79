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
        long scanned = scanIpv4(text, from, to);
        if (scanned < 0 || (int) (scanned >>> 32) != to) {
            throw invalidIpv4(text, from, to);
        }
        return (int) scanned;
    }

    /**
     * Reads a dotted quad from {@code text[from]} on, stopping after the fourth octet (three digits
     * at most) or at {@code limit}: the index it stopped at in the upper 32 bits and the address in
     * the lower 32, or -1 when no dotted quad starts there. Callers decide what may follow.
     */
    static long scanIpv4(byte[] text, int from, int limit) {
        int bits = 0;
        int i = from;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0 && (i == limit || text[i++] != '.')) {
                return -1;
            }
            int start = i;
            int value = 0;
            for (int digit; i < limit && i - start < 3 && (digit = text[i] - '0') >= 0 && digit <= 9; i++) {
                value = value * 10 + digit;
            }
            if (i == start || value > 255 || i - start > 1 && text[start] == '0') {
                return -1;
            }
            bits = bits << 8 | value;
        }
        return (long) i << 32 | bits & 0xFFFF_FFFFL;
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
     * the lower to {@code bits[1]}. One pass: groups before "::" are placed from the left, groups
     * after it are shifted in from the right, so nothing is buffered.
     */
    public static void ipv6Bits(byte[] text, int from, int to, long[] bits) {
        if (from == to) {
            throw new IllegalArgumentException("the address is empty");
        }
        long headHigh = 0;
        long headLow = 0;
        long tailHigh = 0;
        long tailLow = 0;
        int count = 0;
        boolean gap = false;
        int i = from;
        if (to - from >= 2 && text[from] == ':' && text[from + 1] == ':') {
            gap = true;
            i += 2;
        }
        while (i < to) {
            int start = i;
            int value = 0;
            for (int digit; i < to && i - start < 4 && (digit = hexDigit(text[i])) >= 0; i++) {
                value = value << 4 | digit;
            }
            long piece = value;
            int width = 1; // groups the piece fills
            if (i < to && text[i] == '.' && indexOf(text, i, to, ':') < 0) {
                piece = ipv4Bits(text, start, to) & 0xFFFF_FFFFL; // a trailing dotted quad counts as two groups
                width = 2;
                i = to;
            } else if (i == start || i < to && text[i] != ':') {
                throw i < to && text[i] == '%'
                        ? new IllegalArgumentException("a zone index (%...) is not allowed here")
                        : invalidGroup(text, start, to);
            }
            if (count + width <= IPV6_GROUPS && !gap) {
                int shift = 128 - 16 * (count + width);
                if (shift >= 64) {
                    headHigh |= piece << (shift - 64);
                } else {
                    headLow |= piece << shift;
                    headHigh |= shift == 0 ? 0 : piece >>> (64 - shift);
                }
            } else if (count + width <= IPV6_GROUPS) {
                int shift = 16 * width;
                tailHigh = tailHigh << shift | tailLow >>> (64 - shift);
                tailLow = tailLow << shift | piece;
            }
            count += width;
            if (i == to) {
                break;
            }
            i++; // the colon
            if (i < to && text[i] == ':') {
                if (gap) {
                    throw new IllegalArgumentException("\"::\" may appear only once");
                }
                gap = true;
                i++;
            } else if (i == to) {
                throw invalidGroup(text, i, to);
            }
        }
        if (!gap && count != IPV6_GROUPS) {
            throw new IllegalArgumentException("an IPv6 address without \"::\" has 8 groups, this one has " + count);
        }
        if (gap && count >= IPV6_GROUPS) {
            throw new IllegalArgumentException("an IPv6 address with \"::\" has at most 7 groups, this one has " + count);
        }
        bits[0] = headHigh | tailHigh;
        bits[1] = headLow | tailLow;
    }

    static int indexOf(byte[] text, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (text[i] == c) {
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
