package io.altokit.server;

import io.altokit.core.ChangeSet;
import io.altokit.core.InformationBase;
import io.altokit.core.time.ThrottledWarning;
import io.altokit.core.time.Ticker;
import io.altokit.model.AltoError;
import io.altokit.model.AltoException;
import io.altokit.model.ErrorCode;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.ContentCoding;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;
import io.altokit.server.ops.ServerMetrics;
import io.altokit.server.protection.Call;
import io.altokit.server.protection.Caller;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.Verdict;
import io.altokit.server.update.Publication;
import io.altokit.server.update.UpdateStreams;
import io.altokit.server.update.tips.TipsViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP semantics in front of the resources: 404 unknown path, 405 wrong method (with Allow), 406 when
 * the client accepts neither the resource's media type nor anything that covers it, 415 wrong
 * request media type, 304 for a matching If-None-Match, 400 + RFC 7285 error object for bad input.
 * Nothing a request carries can produce a 500 with internals: unexpected failures anywhere in
 * answering — guards and decorators included — are logged here and answered with a 500 and an
 * {@code E_INTERNAL} error object. The {@link Protection} guards see every request first, before even
 * an unknown path is answered; its decorators see every answer. Admitted callers are answered from
 * the catalog of their {@link io.altokit.server.protection.CallerView} (access grant and privacy
 * policy), precomputed per snapshot, whose directory lists only what they may use; a resource that
 * catalog withholds is refused with 403. The operator's endpoints ({@link AdminResources}), when
 * given, are found after the catalog's resources and pass the same guards under their resource ids.
 * Transport-neutral: {@link AltoServer}'s Netty pipeline calls it, and so may another HTTP stack or an
 * in-process caller (the benchmarks); {@link #close()} stops following the snapshots.
 */
public final class Dispatcher implements Answerer {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final Reply INTERNAL_ERROR = Reply.error(500, AltoError.of(ErrorCode.E_INTERNAL));
    /** Failures a request can trigger are logged with their stack trace, at a bounded rate. */
    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(10);

    private volatile Catalogs catalogs;
    private final AutoCloseable subscription;
    private final Protection protection;
    private final ThrottledWarning failures;
    private final UpdateStreams streams;
    private final TipsViews tips;
    private final AdminResources admin;
    private final ServerMetrics metrics;

    public Dispatcher(InformationBase informationBase, ServerConfig config, Protection protection) {
        this(informationBase, config, protection, Ticker.system(), UpdateStreams.withSystemTimers(config.updateStreams()));
    }

    Dispatcher(InformationBase informationBase, ServerConfig config, Protection protection, Ticker ticker,
               UpdateStreams streams) {
        this(informationBase, config, protection, ticker, streams, TipsViews.withSystemTimers(config.tips()));
    }

    /**
     * Takes {@code streams} and {@code tips} over: they are told every publication and closed with
     * the dispatcher.
     */
    Dispatcher(InformationBase informationBase, ServerConfig config, Protection protection, Ticker ticker,
               UpdateStreams streams, TipsViews tips) {
        this(informationBase, config, protection, ticker, streams, tips, AdminResources.none(), ServerMetrics.withoutJvm());
    }

    /**
     * As above, answering the operator's endpoints in {@code admin} too (behind the protection layer),
     * and counting the protection layer's refusals in {@code metrics}.
     */
    Dispatcher(InformationBase informationBase, ServerConfig config, Protection protection, Ticker ticker,
               UpdateStreams streams, TipsViews tips, AdminResources admin, ServerMetrics metrics) {
        this.protection = protection;
        this.admin = admin;
        this.metrics = metrics;
        this.failures = new ThrottledWarning(FAILURE_LOG_INTERVAL, ticker);
        this.streams = streams;
        this.tips = tips;
        // One step: the current snapshot, then each publication, none missed in between. Inline, so
        // a request that follows a publication is answered from the new snapshot; the update streams
        // only take the catalogs in here and do their work on their own thread.
        EncodedMaps encodedMaps = new EncodedMaps();
        this.subscription = informationBase.subscribe(update -> {
            Catalogs next = new Catalogs(update.snapshot(), config, protection, encodedMaps, streams, tips);
            catalogs = next;
            Optional<ChangeSet> changes = switch (update) {
                case InformationBase.Update.Full full -> Optional.empty();
                case InformationBase.Update.Changed changed -> Optional.of(changed.changes());
            };
            // One publication for both, so that each full map's patches are computed once.
            Publication publication = new Publication(changes, next.byStreamView());
            streams.published(publication);
            tips.published(publication);
        }, InformationBase.Delivery.inline());
    }

    public Reply dispatch(AltoRequest request) {
        return answer(request).reply();
    }

    /** The answer to {@code request}; never throws: whatever fails in guards, resources or decorators is a 500. */
    @Override
    public Answer answer(AltoRequest request) {
        try {
            Catalogs current = catalogs;
            Optional<AltoResource> found = current.full().find(request.path()).or(() -> admin.find(request.path()));
            // Parsed once, by the resource the path names, when a guard or the resource first asks.
            Query<?> query = found.isPresent() ? found.get().query(request.body()) : Query.none();
            Optional<String> resourceId = found.map(resource -> resource.descriptor().id());
            String resource = resourceId.orElse(ServerMetrics.NO_RESOURCE);
            Call call = new Call(request, resourceId, Caller.anonymous(request.client()), query,
                    current.full());
            return switch (protection.admit(call)) {
                case Verdict.Refuse refuse -> {
                    metrics.refused(refuse.reply().status(), refuse.reason());
                    yield new Answer(refuse.reply(), new AnswerOrigin(Optional.empty(), resource));
                }
                case Verdict.Pass pass -> new Answer(settled(request, answer(request, found, current, pass.call())
                        .then(reply -> protection.decorate(pass.call(), reply))),
                        new AnswerOrigin(pass.call().caller().name(), resource));
            };
        } catch (RuntimeException e) {
            return new Answer(failed(request, e), AnswerOrigin.UNKNOWN);
        }
    }

    private Reply failed(AltoRequest request, Throwable e) {
        failures.occurred().ifPresent(count -> LOG.error("failed to answer {} {} ({} failures since the last such error)",
                request.method(), request.path(), count, e));
        return INTERNAL_ERROR;
    }

    /** A pending answer (a long poll) that fails is a 500 too, whenever it fails. */
    private Reply settled(AltoRequest request, Reply reply) {
        return reply.pending().map(later -> Reply.later(later.handle((answer, failure) ->
                failure == null ? answer : failed(request, failure)))).orElse(reply);
    }

    private Reply answer(AltoRequest request, Optional<AltoResource> found, Catalogs current, Call call) {
        if (found.isEmpty()) {
            return Reply.plain(404, "no ALTO resource at " + request.path() + "; the directory is at "
                    + DirectoryResource.PATH, Map.of());
        }
        Catalog view = current.forView(protection.viewOf(call.caller()));
        // The guards alone decide on the operator's endpoints: no view lists them.
        Optional<AltoResource> served = view == current.full() || admin.owns(found.get()) ? found : view.find(request.path());
        if (served.isEmpty()) {
            LOG.debug("{} withheld from {} by its view", request.path(), call.caller().budgetKey());
            metrics.refused(403, "withheld");
            return Reply.error(403, AltoError.of(ErrorCode.E_FORBIDDEN));
        }
        AltoResource resource = served.get();
        ResourceDescriptor descriptor = resource.descriptor();
        boolean head = request.method().equals("HEAD") && descriptor.method().equals("GET");
        if (!request.method().equals(descriptor.method()) && !head) {
            String allow = descriptor.method().equals("GET") ? "GET, HEAD" : "POST";
            return Reply.plain(405, request.method() + " is not allowed on " + request.path() + "; use " + allow,
                    Map.of("Allow", allow));
        }
        if (!resource.negotiatesMediaType() && !MediaRanges.accepts(request.accept(), descriptor.mediaType())) {
            return Reply.plain(406, request.path() + " answers with " + descriptor.mediaType()
                    + ", which the Accept header excludes", Map.of());
        }
        Optional<String> expected = descriptor.accepts();
        if (expected.isPresent() && !MediaRanges.sameType(request.contentType(), expected.get())) {
            return Reply.plain(415, request.path() + " takes a request body of type " + expected.get() + ", got "
                    + request.contentType().orElse("none"), Map.of());
        }
        try {
            return resource.handle(request, call.query())
                    .then(reply -> matches(request.ifNoneMatch(), reply) ? Reply.notModified(reply) : reply);
        } catch (AltoException e) {
            LOG.debug("bad request {} {}: {}", request.method(), request.path(), e.getMessage());
            return Reply.error(400, e.error());
        }
    }

    /** If-None-Match holding "*" or this representation's tag (strong or weak, any encoding variant). */
    private static boolean matches(Optional<String> ifNoneMatch, Reply reply) {
        if (ifNoneMatch.isEmpty() || reply.etag().isEmpty() || reply.status() != 200) {
            return false;
        }
        String tag = reply.etag().get();
        for (String candidate : ifNoneMatch.get().split(",")) {
            String value = candidate.trim();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            value = value.replace("\"", "").toLowerCase(Locale.ROOT);
            if (value.equals("*") || value.equals(tag) || value.equals(tag + ContentCoding.GZIP_ETAG_SUFFIX)) {
                return true;
            }
        }
        return false;
    }

    /** Update streams open now. */
    int updateStreams() {
        return streams.size();
    }

    /** TIPS views open now. */
    int tipsViews() {
        return tips.size();
    }

    /** Stops following the snapshots, ends every update stream and closes every TIPS view. */
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("unsubscribing from snapshot updates failed", e);
        }
        streams.close();
        tips.close();
    }
}
