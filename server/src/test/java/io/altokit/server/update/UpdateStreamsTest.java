package io.altokit.server.update;

import io.altokit.core.ChangeSet;
import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.core.time.ManualScheduler;
import io.altokit.core.time.ManualTicker;
import io.altokit.model.AltoException;
import io.altokit.model.UpdateStreamRequest;
import io.altokit.server.http.EventStream;
import io.altokit.server.http.Reply;
import io.altokit.server.http.Representation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streams' own rules without HTTP: limits, keep-alive on injected time, a client that does not read. */
class UpdateStreamsTest {
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    private final ManualScheduler scheduler = new ManualScheduler(new ManualTicker());
    private final UpdateStreams.Limits limits = new UpdateStreams.Limits(3, 2, 2, 1000, Duration.ofSeconds(20));
    private final UpdateStreams streams = new UpdateStreams(limits, scheduler);

    /** A connection that records what it is sent; {@code pending} stands for bytes the client has not read. */
    static final class RecordingSink implements EventStream.Sink {
        final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
        /** Each write's pieces as given. */
        final List<byte[][]> writes = new CopyOnWriteArrayList<>();
        final AtomicLong pending = new AtomicLong();
        final AtomicBoolean closed = new AtomicBoolean();
        final List<Runnable> onClose = new CopyOnWriteArrayList<>();

        @Override
        public void send(byte[]... pieces) {
            writes.add(pieces);
            StringBuilder event = new StringBuilder();
            for (byte[] piece : pieces) {
                event.append(new String(piece, StandardCharsets.UTF_8));
            }
            sent.add(event.toString());
        }

        @Override
        public long pendingBytes() {
            return pending.get();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                sent.add("<closed>");
                onClose.forEach(Runnable::run);
            }
        }

        @Override
        public void abort() {
            sent.add("<aborted>");
        }

        @Override
        public void onClose(Runnable action) {
            onClose.add(action);
        }

        String next() throws InterruptedException {
            String event = sent.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("something sent within 10 s").isNotNull();
            return event;
        }
    }

    /** One network map whose full body (encoded once per catalog) is its vtag, patched as "patch" when its PIDs change. */
    record Catalog(Snapshot snapshot, Representation full) implements StreamableCatalog {
        Catalog(Snapshot snapshot) {
            this(snapshot, Representation.of(("{\"full\":\"" + snapshot.networkMap().vtag() + "\"}").getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public Optional<Streamable> streamable(String resourceId) {
            return resourceId.equals("nm") ? Optional.of(new Streamable.FullMap("nm", "application/alto-networkmap+json", 0,
                    Optional.of(snapshot.networkMap().vtag()), () -> full,
                    List.of("application/merge-patch+json"), (before, changes) -> MapPatches.networkMap("nm", changes).stream()
                    .map(patch -> new Patch("application/merge-patch+json", patch)).toList())) : Optional.empty();
        }
    }

    @AfterEach
    void close() {
        streams.close();
    }

    private static Snapshot network(String prefix) {
        return Snapshot.builder().pid("a", List.of(IpPrefix.parse(prefix))).build();
    }

    private static UpdateStreamRequest follow(String... clientIds) {
        Map<String, UpdateStreamRequest.AddUpdate> add = new LinkedHashMap<>();
        for (String id : clientIds) {
            add.put(id, new UpdateStreamRequest.AddUpdate("nm", Optional.empty(), true, Optional.empty()));
        }
        return new UpdateStreamRequest(add, List.of());
    }

    private RecordingSink open(Snapshot snapshot, Object owner) {
        Reply reply = streams.open(follow("x"), new Catalog(snapshot), "view", owner, CLIENT);
        assertThat(reply.status()).isEqualTo(200);
        RecordingSink sink = new RecordingSink();
        reply.stream().orElseThrow().start(sink);
        return sink;
    }

    @Test
    void aClientThatDoesNotReadIsClosedWhileOthersGoOn() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        streams.published(new Publication(Optional.empty(), Map.of("view", new Catalog(first))));
        RecordingSink reader = open(first, "reader");
        RecordingSink stalled = open(first, "stalled");
        for (RecordingSink sink : List.of(reader, stalled)) {
            assertThat(sink.next()).contains("control-uri");
            assertThat(sink.next()).startsWith("event: application/alto-networkmap+json,x");
        }
        stalled.pending.set(limits.maxPendingBytes() + 1);
        Snapshot second = network("11.0.0.0/8");
        streams.published(new Publication(Optional.of(ChangeSet.between(first, second)), Map.of("view", new Catalog(second))));
        assertThat(reader.next()).startsWith("event: application/merge-patch+json,x");
        assertThat(stalled.next()).as("a last control event saying why").isEqualTo("event: application/alto-updatestreamcontrol+json\n"
                + "data: {\"stopped\":[\"x\"],\"description\":\"the client did not read its events: 1001 bytes were waiting\"}\n\n");
        assertThat(stalled.next()).isEqualTo("<closed>");
        scheduler.advance(limits.keepAlive());
        assertThat(stalled.next()).as("cut off when it has not taken its end one keep-alive interval later").isEqualTo("<aborted>");
    }

    @Test
    void streamsWithoutTheCurrentTagGetTheFullMapAsEncodedOnceWithoutACopy() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        Catalog catalog = new Catalog(first);
        streams.published(new Publication(Optional.empty(), Map.of("view", catalog)));
        RecordingSink one = open(first, "one");
        RecordingSink two = open(first, "two");
        for (RecordingSink sink : List.of(one, two)) {
            assertThat(sink.next()).contains("control-uri");
            assertThat(sink.next()).isEqualTo("event: application/alto-networkmap+json,x\ndata: " + new String(catalog.full().identity(),
                    StandardCharsets.UTF_8) + "\n\n");
            assertThat(sink.writes.get(1)[1]).as("the event's data is the catalog's encoded map itself").isSameAs(catalog.full().identity());
        }
    }

    @Test
    void idleStreamsGetKeepAliveCommentsOnTheSchedulersTime() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        RecordingSink sink = open(first, "client");
        sink.next();
        sink.next();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (scheduler.pendingCount() == 0) { // the streams' thread schedules the keep-alive once the stream started
            assertThat(System.nanoTime()).as("keep-alive scheduled within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(sink.next()).isEqualTo(": keep-alive\n\n");
    }

    @Test
    void aStreamStillTakingWhatItWasSentGetsNoKeepAliveAndStaysOpen() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        RecordingSink idle = open(first, "idle");
        RecordingSink taking = open(first, "taking");
        for (RecordingSink sink : List.of(idle, taking)) {
            sink.next();
            sink.next();
        }
        taking.pending.set(limits.maxPendingBytes() + 1); // a full map bigger than the bound, still going out
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (scheduler.pendingCount() == 0) {
            assertThat(System.nanoTime()).as("keep-alive scheduled within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
        scheduler.advance(limits.keepAlive());
        assertThat(idle.next()).isEqualTo(": keep-alive\n\n");
        assertThat(taking.sent.poll(200, TimeUnit.MILLISECONDS)).as("nothing for the stream still taking its map").isNull();
    }

    @Test
    void limitsPerClientAndInAllAndPerStream() {
        Snapshot first = network("10.0.0.0/8");
        open(first, "one");
        open(first, "one");
        assertThat(streams.open(follow("x"), new Catalog(first), "view", "one", CLIENT).status()).as("per client").isEqualTo(429);
        open(first, "two");
        assertThat(streams.open(follow("x"), new Catalog(first), "view", "three", CLIENT).status()).as("in all").isEqualTo(503);
        assertThatThrownBy(() -> streams.open(follow("x", "y", "z"), new Catalog(first), "view", "four", CLIENT))
                .isInstanceOf(AltoException.class).hasMessageContaining("add");
    }
}
