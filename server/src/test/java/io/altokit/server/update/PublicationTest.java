package io.altokit.server.update;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.altokit.core.ChangeSet;
import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.core.time.ManualScheduler;
import io.altokit.core.time.ManualTicker;
import io.altokit.model.MediaTypes;
import io.altokit.model.TipsRequest;
import io.altokit.model.UpdateStreamRequest;
import io.altokit.server.http.Reply;
import io.altokit.server.http.Representation;
import io.altokit.server.update.tips.TipsViews;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A full map's patches are computed once per publication, for every update stream and TIPS view together. */
class PublicationTest {
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ManualTicker ticker = new ManualTicker();
    private final ManualScheduler scheduler = new ManualScheduler(ticker);
    private final UpdateStreams streams = new UpdateStreams(UpdateStreams.Limits.DEFAULTS, scheduler);
    private final TipsViews views = new TipsViews(TipsViews.Limits.DEFAULTS, ticker, scheduler);
    private final AtomicInteger patched = new AtomicInteger();

    /** A network map "nm" whose patcher counts its calls. */
    private final class Catalog implements StreamableCatalog {
        private final Snapshot snapshot;

        Catalog(Snapshot snapshot) {
            this.snapshot = snapshot;
        }

        @Override
        public Snapshot snapshot() {
            return snapshot;
        }

        @Override
        public Optional<Streamable> streamable(String resourceId) {
            if (!resourceId.equals("nm")) {
                return Optional.empty();
            }
            String vtag = snapshot.networkMap().vtag();
            return Optional.of(new Streamable.FullMap("nm", MediaTypes.NETWORK_MAP, 0, Optional.of(vtag),
                    () -> Representation.of(("{\"full\":\"" + vtag + "\"}").getBytes(StandardCharsets.UTF_8)),
                    List.of(MediaTypes.MERGE_PATCH, MediaTypes.JSON_PATCH), (before, changes) -> {
                        patched.incrementAndGet();
                        return MapPatches.networkMapPatches("nm", before, changes);
                    }));
        }
    }

    @AfterEach
    void close() {
        streams.close();
        views.close();
    }

    @Test
    void streamsAndTipsViewsShareOnePatchPerMapAndPublication() throws Exception {
        Snapshot first = Snapshot.builder().pid("a", List.of(IpPrefix.parse("10.0.0.0/8"))).build();
        Snapshot second = Snapshot.builder().pid("a", List.of(IpPrefix.parse("10.0.0.0/8"), IpPrefix.parse("11.0.0.0/8"))).build();
        Publication initial = new Publication(Optional.empty(), Map.of("view", new Catalog(first)));
        streams.published(initial);
        views.published(initial);

        List<UpdateStreamsTest.RecordingSink> sinks = new ArrayList<>();
        for (String owner : List.of("a", "b", "c")) {
            Reply reply = streams.open(new UpdateStreamRequest(Map.of("x", new UpdateStreamRequest.AddUpdate("nm",
                    Optional.empty(), true, Optional.empty())), List.of()), new Catalog(first), "view", owner, CLIENT);
            UpdateStreamsTest.RecordingSink sink = new UpdateStreamsTest.RecordingSink();
            reply.stream().orElseThrow().start(sink);
            assertThat(sink.next()).contains("control-uri");
            assertThat(sink.next()).startsWith("event: " + MediaTypes.NETWORK_MAP + ",x");
            sinks.add(sink);
        }
        List<Reply> polls = new ArrayList<>();
        for (String owner : List.of("a", "b")) {
            Reply opened = settled(views.open(new TipsRequest("nm", Optional.empty(), Optional.empty()), new Catalog(first),
                    "view", owner, CLIENT, Optional.empty()));
            String view = JSON.readTree(opened.body().identity()).path("tips-view-uri").asText();
            polls.add(views.edge(view + "/ug/1/2", "view", owner));
        }

        Publication changed = new Publication(Optional.of(ChangeSet.between(first, second)), Map.of("view", new Catalog(second)));
        streams.published(changed);
        views.published(changed);

        Patch expected = Patch.smallest(MapPatches.networkMapPatches("nm", first, ChangeSet.between(first, second))).orElseThrow();
        String data = new String(expected.body(), StandardCharsets.UTF_8);
        for (UpdateStreamsTest.RecordingSink sink : sinks) {
            assertThat(sink.next()).isEqualTo("event: " + expected.mediaType() + ",x\ndata: " + data + "\n\n");
        }
        for (Reply poll : polls) {
            Reply edge = settled(poll);
            assertThat(edge.mediaType()).isEqualTo(expected.mediaType());
            assertThat(new String(edge.body().identity(), StandardCharsets.UTF_8)).isEqualTo(data);
        }
        assertThat(patched).as("three streams and a shared TIPS view, one computation").hasValue(1);
    }

    private static Reply settled(Reply reply) throws Exception {
        return reply.pending().isPresent() ? reply.pending().get().toCompletableFuture().get(10, TimeUnit.SECONDS) : reply;
    }
}
