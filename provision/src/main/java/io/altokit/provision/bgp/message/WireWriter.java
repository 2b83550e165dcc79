package io.altokit.provision.bgp.message;

import java.util.Arrays;

/** A growing big-endian byte buffer with back-patching of length fields. */
final class WireWriter {

    private byte[] buffer = new byte[256];
    private int position;

    int position() {
        return position;
    }

    WireWriter u8(int value) {
        ensure(1);
        buffer[position++] = (byte) value;
        return this;
    }

    WireWriter u16(int value) {
        ensure(2);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
        return this;
    }

    WireWriter u32(long value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[position++] = (byte) (value >>> shift);
        }
        return this;
    }

    WireWriter bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
        return this;
    }

    WireWriter octets(Octets octets) {
        ensure(octets.length());
        octets.copyTo(buffer, position);
        position += octets.length();
        return this;
    }

    void patchU8(int at, int value) {
        buffer[at] = (byte) value;
    }

    void patchU16(int at, int value) {
        buffer[at] = (byte) (value >>> 8);
        buffer[at + 1] = (byte) value;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    private void ensure(int more) {
        if (position + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
        }
    }
}
