package io.altokit.provision.bgp;

import io.altokit.core.Snapshot;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routes received from each peer, kept as the PID each prefix was assigned. When a session is
 * lost its routes become stale rather than vanishing, so the map survives a router restart; they
 * are replaced as the new session re-announces them and dropped when the grace period ends. Not
 * thread-safe: {@link BgpFeed} confines it to one thread.
 */
final class RouteTable {

    private static final class PeerRoutes {
        Map<RouteKey, String> current = new HashMap<>();
        Map<RouteKey, String> stale = new HashMap<>();

        String get(RouteKey key) {
            String pid = current.get(key);
            return pid != null ? pid : stale.get(key);
        }
    }

    /** In configuration order: for a prefix several peers announce, the first peer's route counts. */
    private final Map<InetAddress, PeerRoutes> peers = new LinkedHashMap<>();

    RouteTable(List<InetAddress> peerOrder) {
        peerOrder.forEach(peer -> peers.put(peer, new PeerRoutes()));
    }

    void announce(InetAddress peer, RouteKey prefix, String pid) {
        PeerRoutes routes = routes(peer);
        routes.current.put(prefix, pid);
        routes.stale.remove(prefix);
    }

    void withdraw(InetAddress peer, RouteKey prefix) {
        PeerRoutes routes = routes(peer);
        routes.current.remove(prefix);
        routes.stale.remove(prefix);
    }

    /** The session ended: its routes stay, as stale, until {@link #dropStale} or re-announcement. */
    void sessionLost(InetAddress peer) {
        PeerRoutes routes = routes(peer);
        if (routes.stale.isEmpty()) {
            routes.stale = routes.current;
        } else {
            routes.stale.putAll(routes.current);
        }
        routes.current = new HashMap<>();
    }

    /** @return how many stale routes were dropped */
    int dropStale(InetAddress peer) {
        PeerRoutes routes = routes(peer);
        int dropped = routes.stale.size();
        routes.stale = new HashMap<>();
        return dropped;
    }

    int size() {
        return peers.values().stream().mapToInt(routes -> routes.current.size() + routes.stale.size()).sum();
    }

    int staleSize(InetAddress peer) {
        return routes(peer).stale.size();
    }

    /**
     * Adds every route's prefix to its PID, except prefixes in {@code excluded} (those the file
     * assigns itself). For a prefix from several peers, the first peer in configuration order wins.
     *
     * @return the number of prefixes added
     */
    int addTo(Snapshot.Builder builder, Set<RouteKey> excluded) {
        int added = 0;
        List<PeerRoutes> earlier = new ArrayList<>();
        for (PeerRoutes routes : peers.values()) {
            for (Map<RouteKey, String> group : List.of(routes.current, routes.stale)) {
                for (Map.Entry<RouteKey, String> route : group.entrySet()) {
                    RouteKey prefix = route.getKey();
                    if (group == routes.stale && routes.current.containsKey(prefix)
                            || excluded.contains(prefix) || announcedEarlier(earlier, prefix)) {
                        continue;
                    }
                    builder.prefix(route.getValue(), prefix.family(), prefix.high(), prefix.low(), prefix.length());
                    added++;
                }
            }
            earlier.add(routes);
        }
        return added;
    }

    private static boolean announcedEarlier(List<PeerRoutes> earlier, RouteKey prefix) {
        for (PeerRoutes routes : earlier) {
            if (routes.get(prefix) != null) {
                return true;
            }
        }
        return false;
    }

    private PeerRoutes routes(InetAddress peer) {
        PeerRoutes routes = peers.get(peer);
        if (routes == null) {
            throw new IllegalArgumentException(peer + " is not a configured peer");
        }
        return routes;
    }
}
