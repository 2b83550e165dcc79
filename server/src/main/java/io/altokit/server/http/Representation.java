package io.altokit.server.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Response bytes plus, computed at most once, their gzip form. Full maps keep one instance per
 * snapshot, so each is serialized and compressed once no matter how many clients fetch it.
 *
 * <p>A big full map is kept compressed only ({@link #compressed}): at 1,700 PIDs the six cost maps
 * are 272 MB as JSON and 60 MB gzipped, and keeping both made them most of the heap. A client that
 * does not take gzip gets those bytes inflated as they are written ({@link #open}).
 */
public final class Representation {
    /** Below about one packet, compressing costs more than it saves. */
    static final int GZIP_THRESHOLD_BYTES = 1400;
    /**
     * Bodies given compressed above this size are kept gzipped only. Inflating costs a few milliseconds a
     * megabyte per identity request, paid only by clients that do not take gzip.
     */
    static final int KEEP_IDENTITY_MAX_BYTES = 1 << 20;

    /** The bytes in both forms, shared by every tag they are served under ({@link #withTag}). */
    private static final class Body {
        /** The identity bytes, or null when only the gzip form is kept. */
        private final byte[] identity;
        private final int identityLength;
        private volatile byte[] gzipped;
        /**
         * Of a body kept gzipped only, the identity bytes last inflated, while anyone still holds them:
         * update streams opening with a stale tag in a burst (clients back after a restart) then share
         * one inflated copy instead of inflating tens of MB each.
         */
        private volatile WeakReference<byte[]> inflated = new WeakReference<>(null);

        private Body(byte[] identity, int identityLength, byte[] gzipped) {
            this.identity = identity;
            this.identityLength = identityLength;
            this.gzipped = gzipped;
        }
    }

    private final Body body;
    private final Optional<String> etag;

    private Representation(Body body, Optional<String> etag) {
        this.body = body;
        this.etag = etag;
    }

    public static Representation of(byte[] bytes) {
        return new Representation(new Body(bytes, bytes.length, null), Optional.empty());
    }

    /** A cacheable representation whose strong ETag derives from a content hash (the vtag). */
    public static Representation tagged(byte[] bytes, String contentTag) {
        return new Representation(new Body(bytes, bytes.length, null), Optional.of(contentTag));
    }

    /**
     * A tagged representation from a gzip form made elsewhere (a full map assembled from compressed
     * segments) and the length of the identity bytes it inflates to: above {@link
     * #KEEP_IDENTITY_MAX_BYTES} kept gzipped only; a smaller one is inflated now and kept in both forms,
     * so answering it stays a copy, as for any small body.
     */
    public static Representation compressed(byte[] gzip, int identityLength, String contentTag) {
        Representation kept = new Representation(new Body(null, identityLength, gzip), Optional.of(contentTag));
        return identityLength > KEEP_IDENTITY_MAX_BYTES ? kept
                : new Representation(new Body(kept.identity(), identityLength, gzip), Optional.of(contentTag));
    }

    /**
     * The same bytes under another strong ETag: one resource's representation served at another URI,
     * such as a full map as a TIPS snapshot edge. Both forms stay shared: the gzip form is made once,
     * whichever of them is asked for it first.
     */
    public Representation withTag(String contentTag) {
        return new Representation(body, Optional.of(contentTag));
    }

    /**
     * The identity bytes, not to be changed. Of a representation kept gzipped only, inflated from the
     * gzip form for the rare whole-body uses (signing, an update stream's full map), and shared with
     * the next caller while anyone still holds them; HTTP answers stream them with {@link #open} instead.
     */
    public byte[] identity() {
        if (body.identity != null) {
            return body.identity;
        }
        byte[] shared = body.inflated.get();
        if (shared == null) {
            try (InputStream in = open(false)) {
                shared = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("inflating in memory cannot fail", e);
            }
            body.inflated = new WeakReference<>(shared);
        }
        return shared;
    }

    /** The body's length in one coding, without inflating anything. */
    public int length(boolean gzip) {
        return gzip ? gzipped().length : body.identityLength;
    }

    /** The body in one coding as a stream: the kept bytes, or the gzip form inflated as it is read. */
    public InputStream open(boolean gzip) {
        if (gzip) {
            return new ByteArrayInputStream(gzipped());
        }
        if (body.identity != null) {
            return new ByteArrayInputStream(body.identity);
        }
        try {
            return new GZIPInputStream(new ByteArrayInputStream(body.gzipped), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("a gzip form made here is well-formed", e);
        }
    }

    public Optional<String> etag() {
        return etag;
    }

    public boolean worthCompressing() {
        return body.identityLength >= GZIP_THRESHOLD_BYTES;
    }

    public byte[] gzipped() {
        byte[] result = body.gzipped;
        if (result == null) {
            result = gzip(body.identity);
            body.gzipped = result;
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
