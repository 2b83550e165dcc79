package io.altokit.server;

import io.altokit.core.InformationBase;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Reply;
import io.altokit.server.ops.Operations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's endpoints — {@code /metrics}, {@code /health}, {@code /ready}, {@code /ui/} — by
 * path. On the main listener the {@link Dispatcher} finds them here after the catalog and puts them
 * behind the protection layer under their resource ids ({@link #IDS}); they are not ALTO resources,
 * so the directory does not list them. On the admin listener they answer without protection (that
 * listener is for the operator's network only) and everything else goes to the main listener's
 * dispatcher, so the dashboard there reads the directory and maps from its own origin
 * ({@link #answeringFirst}).
 */
final class AdminResources {
    private static final Logger LOG = LoggerFactory.getLogger(AdminResources.class);
    static final String METRICS = "metrics";
    static final String HEALTH = "health";
    static final String UI = "ui";
    /** The resource ids access rules may grant: {@code /ready} is granted with {@code /health}. */
    static final Set<String> IDS = Set.of(METRICS, HEALTH, UI);
    static final String JSON = "application/json";
    private static final AdminResources NONE = new AdminResources(Map.of(), Optional.empty());

    private final Map<String, AdminResource> byPath;
    private final Optional<AdminResource> ui;

    private AdminResources(Map<String, AdminResource> byPath, Optional<AdminResource> ui) {
        this.byPath = byPath;
        this.ui = ui;
    }

    static AdminResources of(Operations operations, InformationBase informationBase) {
        return new AdminResources(Map.of(
                MetricsResource.PATH, new MetricsResource(operations.metrics()),
                HealthResource.PATH, new HealthResource(),
                ReadyResource.PATH, new ReadyResource(informationBase, operations.readiness())),
                Optional.of(new UiResource()));
    }

    /** No endpoints: a main listener whose operator endpoints are on the admin listener. */
    static AdminResources none() {
        return NONE;
    }

    Optional<AltoResource> find(String path) {
        AdminResource resource = byPath.get(path);
        if (resource != null) {
            return Optional.of(resource);
        }
        return path.startsWith(UiResource.PATH) ? ui.map(AltoResource.class::cast) : Optional.empty();
    }

    boolean owns(AltoResource resource) {
        return byPath.containsValue(resource) || ui.filter(resource::equals).isPresent();
    }

    /**
     * The admin listener's answerer: GET and HEAD of the endpoints, unprotected; any other path is
     * {@code rest}'s (the main listener's dispatcher).
     */
    Answerer answeringFirst(Answerer rest) {
        return request -> find(request.path()).map(found -> answer(found, request)).orElseGet(() -> rest.answer(request));
    }

    private static Answerer.Answer answer(AltoResource found, AltoRequest request) {
        AnswerOrigin origin = new AnswerOrigin(Optional.empty(), found.descriptor().id());
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return new Answerer.Answer(Reply.plain(405, request.method() + " is not allowed on " + request.path()
                    + "; use GET, HEAD", Map.of("Allow", "GET, HEAD")), origin);
        }
        try {
            return new Answerer.Answer(found.handle(request, found.query(request.body())), origin);
        } catch (RuntimeException e) {
            LOG.error("failed to answer {} {} on the admin listener", request.method(), request.path(), e);
            return new Answerer.Answer(Dispatcher.INTERNAL_ERROR, origin);
        }
    }
}
