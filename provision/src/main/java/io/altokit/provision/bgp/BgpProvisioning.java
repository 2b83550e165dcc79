package io.altokit.provision.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.AddressFamily;
import io.altokit.core.InformationBase;
import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import io.altokit.provision.NetworkFile;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs the live BGP feed a network file's {@code bgp:} section describes: the listener for the
 * peers' sessions and the feed that publishes the file's network plus the received routes.
 */
public final class BgpProvisioning implements AutoCloseable {
    private final BgpFeed feed;
    private final BgpListener listener;

    private BgpProvisioning(BgpFeed feed, BgpListener listener) {
        this.feed = feed;
        this.listener = listener;
    }

    /** Whether the file asks for a BGP feed. */
    public static boolean configured(JsonNode root) {
        return root.has("bgp");
    }

    /**
     * Checks the section (a {@link io.altokit.provision.ProvisioningException} names the mistake),
     * binds the listener and starts publishing the file's network plus the routes into {@code target}.
     *
     * @param restored whether {@code target} serves a snapshot restored from the state file, to be
     *     kept until the peers have re-sent their routes
     */
    public static BgpProvisioning start(JsonNode root, Path file, InformationBase target, boolean restored)
            throws InterruptedException {
        BgpConfig config = BgpConfig.fromTree(root.get("bgp"), file.toString(), NetworkFile.defaultPid(root));
        BgpFeed feed = new BgpFeed(config, () -> fileNetwork(file), target);
        try {
            BgpListener listener = BgpListener.start(config, feed);
            feed.start(restored);
            return new BgpProvisioning(feed, listener);
        } catch (RuntimeException | InterruptedException e) {
            feed.close();
            throw e;
        }
    }

    /** The file as it is now: edits apply with the next snapshot (the bgp section itself needs a restart). */
    private static BgpFeed.FileNetwork fileNetwork(Path file) {
        JsonNode root = NetworkFile.readTree(file);
        return new BgpFeed.FileNetwork(NetworkFile.builder(root, file), prefixesOf(NetworkFile.fromTree(root, file).networkMap()));
    }

    /** The file's network with the current routes, for a reload; not published. */
    public Snapshot snapshotNow() {
        return feed.snapshotNow();
    }

    public InetSocketAddress listenAddress() {
        return listener.address();
    }

    private static Set<RouteKey> prefixesOf(NetworkMap map) {
        Set<RouteKey> prefixes = new HashSet<>();
        for (int pid = 0; pid < map.size(); pid++) {
            for (AddressFamily family : AddressFamily.values()) {
                map.prefixes(pid, family).forEach(prefix -> prefixes.add(RouteKey.of(prefix)));
            }
        }
        return prefixes;
    }

    @Override
    public void close() {
        listener.close();
        feed.close();
    }
}
