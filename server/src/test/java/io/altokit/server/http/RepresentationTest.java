package io.altokit.server.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Representations given compressed: small ones kept in both forms, big ones gzipped only, identity given back byte for byte. */
class RepresentationTest {

    /** JSON-like bytes that compress as a cost map does. */
    private static byte[] body(int bytes) {
        StringBuilder json = new StringBuilder("{");
        for (int cell = 0; json.length() < bytes; cell++) {
            json.append("\"pid").append(cell % 1700).append("\":").append((cell * 7919L) % 100_000 / 10.0).append(',');
        }
        return json.substring(0, bytes).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aSmallBodyGivenCompressedKeepsItsIdentityBytesToo() throws IOException {
        byte[] bytes = body(Representation.KEEP_IDENTITY_MAX_BYTES);
        Representation kept = Representation.compressed(Representation.of(bytes).gzipped(), bytes.length, "tag");

        assertThat(kept.identity()).isEqualTo(bytes).isSameAs(kept.identity());
        assertThat(kept.length(false)).isEqualTo(bytes.length);
        assertThat(kept.open(false).readAllBytes()).isEqualTo(bytes);
        assertThat(gunzip(kept.gzipped())).isEqualTo(bytes);
        assertThat(kept.etag()).contains("tag");
    }

    @Test
    void aBigBodyGivenCompressedIsKeptGzippedAndInflatedOnDemand() throws IOException {
        byte[] bytes = body(3 * Representation.KEEP_IDENTITY_MAX_BYTES + 5);
        byte[] gzip = Representation.of(bytes).gzipped();
        Representation kept = Representation.compressed(gzip, bytes.length, "tag");

        assertThat(kept.length(false)).isEqualTo(bytes.length);
        assertThat(kept.length(true)).isEqualTo(gzip.length).isLessThan(bytes.length / 2);
        assertThat(kept.gzipped()).isSameAs(gzip);
        assertThat(kept.open(false).readAllBytes()).isEqualTo(bytes);
        assertThat(kept.open(true).readAllBytes()).isEqualTo(gzip);
        assertThat(kept.worthCompressing()).isTrue();
        assertThat(kept.etag()).contains("tag");
    }

    @Test
    void aBigBodysInflatedBytesAreSharedWhileSomeoneHoldsThem() {
        byte[] bytes = body(3 * Representation.KEEP_IDENTITY_MAX_BYTES + 5);
        Representation kept = Representation.compressed(Representation.of(bytes).gzipped(), bytes.length, "tag");

        byte[] held = kept.identity();
        assertThat(held).isEqualTo(bytes);
        assertThat(kept.identity()).as("inflated once for callers at about the same time").isSameAs(held);
    }

    @Test
    void anotherTagSharesBothForms() {
        byte[] bytes = body(3 * Representation.KEEP_IDENTITY_MAX_BYTES + 5);
        Representation kept = Representation.compressed(Representation.of(bytes).gzipped(), bytes.length, "tag");
        Representation small = Representation.of(body(4096));

        Representation retagged = kept.withTag("edge");
        assertThat(retagged.etag()).contains("edge");
        assertThat(retagged.gzipped()).isSameAs(kept.gzipped());
        assertThat(retagged.length(false)).isEqualTo(bytes.length);
        Representation smallRetagged = small.withTag("edge");
        assertThat(smallRetagged.identity()).isSameAs(small.identity());
        assertThat(smallRetagged.gzipped()).as("the gzip form made once, for both").isSameAs(small.gzipped());
    }
}
