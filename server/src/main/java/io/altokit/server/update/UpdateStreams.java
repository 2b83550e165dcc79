package io.altokit.server.update;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altokit.core.Snapshot;
import io.altokit.core.time.Scheduler;
import io.altokit.model.AltoError;
import io.altokit.model.AltoException;
import io.altokit.model.ErrorCode;
import io.altokit.model.MediaTypes;
import io.altokit.model.UpdateStreamRequest;
import io.altokit.server.http.EventStream;
import io.altokit.server.http.Reply;
import io.altokit.server.http.Representation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The update streams of one server (RFC 8895): opening them, their control requests, and the events
 * every publication sends them. One thread of its own (a virtual thread, started when there is work)
 * changes the streams and computes the events; each connection's I/O thread writes its bytes, so
 * there is no thread per subscriber. A full map's patches are computed once per publication and
 * catalog view, for the update streams and the TIPS views together ({@link Publication}), and the
 * event chosen from them once per view, whatever the number of streams that follow it.
 *
 * <p>Per update, a client gets the smallest of the merge patch (RFC 7396), the JSON patch (RFC 6902)
 * and the full map: a patch of up to {@link #PATCH_ALWAYS_BYTES} is sent without looking at the full
 * map (which may be tens of MB to render); a larger one is compared with it.
 */
public final class UpdateStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateStreams.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom IDS = new SecureRandom();
    /** Where control URIs live; the stream's id follows. */
    public static final String CONTROL_PATH = "/updates/control/";
    static final int PATCH_ALWAYS_BYTES = 1024;
    /** How long closing waits for the streams' thread, then for their connections. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    /**
     * What streams may cost.
     *
     * @param maxStreams          streams open at once, all callers together (more: 503)
     * @param maxStreamsPerClient streams one caller may have open (more: 429)
     * @param maxSubstreams       resources one stream may follow (more: 400)
     * @param maxPendingBytes     bytes a stream may have waiting for a client that does not read
     *                            before it is closed (one event is always let through whole)
     * @param keepAlive           how often an idle stream gets a comment
     */
    public record Limits(int maxStreams, int maxStreamsPerClient, int maxSubstreams, long maxPendingBytes,
                         Duration keepAlive) {
        public static final Limits DEFAULTS = new Limits(10_000, 8, 64, 64L << 20, Duration.ofSeconds(20));

        public Limits {
            if (maxStreams < 1 || maxStreamsPerClient < 1 || maxSubstreams < 1 || maxPendingBytes < 1) {
                throw new IllegalArgumentException("update stream limits must be positive: " + maxStreams + " streams, "
                        + maxStreamsPerClient + " per client, " + maxSubstreams + " substreams, " + maxPendingBytes + " bytes");
            }
            if (keepAlive.isNegative() || keepAlive.isZero()) {
                throw new IllegalArgumentException("the keep-alive interval must be positive, got " + keepAlive);
            }
        }
    }

    private final Limits limits;
    private final Scheduler scheduler;
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("alto-update-streams").factory());
    private final Map<String, UpdateStream> streams = new ConcurrentHashMap<>();
    private final Map<Object, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    /** The catalog each privacy view had at the last publication; only the streams' thread uses it. */
    private final Map<Object, StreamableCatalog> views = new HashMap<>();
    private volatile boolean closed;
    private Scheduler.Cancellable keepAliveTask;

    /** One timer thread for every server's keep-alives: a daemon, started on first use. */
    private static final class SystemTimers {
        static final Scheduler SCHEDULER = Scheduler.on(Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("alto-update-stream-timer").factory()));
    }

    /** Streams whose keep-alives run on the system's clock. */
    public static UpdateStreams withSystemTimers(Limits limits) {
        return new UpdateStreams(limits, SystemTimers.SCHEDULER);
    }

    public UpdateStreams(Limits limits, Scheduler scheduler) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Answers an update stream request: an error for bad parameters or beyond a limit, otherwise the
     * stream, which starts with its control event and the full updates (none for a client whose tag
     * is current).
     *
     * @param catalog the catalog the request was checked against, the caller's view
     * @param view    which privacy view the caller sees (streams of one view share their events)
     * @param owner   who the caller is: only the same caller may use the stream's control URI
     * @param client  the caller's address
     */
    public Reply open(UpdateStreamRequest request, StreamableCatalog catalog, Object view, Object owner, InetAddress client) {
        if (request.add().isEmpty()) {
            throw new AltoException(AltoError.missingField("add"));
        }
        if (!request.remove().isEmpty()) {
            throw new AltoException(AltoError.invalidValue("remove", request.remove().getFirst()));
        }
        checkSubstreamCount(request.add().size());
        request.add().forEach((clientId, add) -> check(clientId, add, catalog, client));
        if (closed) {
            return Reply.error(503, AltoError.of(ErrorCode.E_OVERLOADED));
        }
        if (open.incrementAndGet() > limits.maxStreams()) {
            open.decrementAndGet();
            return Reply.error(503, AltoError.of(ErrorCode.E_OVERLOADED)).withHeaders(Map.of("Retry-After", "60"));
        }
        if (perClient.computeIfAbsent(owner, o -> new AtomicInteger()).incrementAndGet() > limits.maxStreamsPerClient()) {
            release(owner);
            return Reply.error(429, AltoError.of(ErrorCode.E_RATE_LIMITED)).withHeaders(Map.of("Retry-After", "60"));
        }
        String id = HexFormat.of().formatHex(randomId());
        return Reply.streaming(MediaTypes.EVENT_STREAM, sink -> {
            UpdateStream stream = new UpdateStream(id, owner, view, client, sink);
            streams.put(id, stream);
            sink.onClose(() -> {
                if (streams.remove(id) != null) {
                    release(owner);
                }
            });
            run(() -> start(stream, request, catalog));
        });
    }

    private static byte[] randomId() {
        byte[] id = new byte[16];
        IDS.nextBytes(id);
        return id;
    }

    private void release(Object owner) {
        open.decrementAndGet();
        perClient.computeIfPresent(owner, (o, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    /**
     * Answers a stream control request (RFC 8895 section 7): 204 once the change is accepted (its
     * {@code started}/{@code stopped} events follow on the stream), 404 for a stream that ended,
     * never existed or belongs to another caller (the same answer, so the URI reveals nothing), 400 for
     * bad parameters.
     */
    public Reply control(String streamId, UpdateStreamRequest request, StreamableCatalog catalog, Object owner) {
        UpdateStream stream = streams.get(streamId);
        if (stream == null || !stream.owner.equals(owner)) {
            return Reply.plain(404, "no update stream at " + CONTROL_PATH + streamId
                    + "; it ended, or was opened by another client", Map.of());
        }
        if (request.add().isEmpty() && request.remove().isEmpty()) {
            throw new AltoException(AltoError.missingField("add"));
        }
        for (String clientId : request.remove()) {
            if (!stream.substreams.containsKey(clientId) || request.add().containsKey(clientId)) {
                throw new AltoException(AltoError.invalidValue("remove", clientId));
            }
        }
        for (Map.Entry<String, UpdateStreamRequest.AddUpdate> add : request.add().entrySet()) {
            if (stream.substreams.containsKey(add.getKey())) {
                throw new AltoException(AltoError.invalidValue("add", add.getKey()));
            }
            check(add.getKey(), add.getValue(), catalog, stream.client);
        }
        checkSubstreamCount(stream.substreams.size() - request.remove().size() + request.add().size());
        run(() -> change(stream, request, catalog));
        return new Reply(204, "", Representation.of(new byte[0]), Map.of());
    }

    private void checkSubstreamCount(int count) {
        if (count > limits.maxSubstreams()) {
            throw new AltoException(AltoError.invalidValue("add", "more than " + limits.maxSubstreams() + " substreams"));
        }
    }

    /** Whether the resource can be streamed with these parameters; an answer to the input is tried. */
    private static void check(String clientId, UpdateStreamRequest.AddUpdate add, StreamableCatalog catalog, InetAddress client) {
        String path = "add/" + clientId;
        Streamable streamable = catalog.streamable(add.resourceId())
                .orElseThrow(() -> new AltoException(AltoError.invalidValue(path + "/resource-id", add.resourceId())));
        switch (streamable) {
            case Streamable.FullMap map -> {
                if (add.input().isPresent()) {
                    throw new AltoException(AltoError.invalidValue(path + "/input"));
                }
            }
            case Streamable.Query query ->
                    query.answer().apply(add.input().orElseThrow(() -> new AltoException(AltoError.missingField(path + "/input"))), client);
        }
    }

    /**
     * Tells the streams of a publication: each view's catalog after it, and what changed (the
     * patches shared with every other follower of the publication). Without a change set (the first
     * snapshot) the catalogs are only remembered. Quick: the work happens on the streams' thread.
     */
    public void published(Publication publication) {
        run(() -> publish(publication));
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("update streams failed to handle a change; streams stay open", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("update streams closed; dropped a task");
        }
    }

    private void start(UpdateStream stream, UpdateStreamRequest request, StreamableCatalog requested) {
        if (closed) {
            stream.sink.close();
            return;
        }
        scheduleKeepAlive();
        ObjectNode control = JSON.createObjectNode().put("control-uri", CONTROL_PATH + stream.id);
        send(stream, ServerSentEvents.event(MediaTypes.UPDATE_STREAM_CONTROL, write(control)));
        add(stream, request.add(), views.getOrDefault(stream.view, requested));
    }

    private void change(UpdateStream stream, UpdateStreamRequest request, StreamableCatalog requested) {
        List<String> stopped = request.remove().stream().filter(id -> stream.substreams.remove(id) != null).toList();
        if (!stopped.isEmpty()) {
            sendControl(stream, "stopped", stopped, Optional.empty());
        }
        Map<String, UpdateStreamRequest.AddUpdate> fresh = new LinkedHashMap<>(request.add());
        fresh.keySet().removeIf(stream.substreams::containsKey); // added by a concurrent request meanwhile
        if (!fresh.isEmpty()) {
            sendControl(stream, "started", List.copyOf(fresh.keySet()), Optional.empty());
            add(stream, fresh, views.getOrDefault(stream.view, requested));
        }
    }

    /** Adds substreams and sends each its first update: the full map, unless the client named its current vtag. */
    private void add(UpdateStream stream, Map<String, UpdateStreamRequest.AddUpdate> adds, StreamableCatalog catalog) {
        for (Map.Entry<String, UpdateStreamRequest.AddUpdate> add : adds.entrySet()) {
            Substream substream = new Substream(add.getKey(), add.getValue(), stream.nextSequence());
            stream.substreams.put(substream.clientId, substream);
        }
        Comparator<Substream> byResource = byResource(catalog);
        for (Substream substream : stream.inOrder(byResource)) {
            if (adds.containsKey(substream.clientId)) {
                update(stream, substream, catalog, Optional.empty());
            }
        }
    }

    private static Comparator<Substream> byResource(StreamableCatalog catalog) {
        return Comparator.comparingInt(substream -> catalog.streamable(substream.request.resourceId())
                .map(Streamable::order).orElse(Integer.MAX_VALUE));
    }

    /** One publication: every stream gets, in dependency order, what changed of what it follows. */
    private void publish(Publication publication) {
        Map<Object, StreamableCatalog> previous = new HashMap<>(views);
        Map<Object, StreamableCatalog> next = publication.catalogs();
        views.clear();
        views.putAll(next);
        if (!publication.changed()) {
            return;
        }
        Map<Object, Optional<ViewStep>> byView = new HashMap<>();
        for (UpdateStream stream : streams.values()) {
            StreamableCatalog catalog = next.get(stream.view);
            if (catalog == null) {
                stop(stream, List.copyOf(stream.substreams.keySet()), "the resources this stream followed are no longer offered");
                continue;
            }
            Optional<ViewStep> step = byView.computeIfAbsent(stream.view, view -> Optional.ofNullable(previous.get(view))
                    .map(before -> new ViewStep(publication, view, before.snapshot(), new HashMap<>())));
            for (Substream substream : stream.inOrder(byResource(catalog))) {
                update(stream, substream, catalog, step);
            }
        }
    }

    /**
     * One view's side of a publication: the snapshot before, and the events computed so far by
     * resource (from the patches the publication computes once for every follower).
     */
    private record ViewStep(Publication publication, Object view, Snapshot before, Map<String, Optional<Event>> events) {
        List<Patch> patches(Streamable.FullMap map) {
            return publication.patches(view, map, before);
        }
    }

    /** The data of one update, the same for every stream of the view. */
    private record Event(String mediaType, byte[] data) {
    }

    private void update(UpdateStream stream, Substream substream, StreamableCatalog catalog, Optional<ViewStep> step) {
        Optional<Streamable> streamable = catalog.streamable(substream.request.resourceId());
        if (streamable.isEmpty()) {
            stop(stream, List.of(substream.clientId), "resource " + substream.request.resourceId() + " is no longer offered");
            return;
        }
        Optional<Event> event;
        try {
            event = switch (streamable.get()) {
                case Streamable.FullMap map -> mapUpdate(substream, map, catalog.snapshot(), step);
                case Streamable.Query query -> queryUpdate(substream, query, stream.client);
            };
        } catch (AltoException e) {
            stop(stream, List.of(substream.clientId), "its input is no longer valid: " + e.getMessage());
            return;
        }
        event.ifPresent(update -> send(stream, ServerSentEvents.event(update.mediaType(), substream.clientId, update.data())));
    }

    private static Optional<Event> mapUpdate(Substream substream, Streamable.FullMap map, Snapshot now,
                                             Optional<ViewStep> step) {
        Snapshot held = substream.held;
        substream.held = now;
        if (held == now) {
            return Optional.empty();
        }
        if (held == null && substream.request.tag().isPresent() && substream.request.tag().equals(map.vtag())) {
            return Optional.empty(); // RFC 8895 section 6.7: the client holds the current version
        }
        boolean patchable = substream.request.incrementalChanges() && step.isPresent() && held == step.get().before();
        if (!patchable) {
            return Optional.of(full(map));
        }
        return step.get().events().computeIfAbsent(map.resourceId(), id -> Patch.smallest(step.get().patches(map))
                .map(patch -> smallerOf(patch, map)));
    }

    /**
     * The full map as GETs are answered with it, encoded once: the same bytes for every stream (a big
     * map kept gzipped only is inflated once for the streams that take it at about the same time).
     */
    private static Event full(Streamable.FullMap map) {
        return new Event(map.mediaType(), map.body().get().identity());
    }

    /**
     * The patch, or the full map if that is no larger. A patch of up to {@link #PATCH_ALWAYS_BYTES}
     * goes without looking at the full map, which may take a while to render at operator scale.
     */
    private static Event smallerOf(Patch patch, Streamable.FullMap map) {
        if (patch.body().length <= PATCH_ALWAYS_BYTES || patch.body().length < map.body().get().length(false)) {
            return new Event(patch.mediaType(), patch.body());
        }
        return full(map);
    }

    /** An input's answer again: none if it is the same (as JSON), else the smallest of merge patch, JSON patch and the answer. */
    private static Optional<Event> queryUpdate(Substream substream, Streamable.Query query, InetAddress client) {
        byte[] answer = query.answer().apply(substream.input().orElseThrow(), client);
        byte[] last = substream.lastAnswer;
        substream.lastAnswer = answer;
        if (last != null && Arrays.equals(last, answer)) {
            return Optional.empty();
        }
        if (last == null || !substream.request.incrementalChanges()) {
            return Optional.of(new Event(query.mediaType(), answer));
        }
        return Patch.smallest(Patch.between(last, answer)).map(patch -> patch.body().length < answer.length
                ? new Event(patch.mediaType(), patch.body()) : new Event(query.mediaType(), answer));
    }

    private void stop(UpdateStream stream, List<String> clientIds, String reason) {
        clientIds.forEach(stream.substreams::remove);
        sendControl(stream, "stopped", clientIds, Optional.of(reason));
    }

    private void sendControl(UpdateStream stream, String field, List<String> clientIds, Optional<String> description) {
        send(stream, controlEvent(field, clientIds, description));
    }

    private static byte[][] controlEvent(String field, List<String> clientIds, Optional<String> description) {
        ObjectNode control = JSON.createObjectNode();
        clientIds.forEach(control.putArray(field)::add);
        description.ifPresent(text -> control.put("description", text));
        return ServerSentEvents.event(MediaTypes.UPDATE_STREAM_CONTROL, write(control));
    }

    /**
     * Hands an event (its pieces) to the connection; instead, to a stream whose client stopped reading,
     * a last control event saying so (read if the client reads again soon) and its end; a client that
     * has not taken them one keep-alive interval later is cut off, which frees what is queued for it.
     */
    private void send(UpdateStream stream, byte[]... event) {
        long pending = stream.sink.pendingBytes();
        if (pending > limits.maxPendingBytes()) {
            LOG.atInfo().addKeyValue("stream", stream.id).addKeyValue("pending_bytes", pending)
                    .log("closing an update stream whose client does not read its events");
            stream.sink.send(controlEvent("stopped", List.copyOf(stream.substreams.keySet()),
                    Optional.of("the client did not read its events: " + pending + " bytes were waiting")));
            scheduler.schedule(stream.sink::abort, limits.keepAlive());
            stream.sink.close();
            return;
        }
        stream.sink.send(event);
    }

    private void scheduleKeepAlive() {
        if (keepAliveTask == null && !closed) {
            keepAliveTask = scheduler.schedule(() -> run(this::keepAlive), limits.keepAlive());
        }
    }

    private void keepAlive() {
        keepAliveTask = null;
        if (streams.isEmpty() || closed) {
            return;
        }
        byte[] comment = ServerSentEvents.comment("keep-alive");
        // A stream still taking what it was sent is not idle: a comment would add nothing, and would
        // count a client slowly taking a full map bigger than the pending bound as one that does not read.
        streams.values().stream().filter(stream -> stream.sink.pendingBytes() == 0).forEach(stream -> send(stream, comment));
        scheduleKeepAlive();
    }

    private static byte[] write(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /** Streams open now. */
    public int size() {
        return streams.size();
    }

    /**
     * Ends every stream cleanly: a last control event saying why, then the end of the body; new
     * streams are refused from now on. Waits (a few seconds at most) until the connections have
     * closed, so the caller may then stop the I/O threads without cutting a stream's last bytes.
     */
    @Override
    public void close() {
        closed = true;
        List<CompletableFuture<Void>> ended = new ArrayList<>();
        run(() -> {
            if (keepAliveTask != null) {
                keepAliveTask.cancel();
            }
            for (UpdateStream stream : streams.values()) {
                CompletableFuture<Void> closing = new CompletableFuture<>();
                stream.sink.onClose(() -> closing.complete(null));
                ended.add(closing);
                sendControl(stream, "stopped", List.copyOf(stream.substreams.keySet()), Optional.of("the server is shutting down"));
                stream.sink.close();
            }
        });
        thread.shutdown();
        try {
            if (thread.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                CompletableFuture.allOf(ended.toArray(CompletableFuture[]::new)).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("update streams did not all close within {} ms; their connections are cut", CLOSE_WAIT.toMillis());
        }
    }
}
