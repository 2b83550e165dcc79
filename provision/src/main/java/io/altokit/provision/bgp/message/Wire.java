package io.altokit.provision.bgp.message;

/** Big-endian reads over byte arrays and the range checks shared by the message records. */
final class Wire {

    private Wire() {}

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    static int i32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    static long u32(byte[] b, int at) {
        return Integer.toUnsignedLong(i32(b, at));
    }

    static void requireUnsigned(long value, int bits, String what) {
        if (value < 0 || value >>> bits != 0) {
            throw new IllegalArgumentException(what + " " + value + " does not fit " + bits + " unsigned bits");
        }
    }
}
