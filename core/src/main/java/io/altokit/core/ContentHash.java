package io.altokit.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SHA-256 over a typed, length-prefixed encoding of content, shortened to an RFC 7285 version tag
 * (section 10.3: at most 64 printable ASCII characters). Servers fed the same content compute the
 * same tag without talking to each other.
 */
final class ContentHash {

    /** 128 bits: collisions stay negligible, and the tag stays short in every response. */
    private static final int TAG_BYTES = 16;

    private final MessageDigest digest;
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);

    /** @param domain names what is hashed, so different kinds of content never share a tag */
    ContentHash(String domain) {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        putString(domain);
    }

    ContentHash putInt(int value) {
        room(Integer.BYTES).putInt(value);
        return this;
    }

    ContentHash putLong(long value) {
        room(Long.BYTES).putLong(value);
        return this;
    }

    /** Hashes the bits, with every NaN alike. */
    ContentHash putDouble(double value) {
        return putLong(Double.doubleToLongBits(value));
    }

    /** {@link #putDouble} of the first {@code count} values, in order. */
    ContentHash putDoubles(double[] values, int count) {
        for (int i = 0; i < count; i++) {
            room(Long.BYTES).putLong(Double.doubleToLongBits(values[i]));
        }
        return this;
    }

    ContentHash putString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        flush();
        digest.update(bytes);
        return this;
    }

    /** The version tag: lower-case hex. Ends this hash. */
    String tag() {
        flush();
        return HexFormat.of().formatHex(Arrays.copyOf(digest.digest(), TAG_BYTES));
    }

    private ByteBuffer room(int bytes) {
        if (buffer.remaining() < bytes) {
            flush();
        }
        return buffer;
    }

    private void flush() {
        digest.update(buffer.flip());
        buffer.clear();
    }
}
