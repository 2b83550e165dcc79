package io.altokit.server;

import io.altokit.core.time.ManualScheduler;
import io.altokit.core.time.ManualTicker;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The waiting room in front of the slots: newest first, bounded in time (one timer for the room), refused when full. */
class AdmissionTest {
    private final ManualTicker ticker = new ManualTicker();
    private final ManualScheduler timers = new ManualScheduler(ticker);
    private final Admission admission = new Admission(1, 1, false, ticker, timers);
    /** Paths in the order the worker answered them. */
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopWorkers() {
        release.countDown();
        admission.close();
    }

    @Test
    void aFreedSlotGoesToTheNewestWaitingRequestAndTheOldestIsRefusedWhenItsTimeIsUp() throws Exception {
        CompletableFuture<Reply> held = holdTheOnlySlot();
        CompletableFuture<Reply> oldest = waitFor("/oldest");
        CompletableFuture<Reply> middle = waitFor("/middle");
        CompletableFuture<Reply> newest = waitFor("/newest");

        release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(newest.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(middle.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(oldest.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(answered).containsExactly("/held", "/newest", "/middle", "/oldest");

        timers.advance(Admission.MAX_WAIT);
        assertThat(timers.pendingCount()).as("no timer left once nobody waits").isZero();
    }

    @Test
    void aRequestStillWaitingWhenItsTimeIsUpIsRefusedWith503() throws Exception {
        CompletableFuture<Reply> held = holdTheOnlySlot();
        CompletableFuture<Reply> waiting = waitFor("/waiting");

        timers.advance(Admission.MAX_WAIT.minusMillis(1));
        assertThat(waiting).as("still waiting just before its time is up").isNotDone();
        timers.advance(Duration.ofMillis(1));
        Reply refused = waiting.get(10, TimeUnit.SECONDS);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers()).containsEntry("Retry-After", "1");

        release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(answered).containsExactly("/held");
    }

    @Test
    void aStaleRequestIsRefusedWhenAYoungerOneIsAdmitted() throws Exception {
        CompletableFuture<Reply> held = holdTheOnlySlot();
        CompletableFuture<Reply> stale = waitFor("/stale");
        timers.advance(Admission.STALE_WAIT);
        CompletableFuture<Reply> young = waitFor("/young");
        assertThat(stale).as("not refused while nobody is admitted").isNotDone();

        release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(young.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(stale.get(10, TimeUnit.SECONDS).status()).as("refused long before MAX_WAIT").isEqualTo(503);
        assertThat(answered).containsExactly("/held", "/young");
    }

    @Test
    void aFreeSlotWithoutAFreeWorkerLeavesTheRequestWaitingSoTheNewestGoesFirst() throws Exception {
        try (Admission twoSlotsOneWorker = new Admission(2, 1, false, ticker, timers)) {
            CountDownLatch running = new CountDownLatch(1);
            CompletableFuture<Reply> held = new CompletableFuture<>();
            twoSlotsOneWorker.run(twoSlotsOneWorker.tryAcquire().orElseThrow(), request("/held"), asked -> {
                running.countDown();
                await(release);
                return answer(asked);
            }, held::complete);
            await(running);
            CompletableFuture<Reply> first = new CompletableFuture<>();
            CompletableFuture<Reply> second = new CompletableFuture<>();
            twoSlotsOneWorker.await(request("/first"), this::answer, first::complete);
            twoSlotsOneWorker.await(request("/second"), this::answer, second::complete);

            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(held.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(answered).containsExactly("/held", "/second", "/first");
        }
    }

    @Test
    void aRequestFindingTheWaitingRoomFullIsRefusedAtOnce() throws Exception {
        holdTheOnlySlot();
        for (int i = 0; i < Admission.MAX_WAITING; i++) {
            waitFor("/waiting");
        }
        assertThat(admission.hasRoom(0)).as("no slot, no place to wait").isFalse();

        CompletableFuture<Reply> refused = waitFor("/one-too-many");
        assertThat(refused).isCompleted();
        assertThat(refused.get().status()).isEqualTo(503);
    }

    @Test
    void aBodyOfUnknownSizeCannotWait() {
        holdTheOnlySlot();
        assertThat(admission.hasRoom(100)).isTrue();
        assertThat(admission.hasRoom(-1)).isFalse();
        assertThat(admission.hasRoom(Admission.MAX_WAITING_BYTES + 1)).isFalse();
    }

    /** Takes the one slot with a request whose answer waits for {@link #release}; returns once it runs. */
    private CompletableFuture<Reply> holdTheOnlySlot() {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Admission.Slot slot = admission.tryAcquire().orElseThrow();
        admission.run(slot, request("/held"), asked -> {
            running.countDown();
            await(release);
            return answer(asked);
        }, reply::complete);
        await(running);
        assertThat(admission.tryAcquire()).as("the only slot is taken").isEmpty();
        return reply;
    }

    private CompletableFuture<Reply> waitFor(String path) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        admission.await(request(path), this::answer, reply::complete);
        return reply;
    }

    private Reply answer(AltoRequest request) {
        answered.add(request.path());
        return Reply.plain(200, "ok", Map.of());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static AltoRequest request(String path) {
        return new AltoRequest("GET", path, Optional.empty(), Optional.empty(), Optional.empty(), new byte[0],
                InetAddress.getLoopbackAddress());
    }
}
