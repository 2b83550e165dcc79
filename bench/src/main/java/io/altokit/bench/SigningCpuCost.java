package io.altokit.bench;

import io.altokit.server.Dispatcher;
import io.altokit.server.HttpHandler;
import io.altokit.server.http.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;

import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * CPU time per answer, signing off and on, measured as the thread's own CPU time in alternating
 * blocks ({@link AlternatingBlocks}): the benchmark ECS answer through the Dispatcher (same request and setup as
 * {@link EndpointCostBenchmark}), and GET /networkmap through the Dispatcher and into HTTP/1.1 bytes
 * (Netty's response encoder), where the reused signature's cost is its three header fields. Blocks of
 * off and on alternate, after a long warm-up of both; prints the median microseconds per answer.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.altokit.bench.SigningCpuCost [blocks] [requestFile]}
 */
public final class SigningCpuCost {
    private static final int WARMUP_ANSWERS = 60_000;
    private static final int ANSWERS_PER_BLOCK = 4_000;
    private static final int MAP_ANSWERS_PER_BLOCK = 40_000;

    private SigningCpuCost() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String requestFile = args.length > 1 ? args[1] : "bench/target/ecs/ecs-request.json";
        EndpointCostBenchmark off = benchmark(requestFile, "off");
        EndpointCostBenchmark on = benchmark(requestFile, "on");
        compare("ECS answer", blocks, ANSWERS_PER_BLOCK, () -> off.endpointCost().size(), () -> on.endpointCost().size());
        EmbeddedChannel offWire = new EmbeddedChannel(new HttpResponseEncoder());
        EmbeddedChannel onWire = new EmbeddedChannel(new HttpResponseEncoder());
        compare("GET /networkmap into HTTP bytes", blocks, MAP_ANSWERS_PER_BLOCK,
                () -> encode(offWire, off.networkMapReply()), () -> encode(onWire, on.networkMapReply()));
    }

    private static void compare(String what, int blocks, int answersPerBlock, IntSupplier unsigned, IntSupplier signed) {
        AlternatingBlocks.Medians medians = AlternatingBlocks.measure(unsigned, signed, WARMUP_ANSWERS, blocks, answersPerBlock);
        double offMedian = medians.first();
        double onMedian = medians.second();
        System.out.printf(Locale.ROOT, "%s, CPU time, median of %d blocks of %d: unsigned %.2f µs, signed %.2f µs, "
                + "signing adds %.2f µs (%.2fx)%n", what, blocks, answersPerBlock, offMedian, onMedian,
                onMedian - offMedian, onMedian / offMedian);
    }

    /** The answer as the server writes it: status line, header fields and body, in bytes. */
    private static int encode(EmbeddedChannel wire, Reply reply) {
        wire.writeOutbound(HttpHandler.toResponse(reply, false, false));
        int bytes = 0;
        for (ByteBuf out = wire.readOutbound(); out != null; out = wire.readOutbound()) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }

    private static EndpointCostBenchmark benchmark(String requestFile, String signing) throws Exception {
        EndpointCostBenchmark benchmark = new EndpointCostBenchmark();
        benchmark.requestFile = requestFile;
        benchmark.privacy = "none";
        benchmark.signing = signing;
        benchmark.setUp();
        return benchmark;
    }
}
