package io.altokit.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU time of the benchmark ECS answer ({@link EndpointCostBenchmark#endpointCost()}) in two
 * builds side by side, for a before/after comparison on a shared machine: each build's benchmark jar
 * is loaded in its own class loader in this one JVM, blocks of answers from the two alternate after a
 * warm-up of both ({@link AlternatingBlocks}: the thread's own CPU time, not wall time). Prints per privacy setting the median microseconds per answer and the after/before
 * ratio. Builds before the bench module moved to {@code io.altokit.bench} are found under
 * {@code io.altokit.server}.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.altokit.bench.EcsCpuBeforeAfter BEFORE.jar AFTER.jar
 * REQUEST_FILE [blocks] [privacy,...]}
 */
public final class EcsCpuBeforeAfter {
    private static final int WARMUP_ANSWERS = 100_000;
    private static final int ANSWERS_PER_BLOCK = 5_000;

    private EcsCpuBeforeAfter() {
    }

    public static void main(String[] args) throws Exception {
        Path before = Path.of(args[0]);
        Path after = Path.of(args[1]);
        String requestFile = args[2];
        int blocks = args.length > 3 ? Integer.parseInt(args[3]) : 21;
        List<String> privacies = List.of((args.length > 4 ? args[4] : "none,ordinal-only,budget").split(","));
        for (String privacy : privacies) {
            Answerer old = Answerer.load(before, requestFile, privacy);
            Answerer now = Answerer.load(after, requestFile, privacy);
            AlternatingBlocks.Medians medians = AlternatingBlocks.measure(old::answer, now::answer, WARMUP_ANSWERS,
                    blocks, ANSWERS_PER_BLOCK);
            double oldMedian = medians.first();
            double newMedian = medians.second();
            System.out.printf(Locale.ROOT, "privacy=%s: CPU per ECS answer, median of %d alternating blocks of %d: "
                    + "before %.2f µs, after %.2f µs, after/before %.3f%n", privacy, blocks, ANSWERS_PER_BLOCK,
                    oldMedian, newMedian, newMedian / oldMedian);
        }
    }

    /** One build's EndpointCostBenchmark, set up for one privacy setting, signing off. */
    private record Answerer(Object benchmark, Method endpointCost) {

        static Answerer load(Path jar, String requestFile, String privacy) throws Exception {
            ClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> type = benchmarkClass(loader);
            Object benchmark = type.getConstructor().newInstance();
            type.getField("requestFile").set(benchmark, requestFile);
            type.getField("privacy").set(benchmark, privacy);
            type.getField("signing").set(benchmark, "off");
            type.getMethod("setUp").invoke(benchmark);
            return new Answerer(benchmark, type.getMethod("endpointCost"));
        }

        private static Class<?> benchmarkClass(ClassLoader loader) throws ClassNotFoundException {
            List<ClassNotFoundException> misses = new ArrayList<>();
            for (String name : List.of("io.altokit.bench.EndpointCostBenchmark", "io.altokit.server.EndpointCostBenchmark")) {
                try {
                    return Class.forName(name, true, loader);
                } catch (ClassNotFoundException e) {
                    misses.add(e);
                }
            }
            throw misses.getFirst();
        }

        /** The size of one ECS answer (so that it is computed and used). */
        int answer() {
            try {
                return ((Map<?, ?>) endpointCost.invoke(benchmark)).size();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the benchmark's endpointCost failed", e);
            }
        }
    }
}
