package io.altokit.server;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A response body made of segments (a full cost map: its head, one segment per row, its tail) that
 * a change replaces one at a time, in its identity bytes and in its gzip form. The gzip member's
 * deflate stream is one raw deflate segment per body segment, each compressed on its own and ended
 * with a sync flush (so it ends on a byte boundary and refers to nothing before it), then the final
 * empty block: a body derived from another with a few segments replaced compresses just those and
 * copies the others' compressed bytes, and its CRC is combined from the segments' CRCs ({@link
 * Crc32Combination}), so assembling the gzip form never reads the identity bytes of kept segments.
 * Any gzip reader inflates it to the identity bytes. Immutable.
 */
final class SegmentedBody {

    /** The gzip member header (RFC 1952): deflate, no flags, no time, no extra flags, unknown OS. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A final, empty deflate block: what ends the stream after the sync-flushed segments. */
    private static final byte[] FINAL_BLOCK = finalBlock();

    private final byte[] identity;
    /** Segment {@code i} is {@code identity[bounds[i], bounds[i + 1])}. */
    private final int[] bounds;
    private volatile Gzip gzip;

    /** The gzip member, where each segment's compressed bytes are in it, and each segment's CRC-32. */
    private record Gzip(byte[] member, int[] bounds, int[] crcs) {}

    private SegmentedBody(byte[] identity, int[] bounds, Gzip gzip) {
        this.identity = identity;
        this.bounds = bounds;
        this.gzip = gzip;
    }

    /** A body of these segments; its gzip form is compressed when first asked for. */
    static SegmentedBody of(byte[][] segments) {
        int[] bounds = new int[segments.length + 1];
        for (int i = 0; i < segments.length; i++) {
            bounds[i + 1] = Math.addExact(bounds[i], segments[i].length);
        }
        byte[] identity = new byte[bounds[segments.length]];
        for (int i = 0; i < segments.length; i++) {
            System.arraycopy(segments[i], 0, identity, bounds[i], segments[i].length);
        }
        return new SegmentedBody(identity, bounds, null);
    }

    /**
     * This body with some segments replaced: {@code replacements[i]} is segment {@code i}'s new bytes,
     * or null to keep it (as many entries as segments). If this body's gzip form was made, the new
     * one's is made now from it, compressing only the replaced segments that differ.
     */
    SegmentedBody with(byte[][] replacements) {
        if (replacements.length != segments()) {
            throw new IllegalArgumentException(replacements.length + " replacements for " + segments() + " segments");
        }
        byte[][] next = new byte[replacements.length][];
        for (int i = 0; i < next.length; i++) {
            next[i] = replacements[i] == null || sameAs(i, replacements[i]) ? null : replacements[i];
        }
        int[] nextBounds = new int[next.length + 1];
        for (int i = 0; i < next.length; i++) {
            nextBounds[i + 1] = Math.addExact(nextBounds[i], next[i] == null ? length(i) : next[i].length);
        }
        byte[] nextIdentity = new byte[nextBounds[next.length]];
        for (int i = 0; i < next.length; i++) {
            if (next[i] == null) {
                System.arraycopy(identity, bounds[i], nextIdentity, nextBounds[i], length(i));
            } else {
                System.arraycopy(next[i], 0, nextIdentity, nextBounds[i], next[i].length);
            }
        }
        Gzip compressed = gzip;
        return new SegmentedBody(nextIdentity, nextBounds,
                compressed == null ? null : gzip(nextIdentity, nextBounds, compressed, next));
    }

    int segments() {
        return bounds.length - 1;
    }

    /** Whether segment {@code i} has no bytes. */
    boolean isEmpty(int i) {
        return length(i) == 0;
    }

    /** The whole body; not to be modified. */
    byte[] identity() {
        return identity;
    }

    /** The body as one gzip member (RFC 1952), made on first ask; not to be modified. */
    byte[] gzipped() {
        Gzip result = gzip;
        if (result == null) {
            synchronized (this) {
                result = gzip;
                if (result == null) {
                    result = gzip(identity, bounds, null, new byte[segments()][]);
                    gzip = result;
                }
            }
        }
        return result.member();
    }

    private int length(int i) {
        return bounds[i + 1] - bounds[i];
    }

    private boolean sameAs(int i, byte[] bytes) {
        return Arrays.equals(identity, bounds[i], bounds[i + 1], bytes, 0, bytes.length);
    }

    /**
     * The gzip member of {@code identity}: segment {@code i} copied from {@code previous} where
     * {@code changed[i]} is null and there is a previous, compressed otherwise.
     */
    private static Gzip gzip(byte[] identity, int[] bounds, Gzip previous, byte[][] changed) {
        int segments = bounds.length - 1;
        byte[][] compressed = new byte[segments][];
        int[] crcs = new int[segments];
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int i = 0; i < segments; i++) {
                if (previous != null && changed[i] == null) {
                    crcs[i] = previous.crcs()[i];
                    continue;
                }
                int length = bounds[i + 1] - bounds[i];
                compressed[i] = deflate(deflater, buffer, identity, bounds[i], length);
                crc.reset();
                crc.update(identity, bounds[i], length);
                crcs[i] = (int) crc.getValue();
            }
        } finally {
            deflater.end();
        }
        int[] memberBounds = new int[segments + 1];
        memberBounds[0] = GZIP_HEADER.length;
        for (int i = 0; i < segments; i++) {
            int length = compressed[i] != null ? compressed[i].length : previous.bounds()[i + 1] - previous.bounds()[i];
            memberBounds[i + 1] = Math.addExact(memberBounds[i], length);
        }
        byte[] member = new byte[memberBounds[segments] + FINAL_BLOCK.length + 8];
        System.arraycopy(GZIP_HEADER, 0, member, 0, GZIP_HEADER.length);
        int wholeCrc = 0;
        for (int i = 0; i < segments; i++) {
            if (compressed[i] != null) {
                System.arraycopy(compressed[i], 0, member, memberBounds[i], compressed[i].length);
            } else {
                System.arraycopy(previous.member(), previous.bounds()[i], member, memberBounds[i],
                        memberBounds[i + 1] - memberBounds[i]);
            }
            wholeCrc = Crc32Combination.combine(wholeCrc, crcs[i], bounds[i + 1] - bounds[i]);
        }
        int end = memberBounds[segments];
        System.arraycopy(FINAL_BLOCK, 0, member, end, FINAL_BLOCK.length);
        end += FINAL_BLOCK.length;
        putIntLittleEndian(member, end, wholeCrc);
        putIntLittleEndian(member, end + 4, bounds[segments]); // ISIZE: the length modulo 2^32
        return new Gzip(member, memberBounds, crcs);
    }

    /** One segment as raw deflate on its own (no dictionary from before), sync-flushed; nothing for an empty one. */
    private static byte[] deflate(Deflater deflater, byte[] buffer, byte[] bytes, int offset, int length) {
        if (length == 0) {
            return new byte[0];
        }
        deflater.reset();
        deflater.setInput(bytes, offset, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 4 + 64);
        int written;
        do {
            written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, written);
        } while (written == buffer.length); // a full buffer may leave more of the flush to write
        return out.toByteArray();
    }

    private static byte[] finalBlock() {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.finish();
            byte[] block = new byte[16];
            int length = deflater.deflate(block);
            return Arrays.copyOf(block, length);
        } finally {
            deflater.end();
        }
    }

    private static void putIntLittleEndian(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >>> 8);
        bytes[at + 2] = (byte) (value >>> 16);
        bytes[at + 3] = (byte) (value >>> 24);
    }
}
