package io.altokit.core.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A scheduler driven by a {@link ManualTicker}, for tests and simulations: tasks wait until the
 * test {@linkplain #advance advances} time past their due time, then run on the test's thread in
 * due order (ties in scheduling order). Nothing runs on its own.
 */
public final class ManualScheduler implements Scheduler {

    private record Pending(long due, long sequence, Runnable task) {}

    private final ManualTicker ticker;
    private final List<Pending> pending = new ArrayList<>();
    private long sequence;

    public ManualScheduler(ManualTicker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    public ManualTicker ticker() {
        return ticker;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Objects.requireNonNull(task, "task");
        Pending entry = new Pending(ticker.read() + Math.max(0, delay.toNanos()), sequence++, task);
        pending.add(entry);
        return () -> cancel(entry);
    }

    /** How many tasks wait to run. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /** Runs the tasks already due without moving time; returns how many ran. */
    public int runDue() {
        return advance(Duration.ZERO);
    }

    /**
     * Moves time forward by {@code amount}, running each task when its due time is reached (time
     * stands at that due time while it runs, so tasks it schedules in turn run too if due within
     * the amount). Returns how many tasks ran.
     */
    public int advance(Duration amount) {
        long end = ticker.read() + amount.toNanos();
        int ran = 0;
        for (Pending next; (next = takeDue(end)) != null; ran++) {
            long wait = next.due() - ticker.read();
            if (wait > 0) {
                ticker.advance(Duration.ofNanos(wait));
            }
            next.task().run();
        }
        long rest = end - ticker.read();
        if (rest > 0) {
            ticker.advance(Duration.ofNanos(rest));
        }
        return ran;
    }

    private synchronized Pending takeDue(long end) {
        Pending first = pending.stream()
                .min(Comparator.comparingLong((Pending p) -> p.due() - end).thenComparingLong(Pending::sequence))
                .orElse(null);
        if (first == null || first.due() - end > 0) {
            return null;
        }
        pending.remove(first);
        return first;
    }

    private synchronized void cancel(Pending entry) {
        pending.remove(entry);
    }
}
