package io.altokit.tracker;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

/**
 * What answers the GET requests a {@link TrackerServer} receives: the {@link Tracker}, or the
 * {@link PeerProxy} in front of another tracker.
 */
@FunctionalInterface
public interface Routes {
    /**
     * @param path   the request path, still percent-encoded
     * @param query  the raw query after '?', still percent-encoded; empty when there is none
     * @param remote the address the request came from
     */
    CompletableFuture<Reply> answer(String path, String query, InetAddress remote);
}
