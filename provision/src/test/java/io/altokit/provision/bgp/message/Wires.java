package io.altokit.provision.bgp.message;

import java.util.HexFormat;

/** Hand-built BGP bytes for tests: hex with spaces allowed, lengths computed. */
final class Wires {

    static final String MARKER = "ffffffffffffffffffffffffffffffff";

    static final String ORIGIN_IGP = attribute(0x40, 1, "00");
    /** AS_SEQUENCE 65001, 2-octet encoding. */
    static final String AS_PATH_65001 = attribute(0x40, 2, "02 01 fde9");
    static final String NEXT_HOP_192_0_2_1 = attribute(0x40, 3, "c0000201");
    static final String MANDATORY = ORIGIN_IGP + AS_PATH_65001 + NEXT_HOP_192_0_2_1;
    /** 10.11.0.0/16 and 10.12.128.0/17 as NLRI. */
    static final String TWO_PREFIXES = "10 0a0b 11 0a0c80";

    private Wires() {}

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    static String hexOf(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** A whole message: marker, length, type, body. */
    static byte[] message(int type, String body) {
        byte[] b = hex(body);
        return hex(MARKER + String.format("%04x%02x", 19 + b.length, type) + hexOf(b));
    }

    /** An UPDATE with the two length fields computed. */
    static byte[] update(String withdrawn, String attributes, String nlri) {
        byte[] w = hex(withdrawn);
        byte[] a = hex(attributes);
        return message(BgpMessage.UPDATE, String.format("%04x", w.length) + hexOf(w) + String.format("%04x", a.length)
                + hexOf(a) + nlri);
    }

    /** One path attribute; the Extended Length bit in {@code flags} selects a 2-octet length. */
    static String attribute(int flags, int type, String value) {
        byte[] v = hex(value);
        String length = (flags & 0x10) != 0 ? String.format("%04x", v.length) : String.format("%02x", v.length);
        return String.format("%02x%02x", flags, type) + length + hexOf(v);
    }
}
