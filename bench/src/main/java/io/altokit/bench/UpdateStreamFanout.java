package io.altokit.bench;

import io.altokit.core.InformationBase;
import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * RFC 8895 fan-out: N update streams follow one full cost map of a P-PID network; one cost cell
 * changes; how big is the event each subscriber gets, and how long from the publication until the
 * last subscriber has read all of it. Also the heap and threads that idle streams cost. The
 * subscribers are {@link SseSubscribers}, which add no thread per stream on the client side either.
 * In-process; {@link SseFanoutLoad} does the same against a running {@code alto serve}. The clock starts at {@code InformationBase.publish} (the snapshot is
 * built before), so it covers the change set, the catalogs, the patch and the writes.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.altokit.bench.UpdateStreamFanout [subscribers] [pids]}
 */
public final class UpdateStreamFanout {
    private static final int ROUNDS = 5;
    private static final String PARAMS = "{\"add\":{\"rc\":{\"resource-id\":\"costmap-num-routingcost\"}}}";
    private static final Duration WAIT = Duration.ofMinutes(5);

    public static void main(String[] args) throws Exception {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int pids = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Snapshot snapshot = network(pids, new SplittableRandom(7));
        InformationBase base = new InformationBase(snapshot);
        try (AltoServer server = AltoServer.start(ServerConfig.defaults().withPort(0), base)) {
            long heapBefore = usedHeap();
            int threadsBefore = Thread.getAllStackTraces().size();
            try (SseSubscribers streams = SseSubscribers.open(server.address(), subscribers, PARAMS)) {
                List<SseSubscribers.Subscriber> all = streams.all();
                // Three blocks: the response head, the control event, the full cost map.
                streams.readUntil(3, WAIT);
                long fullBytes = all.getFirst().bytes;
                long heapAfter = usedHeap();
                int threadsAfter = Thread.getAllStackTraces().size();
                System.out.printf("subscribers=%d pids=%d full-event+head bytes=%d%n", subscribers, pids, fullBytes);
                // Each round changes one more cell; the first rounds include warm-up (class loading, JIT).
                for (int round = 1; round <= ROUNDS; round++) {
                    all.forEach(subscriber -> subscriber.bytes = 0);
                    Snapshot next = base.current().toBuilder().cost("routingcost", "pid0", "pid1", 4000 + round).build();
                    long start = System.nanoTime();
                    base.publish(next);
                    streams.readUntil(3 + round, WAIT);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    System.out.printf("round %d, one changed cell: event bytes per subscriber=%d (min %d), publish to last subscriber=%d ms%n",
                            round, all.stream().mapToLong(s -> s.bytes).max().orElseThrow(),
                            all.stream().mapToLong(s -> s.bytes).min().orElseThrow(), millis);
                }
                System.out.printf("idle streams: heap %.1f KiB per stream (server and client sockets together), threads %d -> %d%n",
                        (heapAfter - heapBefore) / 1024.0 / subscribers, threadsBefore, threadsAfter);
            }
        }
    }

    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** {@code pids} PIDs, one /24 each, every pair costed. */
    private static Snapshot network(int pids, SplittableRandom random) {
        Snapshot.Builder builder = Snapshot.builder();
        for (int pid = 0; pid < pids; pid++) {
            builder.pid(SyntheticNetwork.pidName(pid), List.of(IpPrefix.parse("10." + (pid >> 8) + "." + (pid & 255) + ".0/24")));
        }
        for (int src = 0; src < pids; src++) {
            for (int dst = 0; dst < pids; dst++) {
                builder.cost("routingcost", SyntheticNetwork.pidName(src), SyntheticNetwork.pidName(dst), random.nextInt(1, 1000));
            }
        }
        return builder.build();
    }
}
