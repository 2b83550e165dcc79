package io.altokit.server.update.tips;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altokit.core.Snapshot;
import io.altokit.core.time.Scheduler;
import io.altokit.core.time.Ticker;
import io.altokit.model.AltoError;
import io.altokit.model.AltoException;
import io.altokit.model.ErrorCode;
import io.altokit.model.MediaTypes;
import io.altokit.model.TipsRequest;
import io.altokit.server.http.Reply;
import io.altokit.server.http.Representation;
import io.altokit.server.update.Patch;
import io.altokit.server.update.Publication;
import io.altokit.server.update.Streamable;
import io.altokit.server.update.StreamableCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The TIPS views of one server (RFC 9569): opening (or joining) them, their edges, long polls on
 * the next edge, new next edge recommendations, and the versions every publication adds. Views are
 * shared: clients asking for the same resource (and input) in the same catalog view get the same
 * view URI, and each version's patch comes from the publication's change set, computed once per
 * catalog view for the views and the update streams together ({@link Publication}): the smaller of
 * the merge patch and the JSON patch (RFC 9569 section 5.2 lets a TIPS offer both).
 *
 * <p>One thread of its own (a virtual thread) creates views and adds versions; request threads
 * read the graphs and register long polls. A long poll is a pending {@link Reply} completed by the
 * publication that adds its edge, or by its timeout: no thread waits for it. Views nobody used for
 * {@link Limits#idle} close (RFC 9569 section 4.1 lets a server close a view at any time; the RFC
 * defines no request to close one).
 */
public final class TipsViews implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TipsViews.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom IDS = new SecureRandom();
    /** The TIPS resource; each view lives below it, at {@code PATH/<view id>}. */
    public static final String PATH = "/tips";
    /** A patch this small is recommended without comparing it with the full version. */
    static final int PATCH_ALWAYS_BYTES = 1024;
    /** Edges never change once they exist: caches may keep them as long as they like. */
    static final String IMMUTABLE = "max-age=31536000, immutable";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    /**
     * What views may cost.
     *
     * @param maxViews          views open at once, all callers together (more: 429)
     * @param maxViewsPerClient views one caller may have opened (joining a shared view counts for its opener only)
     * @param maxVersions       versions one view keeps; beyond, its graph is compacted to the newest version
     * @param maxPolls          long polls waiting at once, all callers together (more: 429)
     * @param maxPollsPerClient long polls one caller may have waiting (more: 429)
     * @param longPoll          how long a long poll waits for its edge before a 404 (its connection
     *                          is held open meanwhile, whatever the idle timeout)
     * @param idle              how long a view nobody uses stays open
     */
    public record Limits(int maxViews, int maxViewsPerClient, int maxVersions, int maxPolls, int maxPollsPerClient,
                         Duration longPoll, Duration idle) {
        public static final Limits DEFAULTS = new Limits(10_000, 64, 64, 10_000, 64, Duration.ofSeconds(30),
                Duration.ofMinutes(5));

        public Limits {
            if (maxViews < 1 || maxViewsPerClient < 1 || maxPolls < 1 || maxPollsPerClient < 1) {
                throw new IllegalArgumentException("TIPS limits must be positive: " + maxViews + " views, "
                        + maxViewsPerClient + " per client, " + maxPolls + " long polls, " + maxPollsPerClient + " per client");
            }
            if (maxVersions < 2) {
                throw new IllegalArgumentException("a TIPS view keeps at least 2 versions, got " + maxVersions);
            }
            if (longPoll.compareTo(Duration.ofSeconds(1)) < 0 || idle.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("the long-poll and view expiry times must be at least 1s, got "
                        + longPoll + " and " + idle);
            }
        }
    }

    private final Limits limits;
    private final Ticker ticker;
    private final Scheduler scheduler;
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("alto-tips").factory());
    private final Map<String, TipsView> byId = new ConcurrentHashMap<>();
    private final Map<Object, AtomicInteger> viewsPerClient = new ConcurrentHashMap<>();
    private final AtomicInteger polls = new AtomicInteger();
    private final Map<Object, AtomicInteger> pollsPerClient = new ConcurrentHashMap<>();
    /** The views by what they publish, and each catalog view's catalog at the last publication: the views' thread only. */
    private final Map<TipsView.Key, TipsView> byKey = new HashMap<>();
    private final Map<Object, StreamableCatalog> catalogs = new HashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile Scheduler.Cancellable sweep = () -> { };
    private volatile boolean closed;

    /** One timer thread for every server's long polls and view expiry: a daemon, started on first use. */
    private static final class SystemTimers {
        static final Scheduler SCHEDULER = Scheduler.on(Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("alto-tips-timer").factory()));
    }

    /** Views whose long polls and expiry run on the system's clock. */
    public static TipsViews withSystemTimers(Limits limits) {
        return new TipsViews(limits, Ticker.system(), SystemTimers.SCHEDULER);
    }

    public TipsViews(Limits limits, Ticker ticker, Scheduler scheduler) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    // ---- opening a view (RFC 9569 section 6) ----

    /**
     * Answers an open request: 400 for a resource the TIPS does not serve or a bad input (the error
     * the resource itself gives for an input it refuses), 429 beyond a limit, otherwise (once the
     * views' thread has opened or found the view) the view's URI and its updates graph summary.
     *
     * @param catalog     the catalog the request was checked against, the caller's view
     * @param catalogView which catalog view the caller sees: views are shared within one
     * @param owner       who the caller is, for the per-client limits
     * @param client      the caller's address
     * @param origin      {@code scheme://host[:port]} the caller reached the server by, which makes the
     *                    view's URI absolute (RFC 9569 section 6.2); without it the URI is a path
     */
    public Reply open(TipsRequest request, StreamableCatalog catalog, Object catalogView, Object owner, InetAddress client,
                      Optional<String> origin) {
        Streamable streamable = catalog.streamable(request.resourceId())
                .orElseThrow(() -> new AltoException(AltoError.invalidValue("resource-id", request.resourceId())));
        Optional<String> input = switch (streamable) {
            case Streamable.FullMap map -> {
                if (request.input().isPresent()) {
                    throw new AltoException(AltoError.invalidValue("input"));
                }
                yield Optional.empty();
            }
            case Streamable.Query query -> {
                byte[] given = request.input().orElseThrow(() -> new AltoException(AltoError.missingField("input")));
                query.answer().apply(given, client); // the resource's own error for an input it refuses
                yield Optional.of(new String(given, StandardCharsets.UTF_8));
            }
        };
        if (closed) {
            return Reply.error(503, AltoError.of(ErrorCode.E_OVERLOADED));
        }
        TipsView.Key key = new TipsView.Key(catalogView, request.resourceId(), input,
                input.isPresent() ? Optional.of(client) : Optional.empty());
        CompletableFuture<Reply> answer = new CompletableFuture<>();
        run(() -> answer.complete(openHere(key, request.tag(), catalog, owner, origin.orElse(""))), answer);
        return Reply.later(answer);
    }

    private Reply openHere(TipsView.Key key, Optional<String> tag, StreamableCatalog requested, Object owner, String origin) {
        if (closed) {
            return Reply.error(503, AltoError.of(ErrorCode.E_OVERLOADED));
        }
        TipsView view = byKey.get(key);
        if (view == null) {
            if (byId.size() >= limits.maxViews()) {
                return tooMany();
            }
            if (viewsPerClient.computeIfAbsent(owner, o -> new AtomicInteger()).incrementAndGet() > limits.maxViewsPerClient()) {
                release(viewsPerClient, owner);
                return tooMany();
            }
            StreamableCatalog catalog = catalogs.getOrDefault(key.catalogView(), requested);
            Optional<Streamable> streamable = catalog.streamable(key.resourceId());
            if (streamable.isEmpty()) { // gone with a publication since the request was checked
                release(viewsPerClient, owner);
                return Reply.error(400, AltoError.invalidValue("resource-id", key.resourceId()));
            }
            view = create(key, owner, catalog, streamable.get());
        }
        Summary summary = summary(view, tag);
        return Reply.ok(MediaTypes.TIPS, write(summary.json(JSON.createObjectNode().put("tips-view-uri", origin + view.path()))));
    }

    private TipsView create(TipsView.Key key, Object owner, StreamableCatalog catalog, Streamable streamable) {
        String id = HexFormat.of().formatHex(randomId());
        TipsView view = switch (streamable) {
            case Streamable.FullMap map -> {
                TipsView opened = new TipsView(id, key, owner, new UpdatesGraph(content(map), limits.maxVersions()), ticker.read());
                opened.heldSnapshot = catalog.snapshot();
                yield opened;
            }
            case Streamable.Query query -> {
                byte[] answer = answer(query, key);
                TipsView opened = new TipsView(id, key, owner, new UpdatesGraph(answerContent(query, answer), limits.maxVersions()),
                        ticker.read());
                opened.heldAnswer = answer;
                yield opened;
            }
        };
        byKey.put(key, view);
        byId.put(id, view);
        scheduleSweep();
        return view;
    }

    private static byte[] randomId() {
        byte[] id = new byte[16];
        IDS.nextBytes(id);
        return id;
    }

    /** The updates graph summary, with the edge RFC 9569 section 6.2 says to recommend for the client's tag. */
    private record Summary(long startSeq, long endSeq, long seqI, long seqJ) {
        ObjectNode json(ObjectNode into) {
            ObjectNode graph = into.putObject("tips-view-summary").putObject("updates-graph-summary");
            graph.put("start-seq", startSeq).put("end-seq", endSeq);
            graph.putObject("start-edge-rec").put("seq-i", seqI).put("seq-j", seqJ);
            return into;
        }
    }

    /**
     * The latest snapshot edge, unless the client's tag names a version in the window: then, when
     * the patches to the end are smaller than the snapshot (they are not compared when they add up to
     * at most {@link #PATCH_ALWAYS_BYTES}), the shortcut from it to the end where the graph offers
     * one, else the first patch from it; or the next edge when it holds the end already.
     */
    private Summary summary(TipsView view, Optional<String> tag) {
        record Facts(long start, long end, Optional<Long> tagged, long patchBytes, boolean shortcut, Supplier<Representation> snapshot) {
        }
        long now = ticker.read();
        Facts facts = view.read(now, graph -> {
            Optional<Long> tagged = tag.flatMap(graph::seqOf);
            long end = graph.endSeq();
            boolean shortcut = tagged.filter(seq -> seq + 1 < end).flatMap(seq -> graph.shortcut(seq, end)).isPresent();
            return new Facts(graph.startSeq(), end, tagged, tagged.map(graph::patchBytesFrom).orElse(0L), shortcut,
                    graph.end().body());
        });
        long end = facts.end();
        if (facts.tagged().isPresent()) {
            long seq = facts.tagged().get();
            if (seq == end) {
                return new Summary(facts.start(), end, end, end + 1);
            }
            if (facts.patchBytes() <= PATCH_ALWAYS_BYTES || facts.patchBytes() < facts.snapshot().get().length(false)) {
                return new Summary(facts.start(), end, seq, facts.shortcut() ? end : seq + 1);
            }
        }
        return new Summary(facts.start(), end, 0, end);
    }

    // ---- edges (RFC 9569 section 7) ----

    /**
     * Answers a GET of {@code /tips/<view>/ug/<i>/<j>}: the edge (a snapshot from 0, else a merge
     * patch or a JSON patch; immutable, with an ETag), a long poll for the next edge, or the RFC's error: 404 for a
     * view that is closed, unknown or another catalog view's, and for an edge the graph does not
     * have; 410 below the window; 425 beyond the next edge; 429 beyond the long-poll limits.
     */
    public Reply edge(String path, Object catalogView, Object owner) {
        Optional<ViewPath> parsed = ViewPath.parse(path);
        if (parsed.isEmpty() || parsed.get().edge().isEmpty()) {
            return noView(path);
        }
        ViewPath at = parsed.get();
        TipsView view = byId.get(at.viewId());
        if (view == null || !view.key.catalogView().equals(catalogView) || view.isClosed()) {
            return noView(at.viewPath());
        }
        ViewPath.Segments edge = at.edge().get();
        Optional<Long> i = ViewPath.seq(edge.i());
        if (i.isEmpty()) {
            return Reply.error(404, AltoError.invalidValue("seq-i", edge.i()));
        }
        Optional<Long> j = ViewPath.seq(edge.j());
        if (j.isEmpty()) {
            return Reply.error(404, AltoError.invalidValue("seq-j", edge.j()));
        }
        return edge(view, i.get(), j.get(), owner);
    }

    private Reply edge(TipsView view, long i, long j, Object owner) {
        return switch (view.read(ticker.read(), graph -> graph.edge(i, j))) {
            case UpdatesGraph.Edge.Found found -> Reply.ok(found.mediaType(), found.body().get().withTag(view.id + "-" + i + "-" + j))
                    .withHeaders(Map.of("Cache-Control", IMMUTABLE));
            case UpdatesGraph.Edge.Next next -> poll(view, i, j, owner);
            case UpdatesGraph.Edge.Gone gone -> Reply.error(410, AltoError.invalidValue("seq-i", Long.toString(i)));
            case UpdatesGraph.Edge.TooEarly early -> Reply.error(425, AltoError.invalidValue("seq-j", Long.toString(j)));
            case UpdatesGraph.Edge.Missing missing -> Reply.error(404, AltoError.invalidValue("seq-j", Long.toString(j)));
        };
    }

    private Reply poll(TipsView view, long i, long j, Object owner) {
        if (polls.incrementAndGet() > limits.maxPolls()) {
            polls.decrementAndGet();
            return tooMany();
        }
        if (pollsPerClient.computeIfAbsent(owner, o -> new AtomicInteger()).incrementAndGet() > limits.maxPollsPerClient()) {
            polls.decrementAndGet();
            release(pollsPerClient, owner);
            return tooMany();
        }
        CompletableFuture<Reply> answer = new CompletableFuture<>();
        TipsView.Poll poll = new TipsView.Poll(i, j, owner, answer);
        Scheduler.Cancellable timeout = scheduler.schedule(() -> timedOut(view, poll), limits.longPoll());
        answer.whenComplete((reply, failure) -> {
            timeout.cancel();
            polls.decrementAndGet();
            release(pollsPerClient, owner);
        });
        if (!view.await(poll, ticker.read())) {
            // A version (or the close) came between reading the graph and registering: answer as it is now.
            answer.complete(view.isClosed() ? noView(view.path()) : edge(view, i, j, owner));
        }
        return Reply.later(answer);
    }

    private void timedOut(TipsView view, TipsView.Poll poll) {
        if (view.remove(poll)) {
            poll.answer().complete(Reply.error(404, AltoError.invalidValue("seq-j", Long.toString(poll.j()))));
        }
    }

    private void answer(TipsView view, List<TipsView.Poll> ready) {
        for (TipsView.Poll poll : ready) {
            poll.answer().complete(view.isClosed() ? noView(view.path()) : edge(view, poll.i(), poll.j(), poll.owner()));
        }
    }

    // ---- new next edge recommendation (RFC 9569 section 7.4) ----

    /**
     * Answers a POST to {@code /tips/<view>/ug}: the summary with the edge to fetch next for the
     * client's tag, as a merge patch of the open response; 404 for a view that is closed or unknown,
     * 400 for another resource id or an input.
     */
    public Reply recommend(String path, TipsRequest request, Object catalogView) {
        Optional<ViewPath> parsed = ViewPath.parse(path);
        if (parsed.isEmpty() || !parsed.get().graph()) {
            return noView(path);
        }
        TipsView view = byId.get(parsed.get().viewId());
        if (view == null || !view.key.catalogView().equals(catalogView) || view.isClosed()) {
            return noView(parsed.get().viewPath());
        }
        if (!request.resourceId().equals(view.key.resourceId())) {
            throw new AltoException(AltoError.invalidValue("resource-id", request.resourceId()));
        }
        if (request.input().isPresent()) {
            throw new AltoException(AltoError.invalidValue("input"));
        }
        return Reply.ok(MediaTypes.MERGE_PATCH, write(summary(view, request.tag()).json(JSON.createObjectNode())));
    }

    // ---- publications ----

    /**
     * Tells the views of a publication: each catalog view's catalog after it, and what changed (the
     * patches shared with every other follower of the publication). Without a change set (the first
     * snapshot) the catalogs are only remembered. Quick: the work happens on the views' thread.
     */
    public void published(Publication publication) {
        run(() -> publish(publication), null);
    }

    private void publish(Publication publication) {
        Map<Object, StreamableCatalog> previous = new HashMap<>(catalogs);
        Map<Object, StreamableCatalog> next = publication.catalogs();
        catalogs.clear();
        catalogs.putAll(next);
        if (!publication.changed()) {
            return;
        }
        for (TipsView view : List.copyOf(byKey.values())) {
            Object catalogView = view.key.catalogView();
            StreamableCatalog catalog = next.get(catalogView);
            Optional<Streamable> streamable = catalog == null ? Optional.empty() : catalog.streamable(view.key.resourceId());
            if (streamable.isEmpty()) {
                close(view, "its resource is no longer offered");
                continue;
            }
            switch (streamable.get()) {
                case Streamable.FullMap map -> {
                    Snapshot now = catalog.snapshot();
                    if (view.heldSnapshot == now) {
                        continue;
                    }
                    StreamableCatalog before = previous.get(catalogView);
                    UpdatesGraph.Content content = content(map);
                    if (before != null && view.heldSnapshot == before.snapshot()) {
                        List<Patch> patches = publication.patches(catalogView, map, before.snapshot());
                        if (!patches.isEmpty()) {
                            answer(view, view.change(graph -> graph.add(patches, content)));
                        }
                    } else {
                        answer(view, view.change(graph -> graph.restart(content)));
                    }
                    view.heldSnapshot = now;
                }
                case Streamable.Query query -> {
                    byte[] answer;
                    try {
                        answer = answer(query, view.key);
                    } catch (AltoException e) {
                        close(view, "its input is no longer valid: " + e.getMessage());
                        continue;
                    }
                    List<Patch> patches = Patch.between(view.heldAnswer, answer);
                    view.heldAnswer = answer;
                    if (!patches.isEmpty()) {
                        answer(view, view.change(graph -> graph.add(patches, answerContent(query, answer))));
                    }
                }
            }
        }
    }

    private static UpdatesGraph.Content content(Streamable.FullMap map) {
        return new UpdatesGraph.Content(map.mediaType(), map.body(), map.vtag());
    }

    private static UpdatesGraph.Content answerContent(Streamable.Query query, byte[] answer) {
        Representation body = Representation.of(answer);
        return new UpdatesGraph.Content(query.mediaType(), () -> body, Optional.empty());
    }

    private static byte[] answer(Streamable.Query query, TipsView.Key key) {
        return query.answer().apply(key.input().orElseThrow().getBytes(StandardCharsets.UTF_8), key.client().orElseThrow());
    }

    // ---- closing views ----

    private void close(TipsView view, String reason) {
        LOG.atDebug().addKeyValue("view", view.id).addKeyValue("reason", reason).log("closing a TIPS view");
        byKey.remove(view.key);
        byId.remove(view.id);
        release(viewsPerClient, view.creator);
        answer(view, view.close());
    }

    /** Starts the expiry timer with the first view; it then runs every {@link Limits#idle} until the views close. */
    private void scheduleSweep() {
        if (sweeping.compareAndSet(false, true)) {
            sweep = scheduler.schedule(this::sweepTick, limits.idle());
        }
    }

    /** On the timer: what counts as idle is fixed now, the closing happens on the views' thread. */
    private void sweepTick() {
        long since = ticker.read() - limits.idle().toNanos();
        run(() -> sweep(since), null);
        if (!closed) {
            sweep = scheduler.schedule(this::sweepTick, limits.idle());
        }
    }

    /** Closes the views nobody used since {@code since} and nobody waits on. */
    private void sweep(long since) {
        for (TipsView view : List.copyOf(byKey.values())) {
            if (view.idleSince(since)) {
                close(view, "unused for " + limits.idle());
            }
        }
    }

    // ---- plumbing ----

    /** Runs {@code task} on the views' thread; if that is gone, completes {@code answer} (if any) with a 503. */
    private void run(Runnable task, CompletableFuture<Reply> answer) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("TIPS views failed to handle a change; views stay open", e);
                    if (answer != null) {
                        answer.completeExceptionally(e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            if (answer != null) {
                answer.complete(Reply.error(503, AltoError.of(ErrorCode.E_OVERLOADED)));
            }
        }
    }

    private static void release(Map<Object, AtomicInteger> counts, Object owner) {
        counts.computeIfPresent(owner, (o, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    private static Reply tooMany() {
        return Reply.error(429, AltoError.of(ErrorCode.E_RATE_LIMITED)).withHeaders(Map.of("Retry-After", "60"));
    }

    private static Reply noView(String path) {
        return Reply.error(404, AltoError.invalidValue("tips-view-uri", path));
    }

    private static byte[] write(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    /** Views open now. */
    public int size() {
        return byId.size();
    }

    /** Long polls waiting now. */
    public int polls() {
        return polls.get();
    }

    /**
     * Closes every view: waiting long polls get a 503, new requests are refused. Waits (a few
     * seconds at most) for the views' thread to finish.
     */
    @Override
    public void close() {
        closed = true;
        run(() -> {
            sweep.cancel();
            for (TipsView view : List.copyOf(byKey.values())) {
                byKey.remove(view.key);
                byId.remove(view.id);
                view.close().forEach(poll -> poll.answer().complete(Reply.error(503, AltoError.of(ErrorCode.E_OVERLOADED))));
            }
        }, null);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("TIPS views did not close within {} ms", CLOSE_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
