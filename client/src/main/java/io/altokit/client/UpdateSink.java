package io.altokit.client;

import java.util.Optional;

/** Where an {@link UpdateSource} delivers: the subscription, as seen by one of its connections. */
interface UpdateSink {

    /** The stream is open: the server accepted the subscription. */
    void connected();

    /** The resource as last applied, if any update of it arrived. */
    Optional<ResourceUpdate> held(String resourceId);

    /**
     * The resource after this update of the version held, not yet applied.
     *
     * @throws AltoProtocolException ({@link AltoProtocolException.Problem#BROKEN_CONTINUITY}) for a patch
     *     before any full state, or one that does not apply to the version held
     */
    ResourceUpdate next(String resourceId, UpdateKind kind, String message);

    /** Applies {@code update} (from {@link #next}) and tells the listener. */
    void accept(ResourceUpdate update);
}
