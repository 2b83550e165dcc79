package io.altokit.client;

import io.altokit.core.time.Scheduler;
import jakarta.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Resources followed through the server's update service ({@link AltoClient#subscribe}): the
 * client holds each resource, applies the server's full replacements and patches to it as they
 * arrive and tells its {@link UpdateListener}. A patch that does not continue the version held (it
 * comes before any full state, does not apply, or the cost map it yields depends on a network map
 * version other than the one held) is not applied: the subscription resubscribes with the last good
 * tags. After a disconnect it resubscribes the same way, with backoff on the client's scheduler.
 * Close it to stop. Thread-safe.
 */
public final class Subscription implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

    private final UpdateService service;
    private final List<String> resourceIds;
    private final UpdateListener listener;
    private final Map<String, ResourceUpdate> held = new ConcurrentHashMap<>();
    private final List<Follower> followers;
    private final Consumer<Subscription> onClose;
    private volatile boolean closed;

    Subscription(UpdateService service, List<String> resourceIds, UpdateListener listener, List<UpdateSource> sources,
                 Scheduler scheduler, Backoff backoff, Consumer<Subscription> onClose) {
        this.service = service;
        this.resourceIds = List.copyOf(resourceIds);
        this.listener = listener;
        this.followers = sources.stream().map(source -> new Follower(source, this, scheduler, backoff)).toList();
        this.onClose = onClose;
    }

    void start() {
        followers.forEach(Follower::start);
    }

    /** The update service in use. */
    public UpdateService service() {
        return service;
    }

    /** The resources followed, in the order they were asked for. */
    public List<String> resourceIds() {
        return resourceIds;
    }

    /** The resource as last applied; empty until its first full state arrives. */
    public Optional<ResourceUpdate> current(String resourceId) {
        return Optional.ofNullable(held.get(resourceId));
    }

    /**
     * Whether every connection is open and every resource is held: the resources are then as
     * current as the server's stream. False while reconnecting, and after the server refused.
     */
    public boolean isLive() {
        return !closed && followers.stream().allMatch(Follower::isConnected) && held.keySet().containsAll(resourceIds);
    }

    boolean isClosed() {
        return closed;
    }

    /** Stops following: the connections are closed and no more calls reach the listener. */
    @Override
    public void close() {
        closed = true;
        followers.forEach(Follower::stop);
        onClose.accept(this);
    }

    ResourceUpdate next(String resourceId, UpdateKind kind, String message) {
        ResourceUpdate previous = held.get(resourceId);
        if (kind != UpdateKind.FULL && previous == null) {
            throw broken("a " + kind + " update of " + resourceId + " arrived before its full state");
        }
        JsonObject document;
        try {
            document = kind.apply(previous == null ? null : previous.document(), message);
        } catch (IllegalArgumentException e) {
            throw broken((kind == UpdateKind.FULL ? "the full state of " + resourceId + " is not a JSON object"
                    : "a " + kind + " update of " + resourceId + " does not apply to the version held"
                    + previous.tag().map(tag -> " (tag " + tag + ")").orElse("")) + ": " + e.getMessage());
        }
        return new ResourceUpdate(resourceId, service, kind, utf8Length(message), document);
    }

    /** Applies an update; the listener hears of updates one at a time, in the order they were applied. */
    synchronized void accept(ResourceUpdate update) {
        if (closed) {
            return;
        }
        held.put(update.resourceId(), update);
        try {
            listener.updated(update);
        } catch (RuntimeException e) {
            LOG.warn("an ALTO update listener failed on {}", update, e);
        }
    }

    synchronized void interrupted(String reason, Duration retryIn) {
        if (closed) {
            return;
        }
        try {
            listener.interrupted(reason, retryIn);
        } catch (RuntimeException e) {
            LOG.warn("an ALTO update listener failed on an interruption", e);
        }
    }

    synchronized void stopped(AltoClientException failure) {
        try {
            listener.stopped(failure);
        } catch (RuntimeException e) {
            LOG.warn("an ALTO update listener failed on a stop", e);
        }
    }

    private static AltoProtocolException broken(String message) {
        return new AltoProtocolException(AltoProtocolException.Problem.BROKEN_CONTINUITY, message, Optional.empty(), null);
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                bytes += 4; // with the low surrogate that follows
                i++;
            } else {
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "subscription to " + resourceIds + " over " + service;
    }
}
