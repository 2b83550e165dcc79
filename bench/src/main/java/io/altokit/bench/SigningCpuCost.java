package io.altokit.bench;

import io.altokit.server.Dispatcher;
import io.altokit.server.HttpHandler;
import io.altokit.server.http.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * CPU time per answer, signing off and on, measured as the thread's own CPU time
 * ({@link ThreadMXBean}) rather than wall time, so that other processes on a shared machine do not
 * count: the benchmark ECS answer through the Dispatcher (same request and setup as
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
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        run(unsigned, WARMUP_ANSWERS, threads);
        run(signed, WARMUP_ANSWERS, threads);
        double[] offMicros = new double[blocks];
        double[] onMicros = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            offMicros[b] = run(unsigned, answersPerBlock, threads);
            onMicros[b] = run(signed, answersPerBlock, threads);
        }
        double offMedian = median(offMicros);
        double onMedian = median(onMicros);
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

    /** CPU microseconds per answer over {@code answers} answers. */
    private static double run(IntSupplier answer, int answers, ThreadMXBean threads) {
        long sink = 0;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < answers; i++) {
            sink += answer.getAsInt();
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        if (sink < 0) {
            throw new AssertionError(); // keeps the answers alive
        }
        return cpu / 1e3 / answers;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
