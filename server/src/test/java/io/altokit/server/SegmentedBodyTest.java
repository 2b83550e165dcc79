package io.altokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A segmented body is kept as one gzip form which, whether compressed whole or assembled from a
 * previous version's compressed segments, inflates to exactly the concatenation of its segments with
 * the JDK's reader and with gzip(1).
 */
class SegmentedBodyTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void replacedSegmentsGiveTheBytesAndAGzipThatInflatesToThem(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] segments = new byte[60][];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = segment(random);
        }
        SegmentedBody body = SegmentedBody.of(segments);
        assertThat(inflate(body.gzipped())).isEqualTo(concatenation(segments));
        assertThat(body.length()).isEqualTo(concatenation(segments).length);

        for (int step = 0; step < 20; step++) {
            byte[][] replacements = new byte[segments.length][];
            for (int changes = random.nextInt(1, 5); changes > 0; changes--) {
                int i = random.nextInt(segments.length);
                replacements[i] = segment(random);
                segments[i] = replacements[i];
            }
            body = body.with(replacements);
            assertThat(inflate(body.gzipped())).as("step %d", step).isEqualTo(concatenation(segments));
            assertThat(body.length()).as("step %d", step).isEqualTo(concatenation(segments).length);
        }
        assertThat(gunzip(body.gzipped())).as("gzip -d").isEqualTo(concatenation(segments));
    }

    @Test
    void aDerivedBodyIsCompressedFromItsPredecessor() throws IOException {
        byte[] row = "\"pid1\":{\"pid1\":0,\"pid2\":12.5,\"pid3\":7}".repeat(200).getBytes(StandardCharsets.US_ASCII);
        SegmentedBody before = SegmentedBody.of(new byte[][] {"{".getBytes(StandardCharsets.US_ASCII), row, row, "}".getBytes(StandardCharsets.US_ASCII)});
        byte[] gzipBefore = before.gzipped();

        byte[] sameLength = row.clone();
        sameLength[4] = '9'; // "pid9": same length, another CRC
        SegmentedBody same = before.with(new byte[][] {null, row.clone(), null, null});
        SegmentedBody changed = before.with(new byte[][] {null, null, "\"x\":1".getBytes(StandardCharsets.US_ASCII), null});
        SegmentedBody changedInPlace = before.with(new byte[][] {null, sameLength, null, null});

        assertThat(same.gzipped()).as("an equal replacement is no change").isEqualTo(gzipBefore);
        byte[] gzipChanged = changed.gzipped();
        assertThat(gzipChanged.length).isLessThan(gzipBefore.length);
        assertThat(inflate(gzipChanged)).isEqualTo(concatenation(new byte[][] {
                "{".getBytes(StandardCharsets.US_ASCII), row, "\"x\":1".getBytes(StandardCharsets.US_ASCII), "}".getBytes(StandardCharsets.US_ASCII)}));
        assertThat(inflate(changedInPlace.gzipped())).isEqualTo(concatenation(new byte[][] {
                "{".getBytes(StandardCharsets.US_ASCII), sameLength, row, "}".getBytes(StandardCharsets.US_ASCII)}));
    }

    @Test
    void emptySegmentsAndAnEmptyBodyAreValidGzip() throws Exception {
        SegmentedBody empty = SegmentedBody.of(new byte[][] {new byte[0], new byte[0]});
        assertThat(inflate(empty.gzipped())).isEmpty();
        assertThat(gunzip(empty.with(new byte[][] {new byte[0], "[]".getBytes(StandardCharsets.US_ASCII)}).gzipped()))
                .isEqualTo("[]".getBytes(StandardCharsets.US_ASCII));
    }

    /** Compressible text (a cost row's shape) or random bytes, sometimes none, sometimes bigger than a deflate buffer. */
    private static byte[] segment(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> new byte[0];
            case 1 -> {
                byte[] noise = new byte[random.nextInt(1, 100_000)];
                random.nextBytes(noise);
                yield noise;
            }
            default -> {
                StringBuilder row = new StringBuilder(",\"pid" + random.nextInt(1000) + "\":{");
                for (int dst = random.nextInt(1, 3000); dst > 0; dst--) {
                    row.append("\"pid").append(dst).append("\":").append(random.nextInt(3000) / 10.0).append(',');
                }
                yield row.append('}').toString().getBytes(StandardCharsets.US_ASCII);
            }
        };
    }

    private static byte[] concatenation(byte[][] segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] segment : segments) {
            out.writeBytes(segment);
        }
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    /** Through gzip(1), which checks the CRC and length as well. */
    private static byte[] gunzip(byte[] gzip) throws Exception {
        Process process = new ProcessBuilder("gzip", "-d", "-c").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = process.getInputStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (OutputStream in = process.getOutputStream()) {
                in.write(gzip);
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("gzip -d ends").isTrue();
            assertThat(process.exitValue()).as("gzip -d exit status").isZero();
            return output.get(30, TimeUnit.SECONDS);
        } finally {
            process.destroyForcibly();
        }
    }
}
