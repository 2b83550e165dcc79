package io.altokit.core.time;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay. Code that needs timers takes a scheduler instead of owning a
 * {@link java.util.concurrent.ScheduledThreadPoolExecutor}, so tests run due tasks by hand with
 * {@link ManualScheduler} (Caffeine's {@code Scheduler}).
 */
@FunctionalInterface
public interface Scheduler {

    /** A scheduled task; cancelling a task that already ran or was cancelled does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** Runs {@code task} once, {@code delay} from now (at once if the delay is zero or negative). */
    Cancellable schedule(Runnable task, Duration delay);

    /** Schedules on {@code executor}; the caller owns the executor and shuts it down. */
    static Scheduler on(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return (task, delay) -> {
            var future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
