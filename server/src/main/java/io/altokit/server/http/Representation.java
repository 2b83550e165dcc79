package io.altokit.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Response bytes plus, computed at most once, their gzip form. Full maps keep one instance per
 * snapshot, so each is serialized and compressed once no matter how many clients fetch it.
 */
public final class Representation {
    /** Below about one packet, compressing costs more than it saves. */
    static final int GZIP_THRESHOLD_BYTES = 1400;

    private final byte[] identity;
    private final Optional<String> etag;
    /** Makes the gzip form; null (no allocation on the request path) for compressing the identity bytes whole. */
    private final Supplier<byte[]> compressor;
    private volatile byte[] gzipped;

    private Representation(byte[] identity, Optional<String> etag, Supplier<byte[]> compressor) {
        this.identity = identity;
        this.etag = etag;
        this.compressor = compressor;
    }

    private Representation(byte[] identity, Optional<String> etag) {
        this(identity, etag, null);
    }

    public static Representation of(byte[] bytes) {
        return new Representation(bytes, Optional.empty());
    }

    /** A cacheable representation whose strong ETag derives from a content hash (the vtag). */
    public static Representation tagged(byte[] bytes, String contentTag) {
        return new Representation(bytes, Optional.of(contentTag));
    }

    /**
     * A tagged representation whose gzip form {@code gzip} makes (on first ask): for bodies that keep
     * their compressed parts across versions; it must give a gzip member of {@code bytes}.
     */
    public static Representation tagged(byte[] bytes, String contentTag, Supplier<byte[]> gzip) {
        return new Representation(bytes, Optional.of(contentTag), gzip);
    }

    public byte[] identity() {
        return identity;
    }

    public Optional<String> etag() {
        return etag;
    }

    public boolean worthCompressing() {
        return identity.length >= GZIP_THRESHOLD_BYTES;
    }

    public byte[] gzipped() {
        byte[] result = gzipped;
        if (result == null) {
            result = compressor == null ? gzip(identity) : compressor.get();
            gzipped = result;
        }
        return result;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
