package io.altokit.provision.bgp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One configured peer as metrics and readiness probes see it.
 *
 * @param session          its session's state: idle (never connected), open_sent, open_confirm, established, closed
 * @param routes           routes held from it, current and stale (kept through the grace period of a lost session)
 * @param sinceLastUpdate  time since its last UPDATE that announced or withdrew routes; empty before the first
 * @param endOfRib         whether it has sent End-of-RIB (RFC 4724) since the start and a snapshot with its routes
 *                         was published since: its initial routes are all served
 */
public record PeerStatus(InetAddress address, String session, int routes, Optional<Duration> sinceLastUpdate,
                         boolean endOfRib) {

    /** The session states {@link #session} takes, in FSM order. */
    public static final List<String> SESSION_STATES = Arrays.stream(BgpSession.State.values()).map(PeerStatus::name).toList();

    static String name(BgpSession.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
