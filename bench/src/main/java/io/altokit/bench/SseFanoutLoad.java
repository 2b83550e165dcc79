package io.altokit.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 8895 fan-out against a running {@code alto serve} (bench/updates/fanout.sh): N update streams
 * follow one full cost map, each subscribing with the map's current tag (its ETag, taken by the
 * script from one GET) so that none downloads the full map first (RFC 8895 section 6.7); then one
 * cell of a resource pool file (CSV) changes on disk, as an operator's tool would change it (written
 * aside, renamed over the file), and each subscriber's next event is measured: its bytes, and the
 * time from the rename to the last subscriber having read all of it. The server's heap (live, after
 * a full collection) and threads are read before and after the subscribers connect: the idle cost
 * per subscriber.
 *
 * <pre>
 * java -cp altokit.jar:classes io.altokit.bench.SseFanoutLoad HOST PORT RESOURCE TAG SUBSCRIBERS POOL_CSV ROW SERVER_PID OPEN HELD
 * </pre>
 * The streams open {@code all-at-once} (as fast as connections come up) or {@code one-by-one} (each
 * once the one before has its first update: each open's own latency). {@code HELD} says whether
 * {@code TAG} is the {@code current} one (no full map first) or a {@code stale} one (each stream's
 * first update is the full map). The opening is reported apart: per stream, the time to connect, from
 * connected to the response head, from the head to the control event, and from there to the full map
 * (stale); and the CPU time the server (by thread) and this load generator used meanwhile, which
 * tells the server's cost of an open from the client's. With the current tag the same streams are
 * opened and closed once before (the server's JIT warm-up), so that the opening measured is warm.
 * The changed cell is the first value of the row {@code ROW} of {@code POOL_CSV}, plus 0.5.
 */
public final class SseFanoutLoad {
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final Pattern USED = Pattern.compile("total .*used (\\d+)K");

    public static void main(String[] args) throws Exception {
        if (args.length != 10 || !List.of("all-at-once", "one-by-one").contains(args[8])
                || !List.of("current", "stale").contains(args[9])) {
            throw new IllegalArgumentException("usage: SseFanoutLoad HOST PORT RESOURCE TAG SUBSCRIBERS POOL_CSV ROW SERVER_PID"
                    + " all-at-once|one-by-one current|stale");
        }
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        String resource = args[2];
        String tag = args[3];
        int count = Integer.parseInt(args[4]);
        Path pool = Path.of(args[5]);
        String row = args[6];
        long serverPid = Long.parseLong(args[7]);
        boolean oneByOne = args[8].equals("one-by-one");
        // The response head and the control event; with a stale tag, the full map too.
        int firstBlocks = args[9].equals("stale") ? 3 : 2;

        String params = "{\"add\":{\"rc\":{\"resource-id\":\"%s\",\"tag\":\"%s\"}}}".formatted(resource, tag);
        if (firstBlocks == 2) {
            // The server starts cold: the same streams once before, opened and closed, so that the
            // measured opening runs compiled code rather than the JIT compiling it meanwhile.
            try (SseSubscribers warmUp = SseSubscribers.open(server, count, params)) {
                warmUp.readUntil(firstBlocks, WAIT);
            }
        }
        long heapBefore = liveHeapKiB(serverPid);
        int threadsBefore = threads(serverPid);
        ThreadCpu.Reading serverBefore = ThreadCpu.of(serverPid);
        Duration clientBefore = clientCpu();
        long opening = System.nanoTime();
        try (SseSubscribers streams = oneByOne ? SseSubscribers.openOneByOne(server, count, params, firstBlocks, WAIT)
                : SseSubscribers.open(server, count, params)) {
            streams.readUntil(firstBlocks, WAIT);
            long openedAt = System.nanoTime();
            ThreadCpu.Reading serverUsed = ThreadCpu.of(serverPid).since(serverBefore);
            Duration clientUsed = clientCpu().minus(clientBefore);
            List<SseSubscribers.Subscriber> all = streams.all();
            System.out.printf("subscribed: %d streams to %s with the %s tag %s %s in %d ms, %d bytes each before any update%n",
                    count, resource, args[9], tag, oneByOne ? "one by one" : "all at once",
                    TimeUnit.NANOSECONDS.toMillis(openedAt - opening), all.getFirst().bytes);
            System.out.printf("per stream (p50/p99/max ms): connect %s, connected to response head %s, head to control event %s%s%n",
                    percentiles(all, subscriber -> subscriber.connected - subscriber.connectStart),
                    percentiles(all, subscriber -> subscriber.blockAt[0] - subscriber.connected),
                    percentiles(all, subscriber -> subscriber.blockAt[1] - subscriber.blockAt[0]),
                    firstBlocks == 3 ? ", control event to full map "
                            + percentiles(all, subscriber -> subscriber.blockAt[2] - subscriber.blockAt[1]) : "");
            System.out.printf("CPU while opening: server %s, %.3f ms per stream; this load generator %d ms%n",
                    serverUsed.describe(), serverUsed.processMillis() / (double) count, clientUsed.toMillis());
            long heapAfter = liveHeapKiB(serverPid);
            int threadsAfter = threads(serverPid);
            System.out.printf("idle cost: server live heap %d -> %d KiB (%.1f KiB per subscriber), threads %d -> %d%n",
                    heapBefore, heapAfter, (heapAfter - heapBefore) / (double) count, threadsBefore, threadsAfter);

            all.forEach(subscriber -> subscriber.bytes = 0);
            long changed = changeOneCell(pool, row);
            streams.readUntil(firstBlocks + 1, WAIT);
            List<Long> doneMillis = new ArrayList<>();
            for (SseSubscribers.Subscriber subscriber : streams.all()) {
                String event = subscriber.lastEvent();
                if (!event.startsWith("event: application/json-patch+json,rc") && !event.startsWith("event: application/merge-patch+json,rc")) {
                    throw new IOException("a subscriber's next event is not a patch of rc: " + event);
                }
                doneMillis.add(TimeUnit.NANOSECONDS.toMillis(subscriber.doneAt - changed));
            }
            LongSummaryStatistics bytes = streams.all().stream().mapToLong(subscriber -> subscriber.bytes).summaryStatistics();
            LongSummaryStatistics millis = doneMillis.stream().mapToLong(Long::longValue).summaryStatistics();
            System.out.printf("one changed cell: event bytes per subscriber %d (min %d); file renamed to first subscriber %d ms, "
                    + "to last subscriber %d ms%n", bytes.getMax(), bytes.getMin(), millis.getMin(), millis.getMax());
            System.out.println("the event: " + streams.all().getFirst().lastEvent().strip());
        }
    }

    /** Of a duration per subscriber (ns), its median, 99th percentile and maximum in ms: {@code 0.4/2.1/3.0}. */
    private static String percentiles(List<SseSubscribers.Subscriber> all, ToLongFunction<SseSubscribers.Subscriber> nanos) {
        long[] sorted = all.stream().mapToLong(nanos).sorted().toArray();
        return "%.1f/%.1f/%.1f".formatted(sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    /** The CPU time this process has used. */
    private static Duration clientCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time"));
    }

    /** Adds 0.5 to the first value of {@code row}, written aside and renamed over the file; the moment of the rename. */
    private static long changeOneCell(Path pool, String row) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(pool, StandardCharsets.UTF_8));
        int at = -1;
        for (int i = 0; i < lines.size() && at < 0; i++) {
            if (lines.get(i).startsWith(row + ",")) {
                at = i;
            }
        }
        if (at < 0) {
            throw new IOException("no row " + row + " in " + pool);
        }
        String[] cells = lines.get(at).split(",", -1);
        cells[1] = new BigDecimal(cells[1]).add(new BigDecimal("0.5")).toPlainString();
        lines.set(at, String.join(",", cells));
        Path aside = pool.resolveSibling(pool.getFileName() + ".next");
        Files.write(aside, lines, StandardCharsets.UTF_8);
        long now = System.nanoTime();
        Files.move(aside, pool, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return now;
    }

    /** The server's live heap: a full collection, then the used KiB of every space ({@code jcmd GC.heap_info}). */
    private static long liveHeapKiB(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        long used = 0;
        for (String line : jcmd(pid, "GC.heap_info")) {
            Matcher matcher = USED.matcher(line);
            if (matcher.find()) {
                used += Long.parseLong(matcher.group(1));
            }
        }
        return used;
    }

    private static List<String> jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " failed: " + lines);
        }
        return lines;
    }

    private static int threads(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("Threads:"))
                .mapToInt(line -> Integer.parseInt(line.substring("Threads:".length()).strip()))
                .findFirst().orElseThrow(() -> new IOException("no thread count for process " + pid));
    }
}
