package io.altokit.tracker;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link PeerProxy} forwards and ranks.
 *
 * @param self            the address to rank from; empty: the announcing client's address
 * @param rankingTimeout  how long a ranking may take before the upstream list goes back unranked
 * @param upstreamTimeout how long the upstream tracker has to answer
 * @param maxPeers        peers kept of one upstream answer (the first ones listed)
 * @param maxBodyBytes    the largest upstream answer read
 * @param maxInFlight     announces and scrapes forwarded at once; beyond, a failure reason asks to retry
 */
public record PeerProxyConfig(Optional<InetAddress> self, Duration rankingTimeout, Duration upstreamTimeout, int maxPeers,
                              int maxBodyBytes, int maxInFlight) {

    public static final PeerProxyConfig DEFAULTS = new PeerProxyConfig(Optional.empty(), Duration.ofSeconds(2),
            Duration.ofSeconds(15), 1_000, 1 << 20, 256);

    public PeerProxyConfig {
        if (!rankingTimeout.isPositive() || !upstreamTimeout.isPositive()) {
            throw new IllegalArgumentException("the ranking and upstream timeouts must be positive");
        }
        if (maxPeers < 1 || maxBodyBytes < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("the peer, body and in-flight limits must be positive");
        }
    }

    public PeerProxyConfig withSelf(Optional<InetAddress> value) {
        return new PeerProxyConfig(value, rankingTimeout, upstreamTimeout, maxPeers, maxBodyBytes, maxInFlight);
    }

    public PeerProxyConfig withTimeouts(Duration ranking, Duration upstream) {
        return new PeerProxyConfig(self, ranking, upstream, maxPeers, maxBodyBytes, maxInFlight);
    }

    public PeerProxyConfig withLimits(int peers, int bodyBytes, int inFlight) {
        return new PeerProxyConfig(self, rankingTimeout, upstreamTimeout, peers, bodyBytes, inFlight);
    }
}
