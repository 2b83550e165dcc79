package io.altokit.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * CPU time per ECS answer through the Dispatcher, signing off and on, measured as the thread's own
 * CPU time ({@link ThreadMXBean}) rather than wall time, so that other processes on a shared machine
 * do not count. Blocks of off and on alternate, after a long warm-up of both; prints the median
 * microseconds per answer of each and their ratio. Same request and setup as {@link EndpointCostBenchmark}.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.altokit.server.SigningCpuCost [blocks] [requestFile]}
 */
public final class SigningCpuCost {
    private static final int WARMUP_ANSWERS = 60_000;
    private static final int ANSWERS_PER_BLOCK = 4_000;

    private SigningCpuCost() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String requestFile = args.length > 1 ? args[1] : "bench/target/ecs/ecs-request.json";
        EndpointCostBenchmark off = benchmark(requestFile, "off");
        EndpointCostBenchmark on = benchmark(requestFile, "on");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        run(off, WARMUP_ANSWERS, threads);
        run(on, WARMUP_ANSWERS, threads);
        double[] offMicros = new double[blocks];
        double[] onMicros = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            offMicros[b] = run(off, ANSWERS_PER_BLOCK, threads);
            onMicros[b] = run(on, ANSWERS_PER_BLOCK, threads);
        }
        double offMedian = median(offMicros);
        double onMedian = median(onMicros);
        System.out.printf(Locale.ROOT, "ECS answer CPU time, median of %d blocks of %d: unsigned %.1f µs, signed %.1f µs, "
                + "signing adds %.1f µs (%.1fx)%n", blocks, ANSWERS_PER_BLOCK, offMedian, onMedian, onMedian - offMedian,
                onMedian / offMedian);
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
    private static double run(EndpointCostBenchmark benchmark, int answers, ThreadMXBean threads) {
        long sink = 0;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < answers; i++) {
            sink += benchmark.endpointCost().size();
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
