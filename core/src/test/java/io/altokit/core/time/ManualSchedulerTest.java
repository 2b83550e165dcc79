package io.altokit.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {

    // Near the wrap-around point, so due-time arithmetic must subtract rather than compare.
    private final ManualTicker ticker = new ManualTicker(Long.MAX_VALUE - 1_000_000);
    private final ManualScheduler scheduler = new ManualScheduler(ticker);
    private final List<String> ran = new ArrayList<>();

    @Test
    void tasksRunOnlyWhenTimeReachesThemInDueOrder() {
        scheduler.schedule(() -> ran.add("late"), Duration.ofMillis(30));
        scheduler.schedule(() -> ran.add("early"), Duration.ofMillis(10));
        scheduler.schedule(() -> ran.add("early-too"), Duration.ofMillis(10));

        assertThat(scheduler.advance(Duration.ofMillis(9))).isZero();
        assertThat(scheduler.advance(Duration.ofMillis(1))).isEqualTo(2);
        assertThat(ran).containsExactly("early", "early-too");
        assertThat(scheduler.pendingCount()).isEqualTo(1);

        scheduler.advance(Duration.ofMillis(20));
        assertThat(ran).containsExactly("early", "early-too", "late");
    }

    @Test
    void aTaskSeesTheTimeItWasDueAndMayScheduleAnother() {
        long start = ticker.read();
        List<Long> seen = new ArrayList<>();
        scheduler.schedule(() -> {
            seen.add(ticker.read() - start);
            scheduler.schedule(() -> seen.add(ticker.read() - start), Duration.ofMillis(5));
        }, Duration.ofMillis(10));

        scheduler.advance(Duration.ofMillis(100));

        assertThat(seen).containsExactly(Duration.ofMillis(10).toNanos(), Duration.ofMillis(15).toNanos());
        assertThat(ticker.read() - start).isEqualTo(Duration.ofMillis(100).toNanos());
    }

    @Test
    void cancelledTasksDoNotRun() {
        Scheduler.Cancellable task = scheduler.schedule(() -> ran.add("cancelled"), Duration.ofMillis(1));
        task.cancel();
        task.cancel();

        scheduler.advance(Duration.ofSeconds(1));

        assertThat(ran).isEmpty();
        assertThat(scheduler.pendingCount()).isZero();
    }

    @Test
    void runDueRunsWhatIsAlreadyDueWithoutMovingTime() {
        scheduler.schedule(() -> ran.add("now"), Duration.ZERO);
        long before = ticker.read();

        assertThat(scheduler.runDue()).isEqualTo(1);
        assertThat(ticker.read()).isEqualTo(before);
    }
}
