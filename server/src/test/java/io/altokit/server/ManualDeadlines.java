package io.altokit.server;

import io.altokit.core.time.ManualScheduler;
import io.altokit.core.time.ManualTicker;
import io.altokit.core.time.Scheduler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request deadlines timed by hand: time moves only when the test advances it, and the test can wait
 * until a request's deadline is armed (its first bytes read) instead of sleeping.
 */
final class ManualDeadlines implements Scheduler {
    /** Starts just below the wrap-around of nano time, where comparing instead of subtracting fails. */
    private final ManualTicker ticker = new ManualTicker(Long.MAX_VALUE - 1_000_000_000L);
    private final ManualScheduler scheduler = new ManualScheduler(ticker);

    /** The server's deadlines on this hand-moved time. */
    RequestDeadline.Clock clock() {
        return new RequestDeadline.Clock(ticker, channel -> this);
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Cancellable scheduled = scheduler.schedule(task, delay);
        notifyAll();
        return scheduled;
    }

    /** Waits (up to 10 s) until a deadline is armed and not yet disarmed. */
    synchronized void awaitArmed() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (scheduler.pendingCount() == 0) {
            long left = end - System.nanoTime();
            assertThat(left).as("a request deadline armed within 10 s").isPositive();
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Moves time forward, letting every deadline due by then expire; returns how many did. */
    int advance(Duration amount) {
        return scheduler.advance(amount);
    }
}
