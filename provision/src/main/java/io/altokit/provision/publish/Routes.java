package io.altokit.provision.publish;

import io.altokit.core.Snapshot;

/**
 * The prefixes a routing feed (BGP) assigns to PIDs, as they stand at one moment: immutable, so
 * the feed's thread hands them to the publisher's. They are laid over the network file's map.
 */
public interface Routes {

    /**
     * Adds the routes' prefixes and the PIDs their rules name to {@code builder}, which starts as
     * {@code network}; a prefix the network lists itself keeps the network's PID.
     */
    void addTo(Snapshot.Builder builder, Snapshot network);

    /** How many prefixes the routes assign. */
    int size();
}
