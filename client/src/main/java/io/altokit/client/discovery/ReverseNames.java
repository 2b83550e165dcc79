package io.altokit.client.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** The reverse DNS names RFC 8686 looks up for an address or prefix, longest prefix first. */
final class ReverseNames {
    private static final int[] V4_STEPS = {24, 16, 8};
    private static final int[] V6_STEPS = {64, 56, 48, 32};

    private ReverseNames() {}

    /**
     * The names to query, in order: the name for {@code prefixLength} rounded down to a label boundary, then
     * those of the shorter standard prefixes (IPv4 /24, /16, /8; IPv6 /64, /56, /48, /32).
     */
    static List<String> walk(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        boolean v4 = address instanceof Inet4Address;
        int max = bytes.length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of 0.." + max);
        }
        int unit = v4 ? 8 : 4;
        int start = prefixLength / unit * unit;
        List<Integer> lengths = new ArrayList<>();
        if (start >= unit) lengths.add(start);
        for (int step : v4 ? V4_STEPS : V6_STEPS) {
            if (step < start) lengths.add(step);
        }
        List<String> names = new ArrayList<>(lengths.size());
        for (int len : lengths) names.add(name(bytes, v4, len));
        return names;
    }

    /** The reverse name covering the first {@code bits} bits (a multiple of 8 for IPv4, of 4 for IPv6). */
    static String name(byte[] bytes, boolean v4, int bits) {
        StringBuilder sb = new StringBuilder();
        if (v4) {
            for (int i = bits / 8 - 1; i >= 0; i--) sb.append(bytes[i] & 0xff).append('.');
            return sb.append("in-addr.arpa.").toString();
        }
        for (int n = bits / 4 - 1; n >= 0; n--) {
            int b = bytes[n / 2] & 0xff;
            int nibble = n % 2 == 0 ? b >>> 4 : b & 0x0f;
            sb.append(Character.forDigit(nibble, 16)).append('.');
        }
        return sb.append("ip6.arpa.").toString();
    }
}
