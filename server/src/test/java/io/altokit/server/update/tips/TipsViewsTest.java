package io.altokit.server.update.tips;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altokit.core.ChangeSet;
import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.core.time.ManualScheduler;
import io.altokit.core.time.ManualTicker;
import io.altokit.model.AltoError;
import io.altokit.model.AltoException;
import io.altokit.model.MediaTypes;
import io.altokit.model.TipsRequest;
import io.altokit.server.http.Reply;
import io.altokit.server.http.Representation;
import io.altokit.server.update.MapPatches;
import io.altokit.server.update.Patch;
import io.altokit.server.update.Publication;
import io.altokit.server.update.Streamable;
import io.altokit.server.update.StreamableCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The views' own rules without HTTP, on time moved by hand: sharing, versions from publications,
 * long polls completed by a publication or their timeout, expiry, limits, recommendations.
 */
class TipsViewsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    private final ManualTicker ticker = new ManualTicker();
    private final ManualScheduler scheduler = new ManualScheduler(ticker);
    private final TipsViews.Limits limits = new TipsViews.Limits(4, 2, 8, 3, 2, Duration.ofSeconds(30), Duration.ofMinutes(5));
    private final TipsViews views = new TipsViews(limits, ticker, scheduler);

    /** A network map "nm" whose full body names its vtag, and "q", which echoes its input with the vtag. */
    record Catalog(Snapshot snapshot) implements StreamableCatalog {
        @Override
        public Optional<Streamable> streamable(String resourceId) {
            String vtag = snapshot.networkMap().vtag();
            return switch (resourceId) {
                case "nm" -> Optional.of(new Streamable.FullMap("nm", MediaTypes.NETWORK_MAP, 0, Optional.of(vtag),
                        () -> Representation.of(bytes("{\"full\":\"" + vtag + "\"}")), List.of(MediaTypes.MERGE_PATCH, MediaTypes.JSON_PATCH),
                        (before, changes) -> MapPatches.networkMapPatches("nm", before, changes)));
                case "q" -> Optional.of(new Streamable.Query("q", MediaTypes.COST_MAP, (input, client) -> {
                    String text = new String(input, StandardCharsets.UTF_8);
                    if (text.contains("bad")) {
                        throw new AltoException(AltoError.invalidValue("pids"));
                    }
                    return bytes("{\"input\":" + text + ",\"vtag\":\"" + vtag + "\"}");
                }));
                default -> Optional.empty();
            };
        }
    }

    @AfterEach
    void close() {
        views.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Snapshot network(String prefix) {
        return Snapshot.builder().pid("a", List.of(IpPrefix.parse(prefix))).build();
    }

    private static TipsRequest open(String resourceId) {
        return new TipsRequest(resourceId, Optional.empty(), Optional.empty());
    }

    /** The reply, or once it is there the pending one. */
    private static Reply settled(Reply reply) throws Exception {
        return reply.pending().isPresent() ? reply.pending().get().toCompletableFuture().get(10, TimeUnit.SECONDS) : reply;
    }

    private static JsonNode json(Reply reply) throws IOException {
        return JSON.readTree(reply.body().identity());
    }

    private static String text(Reply reply) {
        return new String(reply.body().identity(), StandardCharsets.UTF_8);
    }

    /** Opens (or joins) in catalog view "view"; the views' thread answers it after everything queued before. */
    private JsonNode opened(TipsRequest request, Snapshot snapshot, Object owner) throws Exception {
        Reply reply = settled(views.open(request, new Catalog(snapshot), "view", owner, CLIENT, Optional.empty()));
        assertThat(reply.status()).as(text(reply)).isEqualTo(200);
        assertThat(reply.mediaType()).isEqualTo(MediaTypes.TIPS);
        return json(reply);
    }

    private static String uri(JsonNode opened) {
        return opened.path("tips-view-uri").asText();
    }

    private static JsonNode summary(JsonNode opened) {
        return opened.path("tips-view-summary").path("updates-graph-summary");
    }

    private void publish(Snapshot before, Snapshot after) {
        views.published(new Publication(Optional.of(ChangeSet.between(before, after)), Map.of("view", new Catalog(after))));
    }

    @Test
    void clientsAskingForTheSameResourceShareOneViewWhoseFirstVersionIsOne() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        views.published(new Publication(Optional.empty(), Map.of("view", new Catalog(first))));
        JsonNode one = opened(open("nm"), first, "one");
        JsonNode two = opened(open("nm"), first, "two");
        assertThat(uri(one)).matches("/tips/[0-9a-f]{32}").isEqualTo(uri(two));
        assertThat(summary(one).toString()).isEqualTo(
                "{\"start-seq\":1,\"end-seq\":1,\"start-edge-rec\":{\"seq-i\":0,\"seq-j\":1}}");
        Reply snapshot = views.edge(uri(one) + "/ug/0/1", "view", "one");
        assertThat(text(snapshot)).isEqualTo("{\"full\":\"" + first.networkMap().vtag() + "\"}");
        assertThat(snapshot.etag()).isPresent();
        assertThat(snapshot.headers()).containsEntry("Cache-Control", TipsViews.IMMUTABLE);

        Reply absolute = settled(views.open(open("nm"), new Catalog(first), "view", "three", CLIENT, Optional.of("https://alto.example.com")));
        assertThat(uri(json(absolute))).as("RFC 9569 6.2: scheme://host/path").isEqualTo("https://alto.example.com" + uri(one));

        Reply other = settled(views.open(open("nm"), new Catalog(first), "other view", "one", CLIENT, Optional.empty()));
        assertThat(uri(json(other))).as("another catalog view sees its own view").isNotEqualTo(uri(one));
        assertThat(views.edge(uri(one) + "/ug/0/1", "other view", "one").status())
                .as("nor may it read this one").isEqualTo(404);
    }

    @Test
    void aLongPollOnTheNextEdgeIsAnsweredByThePublicationThatAddsIt() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        views.published(new Publication(Optional.empty(), Map.of("view", new Catalog(first))));
        String view = uri(opened(open("nm"), first, "one"));
        Reply poll = views.edge(view + "/ug/1/2", "view", "one");
        assertThat(poll.pending()).isPresent();
        assertThat(poll.pending().get().toCompletableFuture()).isNotDone();
        assertThat(views.polls()).isEqualTo(1);

        Snapshot second = network("11.0.0.0/8");
        publish(first, second);
        Reply patch = settled(poll);
        assertThat(patch.status()).isEqualTo(200);
        Patch smallest = Patch.smallest(MapPatches.networkMapPatches("nm", first, ChangeSet.between(first, second))).orElseThrow();
        assertThat(patch.mediaType()).as("the smaller of merge patch and JSON patch").isEqualTo(smallest.mediaType());
        assertThat(patch.body().identity()).isEqualTo(smallest.body());
        assertThat(views.polls()).isZero();

        assertThat(summary(opened(open("nm"), second, "two")).path("end-seq").asLong()).isEqualTo(2);
        assertThat(text(views.edge(view + "/ug/0/2", "view", "one"))).contains(second.networkMap().vtag());
        assertThat(views.edge(view + "/ug/1/2", "view", "one").body().identity())
                .as("the same edge, now there").isEqualTo(patch.body().identity());
    }

    @Test
    void aPublicationThatLeavesTheResourceAsItWasAddsNoVersion() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        views.published(new Publication(Optional.empty(), Map.of("view", new Catalog(first))));
        String view = uri(opened(open("nm"), first, "one"));
        Snapshot same = first.toBuilder().build();
        publish(first, same);
        JsonNode again = opened(open("nm"), same, "one");
        assertThat(uri(again)).isEqualTo(view);
        assertThat(summary(again).path("end-seq").asLong()).isEqualTo(1);
    }

    @Test
    void aLongPollEndsWithA404WhenNothingIsPublishedWithinItsTimeout() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        String view = uri(opened(open("nm"), first, "one"));
        Reply poll = views.edge(view + "/ug/1/2", "view", "one");
        scheduler.advance(Duration.ofSeconds(29));
        assertThat(poll.pending().orElseThrow().toCompletableFuture()).isNotDone();
        scheduler.advance(Duration.ofSeconds(1));
        Reply timedOut = settled(poll);
        assertThat(timedOut.status()).isEqualTo(404);
        assertThat(text(timedOut)).contains("seq-j");
        assertThat(views.polls()).isZero();
    }

    @Test
    void edgesOutsideTheGraphGetTheStatusesOfRfc9569Section7() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        views.published(new Publication(Optional.empty(), Map.of("view", new Catalog(first))));
        String view = uri(opened(open("nm"), first, "one"));
        assertThat(views.edge(view + "/ug/2/3", "view", "one").status()).as("beyond the long-poll window").isEqualTo(425);
        assertThat(views.edge(view + "/ug/1/1", "view", "one").status()).isEqualTo(404);
        assertThat(views.edge(view + "/ug/x/1", "view", "one").status()).isEqualTo(404);
        assertThat(views.edge(view + "/ug/0/-1", "view", "one").status()).isEqualTo(404);
        assertThat(views.edge(view + "/ug/0/99999999999999999999", "view", "one").status()).isEqualTo(404);
        assertThat(views.edge(view + "/ug/0", "view", "one").status()).isEqualTo(404);
        assertThat(views.edge("/tips/0123/ug/0/1", "view", "one").status()).as("no such view").isEqualTo(404);

        Snapshot previous = first;
        for (int n = 2; n <= 9; n++) { // past the window of 8 versions: compacted to its last step
            Snapshot next = network("10." + n + ".0.0/16");
            publish(previous, next);
            previous = next;
        }
        JsonNode compacted = summary(opened(open("nm"), previous, "one"));
        assertThat(compacted.path("start-seq").asLong()).isEqualTo(8);
        assertThat(compacted.path("end-seq").asLong()).isEqualTo(9);
        assertThat(views.edge(view + "/ug/1/2", "view", "one").status()).as("below the start").isEqualTo(410);
        assertThat(views.edge(view + "/ug/0/1", "view", "one").status()).isEqualTo(410);
        assertThat(views.edge(view + "/ug/8/9", "view", "one").status()).isEqualTo(200);
        assertThat(views.edge(view + "/ug/0/9", "view", "one").status()).isEqualTo(200);
    }

    @Test
    void aTaggedClientIsRecommendedThePatchFromItsVersionOrTheNextEdge() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        views.published(new Publication(Optional.empty(), Map.of("view", new Catalog(first))));
        String view = uri(opened(open("nm"), first, "one"));
        Snapshot second = network("11.0.0.0/8");
        publish(first, second);
        JsonNode fromFirst = summary(opened(new TipsRequest("nm", Optional.of(first.networkMap().vtag()), Optional.empty()), second, "one"));
        assertThat(fromFirst.path("start-edge-rec").toString()).isEqualTo("{\"seq-i\":1,\"seq-j\":2}");
        JsonNode current = summary(opened(new TipsRequest("nm", Optional.of(second.networkMap().vtag()), Optional.empty()), second, "one"));
        assertThat(current.path("start-edge-rec").toString()).as("it holds the end: the next edge").isEqualTo("{\"seq-i\":2,\"seq-j\":3}");
        JsonNode unknown = summary(opened(new TipsRequest("nm", Optional.of("0123"), Optional.empty()), second, "one"));
        assertThat(unknown.path("start-edge-rec").toString()).isEqualTo("{\"seq-i\":0,\"seq-j\":2}");

        Reply recommended = views.recommend(view + "/ug", new TipsRequest("nm", Optional.of(first.networkMap().vtag()), Optional.empty()), "view");
        assertThat(recommended.mediaType()).isEqualTo(MediaTypes.MERGE_PATCH);
        assertThat(text(recommended)).isEqualTo("{\"tips-view-summary\":{\"updates-graph-summary\":"
                + "{\"start-seq\":1,\"end-seq\":2,\"start-edge-rec\":{\"seq-i\":1,\"seq-j\":2}}}}");
        assertThatThrownBy(() -> views.recommend(view + "/ug", open("q"), "view"))
                .isInstanceOf(AltoException.class).hasMessageContaining("resource-id");
        assertThat(views.recommend("/tips/0123/ug", open("nm"), "view").status()).isEqualTo(404);

        Snapshot third = network("12.0.0.0/8");
        publish(second, third);
        JsonNode behind = summary(opened(new TipsRequest("nm", Optional.of(first.networkMap().vtag()), Optional.empty()), third, "one"));
        assertThat(behind.path("start-edge-rec").toString()).as("two versions behind: the shortcut to the end")
                .isEqualTo("{\"seq-i\":1,\"seq-j\":3}");
        Reply shortcut = views.edge(view + "/ug/1/3", "view", "one");
        assertThat(shortcut.mediaType()).isEqualTo(MediaTypes.MERGE_PATCH);
        assertThat(text(shortcut)).contains("12.0.0.0/8").doesNotContain("11.0.0.0/8");
    }

    @Test
    void badOpenRequestsGetTheErrorsOfRfc9569Section6() {
        Catalog catalog = new Catalog(network("10.0.0.0/8"));
        assertThatThrownBy(() -> views.open(open("nope"), catalog, "view", "one", CLIENT, Optional.empty()))
                .isInstanceOf(AltoException.class).hasMessageContaining("resource-id").hasMessageContaining("nope");
        assertThatThrownBy(() -> views.open(new TipsRequest("nm", Optional.empty(), Optional.of(bytes("{}"))), catalog, "view", "one", CLIENT, Optional.empty()))
                .isInstanceOf(AltoException.class).hasMessageContaining("input");
        assertThatThrownBy(() -> views.open(open("q"), catalog, "view", "one", CLIENT, Optional.empty()))
                .isInstanceOf(AltoException.class).hasMessageContaining("E_MISSING_FIELD").hasMessageContaining("input");
        assertThatThrownBy(() -> views.open(new TipsRequest("q", Optional.empty(), Optional.of(bytes("{\"bad\":1}"))), catalog, "view", "one", CLIENT, Optional.empty()))
                .as("the resource's own error").isInstanceOf(AltoException.class).hasMessageContaining("pids");
    }

    @Test
    void inputViewsAreOnePerInputAndPatchedByComparingAnswers() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        views.published(new Publication(Optional.empty(), Map.of("view", new Catalog(first))));
        JsonNode one = opened(new TipsRequest("q", Optional.empty(), Optional.of(bytes("{\"x\":1}"))), first, "one");
        JsonNode two = opened(new TipsRequest("q", Optional.empty(), Optional.of(bytes("{\"x\":2}"))), first, "one");
        assertThat(uri(one)).isNotEqualTo(uri(two));
        Snapshot second = network("11.0.0.0/8");
        publish(first, second);
        Reply patch = settled(views.edge(uri(one) + "/ug/1/2", "view", "one"));
        assertThat(text(patch)).isEqualTo("{\"vtag\":\"" + second.networkMap().vtag() + "\"}");
        assertThat(text(views.edge(uri(one) + "/ug/0/2", "view", "one")))
                .isEqualTo("{\"input\":{\"x\":1},\"vtag\":\"" + second.networkMap().vtag() + "\"}");
    }

    @Test
    void aViewNobodyUsesClosesAfterItsIdleTimeButNotWhileSomeoneWaitsOnIt() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        views.published(new Publication(Optional.empty(), Map.of("view", new Catalog(first))));
        TipsViews patient = new TipsViews(new TipsViews.Limits(4, 2, 8, 3, 2, Duration.ofMinutes(20), Duration.ofMinutes(5)),
                ticker, scheduler);
        try (patient) {
            String waited = uri(json(settled(patient.open(open("nm"), new Catalog(first), "view", "one", CLIENT, Optional.empty()))));
            Reply poll = patient.edge(waited + "/ug/1/2", "view", "one");
            String idle = uri(opened(open("nm"), first, "one"));
            scheduler.advance(Duration.ofMinutes(5));
            scheduler.advance(Duration.ofMinutes(5));
            assertThat(uri(opened(open("nm"), first, "one"))).as("closed, so opened anew").isNotEqualTo(idle);
            assertThat(views.edge(idle + "/ug/0/1", "view", "one").status()).isEqualTo(404);
            assertThat(uri(json(settled(patient.open(open("nm"), new Catalog(first), "view", "one", CLIENT, Optional.empty())))))
                    .as("a view with a waiting poll stays").isEqualTo(waited);
            assertThat(poll.pending().orElseThrow().toCompletableFuture()).isNotDone();
        }
    }

    @Test
    void limitsOnViewsAndLongPollsPerClientAndInAll() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        views.published(new Publication(Optional.empty(), Map.of("view", new Catalog(first))));
        opened(new TipsRequest("q", Optional.empty(), Optional.of(bytes("{\"x\":1}"))), first, "one");
        opened(new TipsRequest("q", Optional.empty(), Optional.of(bytes("{\"x\":2}"))), first, "one");
        Reply third = settled(views.open(new TipsRequest("q", Optional.empty(), Optional.of(bytes("{\"x\":3}"))),
                new Catalog(first), "view", "one", CLIENT, Optional.empty()));
        assertThat(third.status()).as("views per client").isEqualTo(429);
        assertThat(third.headers()).containsKey("Retry-After");
        String view = uri(opened(open("nm"), first, "two"));
        assertThat(views.edge(view + "/ug/1/2", "view", "two").pending()).isPresent();
        assertThat(views.edge(view + "/ug/1/2", "view", "two").pending()).isPresent();
        assertThat(views.edge(view + "/ug/1/2", "view", "two").status()).as("polls per client").isEqualTo(429);
        assertThat(views.edge(view + "/ug/1/2", "view", "three").pending()).isPresent();
        assertThat(views.edge(view + "/ug/1/2", "view", "four").status()).as("polls in all").isEqualTo(429);
    }

    @Test
    void closingAnswersEveryWaitingPollAndRefusesNewViews() throws Exception {
        Snapshot first = network("10.0.0.0/8");
        String view = uri(opened(open("nm"), first, "one"));
        Reply poll = views.edge(view + "/ug/1/2", "view", "one");
        views.close();
        assertThat(settled(poll).status()).isEqualTo(503);
        assertThat(settled(views.open(open("nm"), new Catalog(first), "view", "one", CLIENT, Optional.empty())).status()).isEqualTo(503);
    }
}
