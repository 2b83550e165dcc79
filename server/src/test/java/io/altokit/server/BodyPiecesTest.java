package io.altokit.server;

import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.server.http.Representation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.stream.ChunkedWriteHandler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Big bodies leave in pieces of at most 64 KiB, the same bytes whole, in either coding. */
class BodyPiecesTest {

    private static List<ByteBuf> written(BodyPieces pieces) {
        EmbeddedChannel channel = new EmbeddedChannel(new ChunkedWriteHandler());
        channel.writeAndFlush(pieces);
        List<ByteBuf> out = new ArrayList<>();
        for (ByteBuf piece = channel.readOutbound(); piece != null; piece = channel.readOutbound()) {
            out.add(piece);
        }
        channel.finishAndReleaseAll();
        return out;
    }

    private static byte[] joined(List<ByteBuf> pieces) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        pieces.forEach(piece -> {
            all.writeBytes(ByteBufUtil.getBytes(piece));
            piece.release();
        });
        return all.toByteArray();
    }

    @Test
    void aKeptBodyIsWrittenInPiecesInEitherCoding() {
        byte[] bytes = new byte[5 * BodyPieces.PIECE_BYTES * 4 + 123];
        Random random = new Random(16);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('0' + random.nextInt(10)); // compressible, as JSON digits are
        }
        Representation kept = Representation.compressed(Representation.of(bytes).gzipped(), bytes.length, "tag");

        List<ByteBuf> identity = written(new BodyPieces(kept, false));
        assertThat(identity).allSatisfy(piece -> assertThat(piece.readableBytes()).isLessThanOrEqualTo(BodyPieces.PIECE_BYTES));
        assertThat(identity).hasSize(21);
        assertThat(joined(identity)).isEqualTo(bytes);

        List<ByteBuf> gzip = written(new BodyPieces(kept, true));
        assertThat(gzip).allSatisfy(piece -> assertThat(piece.readableBytes()).isLessThanOrEqualTo(BodyPieces.PIECE_BYTES));
        assertThat(joined(gzip)).isEqualTo(kept.gzipped());
    }

    @Test
    void aFullCostMapOfManyPiecesArrivesWholeOverHttpInEitherCoding() throws Exception {
        int pids = 300;
        List<String> names = IntStream.range(0, pids).mapToObj(pid -> String.format("pid%03d", pid)).toList();
        Snapshot.Builder builder = Snapshot.builder();
        double[][] costs = new double[pids][pids];
        for (int i = 0; i < pids; i++) {
            builder.pid(names.get(i), List.of(IpPrefix.parse("10." + i / 256 + "." + i % 256 + ".0/24")));
            for (int j = 0; j < pids; j++) {
                costs[i][j] = i * pids + j + 0.5;
            }
        }
        builder.costs("routingcost", names, costs);
        try (ServerFixture fixture = new ServerFixture(ServerConfig.defaults().withPort(0), builder.build())) {
            HttpResponse<byte[]> identity = fixture.get("/costmap/num-routingcost");
            HttpResponse<byte[]> gzip = fixture.get("/costmap/num-routingcost", "Accept-Encoding", "gzip");
            HttpResponse<byte[]> head = fixture.send(HttpRequest.newBuilder(fixture.uri("/costmap/num-routingcost"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));

            assertThat(identity.body().length).as("big enough to be kept gzipped only").isGreaterThan(1 << 20);
            assertThat(identity.headers().firstValue("content-length")).contains(Integer.toString(identity.body().length));
            assertThat(gzip.headers().firstValue("content-encoding")).contains("gzip");
            assertThat(gzip.headers().firstValue("content-length")).contains(Integer.toString(gzip.body().length));
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
                assertThat(in.readAllBytes()).isEqualTo(identity.body());
            }
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValue("content-length")).contains(Integer.toString(identity.body().length));
            var map = ServerFixture.json(identity).path("cost-map");
            assertThat(map.path("pid299").path("pid298").asDouble()).isEqualTo(299 * pids + 298.5);
            assertThat(map.path("pid000").path("pid001").asDouble()).isEqualTo(1.5);
        }
    }
}
