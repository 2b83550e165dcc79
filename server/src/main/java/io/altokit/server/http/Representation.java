package io.altokit.server.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Response bytes plus, computed at most once, their gzip form. Full maps keep one instance per
 * snapshot, so each is serialized and compressed once no matter how many clients fetch it.
 *
 * <p>A big full map is kept compressed only ({@link #kept}): at 1,700 PIDs the six cost maps are
 * 272 MB as JSON and 60 MB gzipped, and keeping both made them most of the heap. A client that does
 * not take gzip gets those bytes inflated as they are written ({@link #open}).
 */
public final class Representation {
    /** Below about one packet, compressing costs more than it saves. */
    static final int GZIP_THRESHOLD_BYTES = 1400;
    /**
     * Kept bodies above this size are kept gzipped only. Inflating costs a few milliseconds a
     * megabyte per identity request, paid only by clients that do not take gzip.
     */
    static final int KEEP_IDENTITY_MAX_BYTES = 1 << 20;

    /** The identity bytes, or null when only the gzip form is kept. */
    private final byte[] identity;
    private final int identityLength;
    private final Optional<String> etag;
    /** Makes the gzip form; null (no allocation on the request path) for compressing the identity bytes whole. */
    private final Supplier<byte[]> compressor;
    private volatile byte[] gzipped;

    private Representation(byte[] identity, int identityLength, byte[] gzipped, Optional<String> etag,
                           Supplier<byte[]> compressor) {
        this.identity = identity;
        this.identityLength = identityLength;
        this.gzipped = gzipped;
        this.etag = etag;
        this.compressor = compressor;
    }

    private Representation(byte[] identity, int identityLength, byte[] gzipped, Optional<String> etag) {
        this(identity, identityLength, gzipped, etag, null);
    }

    public static Representation of(byte[] bytes) {
        return new Representation(bytes, bytes.length, null, Optional.empty());
    }

    /** A cacheable representation whose strong ETag derives from a content hash (the vtag). */
    public static Representation tagged(byte[] bytes, String contentTag) {
        return new Representation(bytes, bytes.length, null, Optional.of(contentTag));
    }

    /**
     * A tagged representation whose gzip form {@code gzip} makes (on first ask): for bodies that keep
     * their compressed parts across versions; it must give a gzip member of {@code bytes}.
     */
    public static Representation tagged(byte[] bytes, String contentTag, Supplier<byte[]> gzip) {
        return new Representation(bytes, bytes.length, null, Optional.of(contentTag), gzip);
    }

    /**
     * A tagged representation to be kept for many requests: above {@link #KEEP_IDENTITY_MAX_BYTES}
     * compressed now and kept only gzipped ({@code bytes} can go once this returns).
     */
    public static Representation kept(byte[] bytes, String contentTag) {
        return bytes.length > KEEP_IDENTITY_MAX_BYTES ? kept(out -> out.write(bytes), contentTag) : tagged(bytes, contentTag);
    }

    /**
     * {@link #kept(byte[], String)} for a body written by {@code body} rather than given: a big one is
     * compressed as it is written, so its identity bytes are never all in memory (83 MB for a full
     * cost map at 1,700 PIDs, twice that while a growing buffer is copied).
     */
    public static Representation kept(BodyWriter body, String contentTag) {
        KeptBody kept = new KeptBody();
        try {
            body.writeTo(kept);
            return kept.finish(Optional.of(contentTag));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /**
     * A tagged representation kept gzipped only, from a gzip form made elsewhere (a full map
     * assembled from compressed row segments) and the length of the identity bytes it inflates to.
     */
    public static Representation compressed(byte[] gzip, int identityLength, String contentTag) {
        return new Representation(null, identityLength, gzip, Optional.of(contentTag));
    }

    /** Writes a body; the stream it is given may be closed, or not. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Holds what is written up to {@link #KEEP_IDENTITY_MAX_BYTES}; beyond, only the gzip of it all. */
    private static final class KeptBody extends OutputStream {
        private ByteArrayOutputStream identity = new ByteArrayOutputStream(4096);
        private ByteArrayOutputStream gzipped;
        private GZIPOutputStream zip;
        private long length;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) throws IOException {
            length += count;
            if (zip == null && length > KEEP_IDENTITY_MAX_BYTES) {
                gzipped = new ByteArrayOutputStream(KEEP_IDENTITY_MAX_BYTES);
                zip = new GZIPOutputStream(gzipped, 64 * 1024);
                identity.writeTo(zip);
                identity = null;
            }
            if (zip == null) {
                identity.write(bytes, offset, count);
            } else {
                zip.write(bytes, offset, count);
            }
        }

        @Override
        public void close() {
            // Nothing to release; finish() makes the representation whether the writer closed or not.
        }

        Representation finish(Optional<String> etag) throws IOException {
            if (zip == null) {
                return new Representation(identity.toByteArray(), (int) length, null, etag);
            }
            if (length > Integer.MAX_VALUE) {
                throw new IllegalStateException("a body of " + length + " bytes is more than one array holds");
            }
            zip.finish();
            return new Representation(null, (int) length, gzipped.toByteArray(), etag);
        }
    }

    /**
     * The identity bytes. Of a representation kept gzipped only, a new array inflated from the gzip
     * form, for the rare whole-body uses (signing, an update stream's full map); HTTP answers stream
     * them with {@link #open} instead.
     */
    public byte[] identity() {
        if (identity != null) {
            return identity;
        }
        try (InputStream in = open(false)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("inflating in memory cannot fail", e);
        }
    }

    /** The body's length in one coding, without inflating anything. */
    public int length(boolean gzip) {
        return gzip ? gzipped().length : identityLength;
    }

    /** The body in one coding as a stream: the kept bytes, or the gzip form inflated as it is read. */
    public InputStream open(boolean gzip) {
        if (gzip) {
            return new ByteArrayInputStream(gzipped());
        }
        if (identity != null) {
            return new ByteArrayInputStream(identity);
        }
        try {
            return new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("a gzip form made here is well-formed", e);
        }
    }

    public Optional<String> etag() {
        return etag;
    }

    public boolean worthCompressing() {
        return identityLength >= GZIP_THRESHOLD_BYTES;
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
        // JSON maps shrink three- to fourfold: sized for that, the buffer need not grow and copy.
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
