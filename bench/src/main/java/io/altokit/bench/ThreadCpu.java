package io.altokit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time another process has used, whole and by thread name (from {@code /proc}, Linux), so that a
 * load generator can tell the server's cost of a phase from its own. Threads are grouped by name
 * without their numbers ({@code alto-worker-3} counts as {@code alto-worker-}); the kernel keeps the
 * first 15 characters of a name. Times are in clock ticks of 10 ms (USER_HZ 100).
 */
final class ThreadCpu {
    private static final long MILLIS_PER_TICK = 10;

    /** One reading: the process's CPU time (its ended threads included) and its live threads' by name. */
    record Reading(long processMillis, Map<String, Long> byThreadMillis) {
        /** What was used since {@code before}: the process's, and each thread group's that used any. */
        Reading since(Reading before) {
            Map<String, Long> used = new TreeMap<>();
            byThreadMillis.forEach((name, millis) -> {
                long delta = millis - before.byThreadMillis.getOrDefault(name, 0L);
                if (delta > 0) {
                    used.put(name, delta);
                }
            });
            return new Reading(processMillis - before.processMillis, used);
        }

        /** {@code 1234 ms (alto-io- 800, GC Thread# 300, ...)}, the busiest threads first. */
        String describe() {
            return processMillis + " ms (" + byThreadMillis.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(entry -> entry.getKey() + " " + entry.getValue())
                    .collect(Collectors.joining(", ")) + ")";
        }
    }

    private ThreadCpu() {
    }

    static Reading of(long pid) {
        Path process = Path.of("/proc", Long.toString(pid));
        Map<String, Long> byThread = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+$", "");
                    byThread.merge(name, cpuMillis(stat), Long::sum);
                } catch (NoSuchFileException ended) {
                    // the thread ended between the listing and the read; the process total has it
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return new Reading(cpuMillis(Files.readString(process.resolve("stat"))), byThread);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU times of process " + pid, e);
        }
    }

    /** utime + stime of a {@code stat} line (fields 14 and 15, counted after the name in parentheses), in ms. */
    private static long cpuMillis(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime (14) is fields[11], stime (15) fields[12]
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
    }
}
