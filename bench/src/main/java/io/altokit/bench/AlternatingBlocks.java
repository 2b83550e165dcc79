package io.altokit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * Two ways of answering compared by the thread's own CPU time ({@link ThreadMXBean}) rather than wall
 * time, so that other processes on a shared machine do not count: after a warm-up of both, blocks of
 * the one and the other alternate, and the median microseconds per answer of each are kept.
 */
final class AlternatingBlocks {

    /** Median CPU microseconds per answer of the first and the second way. */
    record Medians(double first, double second) {
    }

    private AlternatingBlocks() {
    }

    static Medians measure(IntSupplier first, IntSupplier second, int warmupAnswers, int blocks, int answersPerBlock) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        cpuMicros(first, warmupAnswers, threads);
        cpuMicros(second, warmupAnswers, threads);
        double[] firstMicros = new double[blocks];
        double[] secondMicros = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            firstMicros[b] = cpuMicros(first, answersPerBlock, threads);
            secondMicros[b] = cpuMicros(second, answersPerBlock, threads);
        }
        return new Medians(median(firstMicros), median(secondMicros));
    }

    /** CPU microseconds per answer over {@code answers} answers. */
    private static double cpuMicros(IntSupplier answer, int answers, ThreadMXBean threads) {
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
