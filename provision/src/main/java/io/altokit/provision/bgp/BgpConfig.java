package io.altokit.provision.bgp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code bgp:} section of the network file, as {@code app} read and checked it: where the passive
 * BGP listener accepts its peers' sessions and how routes become PID assignments. See docs/bgp.md.
 */
public record BgpConfig(InetSocketAddress listen, long localAs, Inet4Address routerId, int holdTimeSeconds,
                        Duration gracePeriod, Duration debounce, List<Peer> peers, PidRules rules) {

    public static final int DEFAULT_HOLD_TIME_SECONDS = 90;
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(120);
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(250);

    /** A router allowed to open a session: its source address and the AS it must announce in OPEN. */
    public record Peer(InetAddress address, long remoteAs) {
    }

    public BgpConfig {
        peers = List.copyOf(peers);
    }

    /** The peer with this source address, if it is one. */
    public Optional<Peer> peer(InetAddress address) {
        return peers.stream().filter(peer -> peer.address().equals(address)).findFirst();
    }
}
