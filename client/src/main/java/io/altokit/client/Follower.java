package io.altokit.client;

import io.altokit.core.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps one {@link UpdateSource} connected: follows it on a virtual thread and, when it ends or
 * fails, follows it again after a backoff on the subscription's {@link Scheduler}, resuming from
 * the versions held. The backoff grows with failures in a row and starts over once a connection
 * delivers an update; a Retry-After from the server is honoured. A refusal by the server (a 4xx:
 * unknown resource, bad request) stops it.
 */
final class Follower implements UpdateSink {
    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);

    private final UpdateSource source;
    private final Subscription owner;
    private final Scheduler scheduler;
    private final Backoff backoff;
    /** Connections in a row that delivered no update; guarded by this. */
    private int failures;
    private boolean delivered;
    private volatile boolean connected;
    private volatile boolean stopped;
    private Thread thread;
    private Scheduler.Cancellable pending = () -> { };

    Follower(UpdateSource source, Subscription owner, Scheduler scheduler, Backoff backoff) {
        this.source = source;
        this.owner = owner;
        this.scheduler = scheduler;
        this.backoff = backoff;
    }

    synchronized void start() {
        if (stopped) {
            return;
        }
        delivered = false;
        thread = Thread.ofVirtual().name("alto-updates " + source.describe()).start(this::follow);
    }

    /** Whether the connection is open and has not ended. */
    boolean isConnected() {
        return connected;
    }

    synchronized void stop() {
        stopped = true;
        pending.cancel();
        source.abort();
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void follow() {
        String reason;
        Optional<Duration> retryAfter = Optional.empty();
        try {
            reason = source.follow(this);
        } catch (InterruptedException e) {
            return; // stopped
        } catch (AltoClientException e) {
            if (refused(e)) {
                connected = false;
                synchronized (this) {
                    stopped = true;
                }
                if (!owner.isClosed()) {
                    owner.stopped(e);
                }
                return;
            }
            reason = e.getMessage();
            retryAfter = e instanceof AltoStatusException status ? status.retryAfter() : Optional.empty();
        } catch (IOException | RuntimeException e) {
            reason = "the connection failed: " + e;
        } finally {
            connected = false;
        }
        synchronized (this) {
            if (stopped) {
                return;
            }
            failures = delivered ? 1 : failures + 1;
            Duration delay = backoff.delay(failures);
            if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
                delay = Transport.withJitter(retryAfter.get());
            }
            LOG.atInfo().addKeyValue("updates", source.describe()).addKeyValue("reason", reason)
                    .addKeyValue("retry_ms", delay.toMillis()).log("ALTO update stream interrupted; resubscribing");
            pending = scheduler.schedule(this::start, delay);
            owner.interrupted(reason, delay);
        }
    }

    /** A 4xx other than the ones that ask to come back later: asking again would be refused again. */
    private static boolean refused(AltoClientException e) {
        int status = switch (e) {
            case AltoErrorResponseException error -> error.status();
            case AltoStatusException plain -> plain.status();
            case AltoResourceNotOfferedException notOffered -> 404;
            default -> 0;
        };
        return status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
    }

    @Override
    public void connected() {
        connected = true;
    }

    @Override
    public Optional<ResourceUpdate> held(String resourceId) {
        return owner.current(resourceId);
    }

    @Override
    public ResourceUpdate next(String resourceId, UpdateKind kind, String message) {
        return owner.next(resourceId, kind, message);
    }

    @Override
    public void accept(ResourceUpdate update) {
        synchronized (this) {
            delivered = true;
        }
        owner.accept(update);
    }
}
