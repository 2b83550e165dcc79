package io.altokit.model;

import java.net.InetAddress;

/**
 * IP address literals. Parsing is strict and never resolves names (unlike {@link
 * java.net.InetAddress#getByName}); formatting writes the canonical text of RFC 5952 for IPv6.
 */
public final class AddressText {

    private static final int IPV6_GROUPS = 8;

    private AddressText() {}

    /** The 4 or 16 bytes of an IPv4 dotted quad or an RFC 4291 IPv6 literal; the reason on failure. */
    public static byte[] parse(String text) {
        return parse(text, 0);
    }

    /** {@link #parse(String)} of the text from {@code offset} on, sparing callers a substring. */
    public static byte[] parse(String text, int offset) {
        if (offset >= text.length()) {
            throw new IllegalArgumentException("the address is empty");
        }
        return text.indexOf(':', offset) >= 0 ? parseIpv6(text.substring(offset)) : parseIpv4(text, offset);
    }

    public static String format(byte[] address) {
        return address.length == 4 ? formatIpv4(address) : formatIpv6(address);
    }

    public static String of(InetAddress address) {
        return format(address.getAddress());
    }

    // Hand-written scanning, no split or streams: endpoint addresses are parsed on the request hot path.
    private static byte[] parseIpv4(String text, int offset) {
        byte[] bytes = new byte[4];
        int start = offset;
        for (int i = 0; i < 4; i++) {
            int end = text.indexOf('.', start);
            if (end < 0) {
                end = text.length();
            }
            if ((i < 3) == (end == text.length())) {
                String address = text.substring(offset);
                throw new IllegalArgumentException("an IPv4 address has 4 dot-separated octets, \"" + address + "\" has "
                        + (address.chars().filter(c -> c == '.').count() + 1));
            }
            bytes[i] = (byte) parseOctet(text, start, end);
            start = end + 1;
        }
        return bytes;
    }

    private static int parseOctet(String text, int start, int end) {
        int length = end - start;
        int value = 0;
        for (int i = start; i < end && length <= 3; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                length = -1;
                break;
            }
            value = value * 10 + (c - '0');
        }
        if (length < 1 || length > 3) {
            throw new IllegalArgumentException("IPv4 octet \"" + text.substring(start, end) + "\" is not a number from 0 to 255");
        }
        if (length > 1 && text.charAt(start) == '0') {
            // "010" is octal to some parsers and decimal to others; refuse to guess.
            throw new IllegalArgumentException("IPv4 octet \"" + text.substring(start, end) + "\" has a leading zero");
        }
        if (value > 255) {
            throw new IllegalArgumentException("IPv4 octet " + value + " is greater than 255");
        }
        return value;
    }

    private static byte[] parseIpv6(String text) {
        if (text.indexOf('%') >= 0) {
            throw new IllegalArgumentException("a zone index (%...) is not allowed here");
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 2) >= 0) {
            throw new IllegalArgumentException("\"::\" may appear only once");
        }
        int[] head = gap < 0 ? parseGroups(text, true) : parseGroups(text.substring(0, gap), false);
        int[] tail = gap < 0 ? new int[0] : parseGroups(text.substring(gap + 2), true);
        int groups = head.length + tail.length;
        if (gap < 0 && groups != IPV6_GROUPS) {
            throw new IllegalArgumentException("an IPv6 address without \"::\" has 8 groups, this one has " + groups);
        }
        if (gap >= 0 && groups >= IPV6_GROUPS) {
            throw new IllegalArgumentException("an IPv6 address with \"::\" has at most 7 groups, this one has " + groups);
        }
        byte[] bytes = new byte[16];
        putGroups(bytes, 0, head);
        putGroups(bytes, 16 - 2 * tail.length, tail);
        return bytes;
    }

    private static void putGroups(byte[] bytes, int offset, int[] groups) {
        for (int i = 0; i < groups.length; i++) {
            bytes[offset + 2 * i] = (byte) (groups[i] >>> 8);
            bytes[offset + 2 * i + 1] = (byte) groups[i];
        }
    }

    /** Colon-separated 16-bit groups; an IPv4 dotted quad may end the address and counts as two. */
    private static int[] parseGroups(String text, boolean endsAddress) {
        if (text.isEmpty()) {
            return new int[0];
        }
        int lastColon = text.lastIndexOf(':');
        boolean embeddedIpv4 = endsAddress && text.indexOf('.', lastColon + 1) >= 0;
        int pieces = 1;
        for (int i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
            pieces++;
        }
        int hexPieces = embeddedIpv4 ? pieces - 1 : pieces;
        int[] groups = new int[embeddedIpv4 ? pieces + 1 : pieces];
        int start = 0;
        for (int i = 0; i < hexPieces; i++) {
            int end = text.indexOf(':', start);
            groups[i] = parseHexGroup(text, start, end < 0 ? text.length() : end);
            start = end + 1;
        }
        if (embeddedIpv4) {
            byte[] ipv4 = parseIpv4(text, lastColon + 1);
            groups[hexPieces] = (ipv4[0] & 0xFF) << 8 | ipv4[1] & 0xFF;
            groups[hexPieces + 1] = (ipv4[2] & 0xFF) << 8 | ipv4[3] & 0xFF;
        }
        return groups;
    }

    private static int parseHexGroup(String text, int start, int end) {
        int value = 0;
        boolean valid = end > start && end - start <= 4;
        for (int i = start; i < end && valid; i++) {
            int digit = hexDigit(text.charAt(i));
            valid = digit >= 0;
            value = value << 4 | digit;
        }
        if (!valid) {
            throw new IllegalArgumentException("IPv6 group \"" + text.substring(start, end) + "\" is not 1 to 4 hexadecimal digits");
        }
        return value;
    }

    /** The value of an ASCII hex digit, or -1 (Character.digit would also take non-ASCII digits). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
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
