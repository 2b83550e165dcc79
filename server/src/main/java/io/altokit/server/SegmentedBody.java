package io.altokit.server;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A response body made of segments (a full cost map: its head, one segment per row, its tail) that
 * a change replaces one at a time, kept only in its gzip form: at 1,700 PIDs the six cost maps are
 * 272 MB as JSON and 60 MB gzipped. The gzip member's deflate stream is one raw deflate segment per
 * body segment, each compressed on its own and ended with a sync flush (so it ends on a byte boundary
 * and refers to nothing before it), then the final empty block: a body derived from another with a
 * few segments replaced compresses just those and copies the others' compressed bytes, and its CRC is
 * combined from the segments' CRCs ({@link Crc32Combination}). A replacement equal to the segment it
 * replaces is no change: told by CRC and length, and when both match, by inflating that one segment.
 * Any gzip reader inflates the member to the body. Immutable.
 */
final class SegmentedBody {

    /** The gzip member header (RFC 1952): deflate, no flags, no time, no extra flags, unknown OS. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A final, empty deflate block: what ends the stream after the sync-flushed segments. */
    private static final byte[] FINAL_BLOCK = finalBlock();

    /** The gzip member; segment {@code i}'s compressed bytes are {@code member[bounds[i], bounds[i + 1])}. */
    private final byte[] member;
    private final int[] bounds;
    /** Each segment's length and CRC-32 before compression. */
    private final int[] lengths;
    private final int[] crcs;

    private SegmentedBody(byte[] member, int[] bounds, int[] lengths, int[] crcs) {
        this.member = member;
        this.bounds = bounds;
        this.lengths = lengths;
        this.crcs = crcs;
    }

    /** A body of these segments, compressed now. */
    static SegmentedBody of(byte[][] segments) {
        return assemble(null, segments);
    }

    /**
     * This body with some segments replaced: {@code replacements[i]} is segment {@code i}'s new bytes,
     * or null to keep it (as many entries as segments). Only the replaced segments that differ are
     * compressed.
     */
    SegmentedBody with(byte[][] replacements) {
        if (replacements.length != segments()) {
            throw new IllegalArgumentException(replacements.length + " replacements for " + segments() + " segments");
        }
        byte[][] changed = new byte[replacements.length][];
        for (int i = 0; i < changed.length; i++) {
            changed[i] = replacements[i] == null || sameAs(i, replacements[i]) ? null : replacements[i];
        }
        return assemble(this, changed);
    }

    int segments() {
        return lengths.length;
    }

    /** Whether segment {@code i} has no bytes. */
    boolean isEmpty(int i) {
        return lengths[i] == 0;
    }

    /** The body as one gzip member (RFC 1952); not to be modified. */
    byte[] gzipped() {
        return member;
    }

    /** The body's length before compression. */
    int length() {
        long length = 0;
        for (int segment : lengths) {
            length += segment;
        }
        return Math.toIntExact(length);
    }

    private boolean sameAs(int i, byte[] bytes) {
        if (bytes.length != lengths[i] || crc(bytes) != crcs[i]) {
            return false;
        }
        return Arrays.equals(inflate(i), bytes); // a CRC match is only likely equality
    }

    /** Segment {@code i}, inflated from its compressed bytes. */
    private byte[] inflate(int i) {
        byte[] bytes = new byte[lengths[i]];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(member, bounds[i], bounds[i + 1] - bounds[i]);
            int read = 0;
            while (read < bytes.length) {
                int n = inflater.inflate(bytes, read, bytes.length - read);
                if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                    throw new IllegalStateException("segment " + i + " inflates to " + read + " of " + bytes.length + " bytes");
                }
                read += n;
            }
            return bytes;
        } catch (DataFormatException e) {
            throw new IllegalStateException("a segment compressed here is well-formed", e);
        } finally {
            inflater.end();
        }
    }

    /**
     * The body whose segment {@code i} is {@code changed[i]}, compressed now, or where that is null,
     * {@code previous}'s segment {@code i}, its compressed bytes copied.
     */
    private static SegmentedBody assemble(SegmentedBody previous, byte[][] changed) {
        int segments = changed.length;
        byte[][] compressed = new byte[segments][];
        int[] lengths = new int[segments];
        int[] crcs = new int[segments];
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int i = 0; i < segments; i++) {
                if (changed[i] == null) {
                    lengths[i] = previous.lengths[i];
                    crcs[i] = previous.crcs[i];
                } else {
                    compressed[i] = deflate(deflater, buffer, changed[i]);
                    lengths[i] = changed[i].length;
                    crcs[i] = crc(changed[i]);
                }
            }
        } finally {
            deflater.end();
        }
        int[] bounds = new int[segments + 1];
        bounds[0] = GZIP_HEADER.length;
        for (int i = 0; i < segments; i++) {
            int length = compressed[i] != null ? compressed[i].length : previous.bounds[i + 1] - previous.bounds[i];
            bounds[i + 1] = Math.addExact(bounds[i], length);
        }
        byte[] member = new byte[bounds[segments] + FINAL_BLOCK.length + 8];
        System.arraycopy(GZIP_HEADER, 0, member, 0, GZIP_HEADER.length);
        int wholeCrc = 0;
        long wholeLength = 0;
        for (int i = 0; i < segments; i++) {
            if (compressed[i] != null) {
                System.arraycopy(compressed[i], 0, member, bounds[i], compressed[i].length);
            } else {
                System.arraycopy(previous.member, previous.bounds[i], member, bounds[i], bounds[i + 1] - bounds[i]);
            }
            wholeCrc = Crc32Combination.combine(wholeCrc, crcs[i], lengths[i]);
            wholeLength += lengths[i];
        }
        int end = bounds[segments];
        System.arraycopy(FINAL_BLOCK, 0, member, end, FINAL_BLOCK.length);
        end += FINAL_BLOCK.length;
        putIntLittleEndian(member, end, wholeCrc);
        putIntLittleEndian(member, end + 4, (int) wholeLength); // ISIZE: the length modulo 2^32
        return new SegmentedBody(member, bounds, lengths, crcs);
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** One segment as raw deflate on its own (no dictionary from before), sync-flushed; nothing for an empty one. */
    private static byte[] deflate(Deflater deflater, byte[] buffer, byte[] bytes) {
        if (bytes.length == 0) {
            return new byte[0];
        }
        deflater.reset();
        deflater.setInput(bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
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
