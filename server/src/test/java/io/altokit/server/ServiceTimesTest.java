package io.altokit.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceTimesTest {
    private static final long FAST = ServiceTimes.INLINE_BELOW_NANOS / 10;
    private static final long SLOW = ServiceTimes.INLINE_BELOW_NANOS * 100;

    @Test
    void aRequestNotSeenBeforeCountsAsExpensive() {
        assertThat(new ServiceTimes().cheap("/endpointcost/lookup", 2000)).isFalse();
    }

    @Test
    void fastAnswersMakeTheirSizeClassCheapAndOnlyThatOne() {
        ServiceTimes times = new ServiceTimes();
        times.record("/endpointcost/lookup", 2000, 200, FAST);

        assertThat(times.cheap("/endpointcost/lookup", 1500)).as("same power of two").isTrue();
        assertThat(times.cheap("/endpointcost/lookup", 40_000)).as("a much larger query").isFalse();
        assertThat(times.cheap("/costmap/filtered", 2000)).as("another resource").isFalse();
    }

    @Test
    void aFewSlowAnswersInARowMoveACheapClassBackToTheWorkers() {
        ServiceTimes times = new ServiceTimes();
        for (int i = 0; i < 100; i++) {
            times.record("/networkmap", 0, 200, FAST);
        }
        for (int i = 0; i < 6; i++) {
            times.record("/networkmap", 0, 200, SLOW);
        }

        assertThat(times.cheap("/networkmap", 0)).isFalse();
    }

    @Test
    void answersDelayedNowAndThenByPreemptionLeaveACheapClassCheap() {
        ServiceTimes times = new ServiceTimes();
        for (int i = 0; i < 200; i++) {
            times.record("/endpointcost/lookup", 2000, 200, i % 10 == 9 ? 10_000_000 : FAST);
            assertThat(times.cheap("/endpointcost/lookup", 2000)).as("after answer %d", i).isTrue();
        }

        assertThat(times.cheap("/endpointcost/lookup", 2000)).isTrue();
    }

    @Test
    void refusedAndUnknownRequestsTeachNothing() {
        ServiceTimes times = new ServiceTimes();
        times.record("/no-such-path", 0, 404, FAST);
        times.record("/endpointcost/lookup", 10, 400, FAST);

        assertThat(times.cheap("/no-such-path", 0)).isFalse();
        assertThat(times.cheap("/endpointcost/lookup", 10)).isFalse();
    }

    @Test
    void theNumberOfClassesKeptIsBounded() {
        ServiceTimes times = new ServiceTimes();
        for (int i = 0; i < 5000; i++) {
            times.record("/path-" + i, 0, 200, FAST);
        }
        assertThat(times.cheap("/path-0", 0)).isTrue();
        assertThat(times.cheap("/path-4999", 0)).as("beyond the bound, not learned").isFalse();
    }
}
