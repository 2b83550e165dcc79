package io.altokit.tracker;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A 20-byte BitTorrent identifier (an info hash or a peer id) held as three primitives, so it is a
 * cheap map key with value equality.
 */
public record Id20(long high, long middle, int low) {
    public static final int LENGTH = 20;

    public static Id20 of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an id is 20 bytes, got " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new Id20(buffer.getLong(), buffer.getLong(), buffer.getInt());
    }

    public byte[] bytes() {
        return ByteBuffer.allocate(LENGTH).putLong(high).putLong(middle).putInt(low).array();
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes());
    }
}
