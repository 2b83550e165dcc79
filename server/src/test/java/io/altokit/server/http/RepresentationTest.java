package io.altokit.server.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Kept representations: small ones as they are, big ones gzipped only, identity given back byte for byte. */
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
    void aSmallKeptBodyKeepsItsIdentityBytes() throws IOException {
        byte[] bytes = body(Representation.KEEP_IDENTITY_MAX_BYTES);
        Representation kept = Representation.kept(bytes, "tag");

        assertThat(kept.identity()).isSameAs(bytes);
        assertThat(kept.length(false)).isEqualTo(bytes.length);
        assertThat(kept.open(false).readAllBytes()).isEqualTo(bytes);
        assertThat(gunzip(kept.gzipped())).isEqualTo(bytes);
        assertThat(kept.etag()).contains("tag");
    }

    @Test
    void aBigKeptBodyIsKeptGzippedAndInflatedOnDemand() throws IOException {
        byte[] bytes = body(3 * Representation.KEEP_IDENTITY_MAX_BYTES + 5);
        Representation kept = Representation.kept(bytes, "tag");

        assertThat(kept.length(false)).isEqualTo(bytes.length);
        assertThat(kept.length(true)).isEqualTo(kept.gzipped().length).isLessThan(bytes.length / 2);
        assertThat(gunzip(kept.gzipped())).isEqualTo(bytes);
        assertThat(kept.open(false).readAllBytes()).isEqualTo(bytes);
        assertThat(kept.open(true).readAllBytes()).isEqualTo(kept.gzipped());
        assertThat(kept.identity()).isEqualTo(bytes).isNotSameAs(bytes);
        assertThat(kept.worthCompressing()).isTrue();
        assertThat(kept.etag()).contains("tag");
    }

    @Test
    void aBodyWrittenInPiecesAcrossTheLimitIsTheSameAsOneGivenWhole() throws IOException {
        byte[] bytes = body(2 * Representation.KEEP_IDENTITY_MAX_BYTES + 999);
        Representation written = Representation.kept(out -> {
            for (int offset = 0; offset < bytes.length; offset += 1000) {
                out.write(bytes, offset, Math.min(1000, bytes.length - offset));
            }
            out.close();
        }, "tag");
        Representation small = Representation.kept(out -> out.write(bytes, 0, 1000), "tag");

        assertThat(written.length(false)).isEqualTo(bytes.length);
        assertThat(written.identity()).isEqualTo(bytes);
        assertThat(gunzip(written.gzipped())).isEqualTo(bytes);
        assertThat(small.identity()).hasSize(1000).isEqualTo(Arrays.copyOf(bytes, 1000));
    }
}
