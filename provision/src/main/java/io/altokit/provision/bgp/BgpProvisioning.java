package io.altokit.provision.bgp;

import io.altokit.provision.publish.Publisher;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Runs the live BGP feed a network file's {@code bgp:} section describes: the listener for the
 * peers' sessions and the feed that sends the received routes to the publisher, which lays them
 * over the file's network.
 */
public final class BgpProvisioning implements AutoCloseable {
    private final BgpFeed feed;
    private final BgpListener listener;

    private BgpProvisioning(BgpFeed feed, BgpListener listener) {
        this.feed = feed;
        this.listener = listener;
    }

    /**
     * Binds the listener and starts sending the routes to {@code publisher}.
     *
     * @param held whether {@code publisher} was started held, serving a snapshot restored from the
     *     state file until the peers have re-sent their routes
     */
    public static BgpProvisioning start(BgpConfig config, Publisher publisher, boolean held) throws InterruptedException {
        BgpFeed feed = new BgpFeed(config, publisher);
        try {
            BgpListener listener = BgpListener.start(config, feed);
            feed.start(held);
            return new BgpProvisioning(feed, listener);
        } catch (RuntimeException | InterruptedException e) {
            feed.close();
            throw e;
        }
    }

    /** Each configured peer as it stands, in configuration order. */
    public List<PeerStatus> peers() {
        return feed.peers();
    }

    public InetSocketAddress listenAddress() {
        return listener.address();
    }

    @Override
    public void close() {
        listener.close();
        feed.close();
    }
}
