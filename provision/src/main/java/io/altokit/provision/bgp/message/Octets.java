package io.altokit.provision.bgp.message;

import java.util.Arrays;
import java.util.HexFormat;

/** Immutable bytes compared by content: NOTIFICATION data and attribute or capability values kept opaque. */
public final class Octets {

    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Octets of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    public static Octets copyOf(byte[] source, int from, int to) {
        return from == to ? EMPTY : new Octets(Arrays.copyOfRange(source, from, to));
    }

    public int length() {
        return bytes.length;
    }

    public int get(int index) {
        return bytes[index] & 0xFF;
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Octets o && Arrays.equals(bytes, o.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Lower-case hex, as in packet dumps. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
