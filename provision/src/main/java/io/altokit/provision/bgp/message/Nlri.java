package io.altokit.provision.bgp.message;

import io.altokit.core.AddressFamily;
import io.altokit.core.PrefixKey;

import java.util.List;

/** Prefix lists as the NLRI, Withdrawn Routes and MP_(UN)REACH_NLRI fields carry them (RFC 4271 section 4.3). */
final class Nlri {

    private Nlri() {}

    /**
     * Appends the prefixes in {@code [from, to)} to {@code out}; returns null, or why the field is
     * malformed (RFC 7606 section 5.3). Trailing bits of the last octet are cleared, not rejected.
     */
    static String read(byte[] b, int from, int to, AddressFamily family, List<PrefixKey> out) {
        int maxBits = family.bits();
        int at = from;
        while (at < to) {
            int length = b[at] & 0xFF;
            if (length > maxBits) {
                return "prefix length " + length + " exceeds " + maxBits;
            }
            int octets = (length + 7) >>> 3;
            if (at + 1 + octets > to) {
                return "a /" + length + " prefix needs " + octets + " octets, " + (to - at - 1) + " remain";
            }
            out.add(PrefixKey.read(family, length, b, at + 1));
            at += 1 + octets;
        }
        return null;
    }

    static void write(WireWriter out, PrefixKey prefix) {
        int length = prefix.length();
        out.u8(length);
        int octets = (length + 7) >>> 3;
        for (int i = 0; i < octets; i++) {
            out.u8((int) (i < 8 ? prefix.high() >>> (56 - 8 * i) : prefix.low() >>> (120 - 8 * i)));
        }
    }
}
