package io.altokit.client;

import java.time.Duration;

/**
 * Receives what a {@link Subscription} learns, on the subscription's own thread, one call at a
 * time. Keep it quick: the next update waits for it. A listener that throws is logged and stays
 * subscribed.
 */
public interface UpdateListener {

    /** A resource's first full state arrived, or it changed: the update holds the whole resource as now held. */
    void updated(ResourceUpdate update);

    /**
     * The stream broke (the server went away, or sent an update that does not continue the version
     * held); the subscription resubscribes with its last good tags after {@code retryIn}.
     */
    default void interrupted(String reason, Duration retryIn) {
    }

    /**
     * The server refused the subscription (an unknown resource, a bad request): no more updates will
     * come. {@code failure} says how, as a call of the client would have failed.
     */
    default void stopped(AltoClientException failure) {
    }
}
