package io.altokit.provision.bgp;

import io.altokit.core.AddressFamily;
import io.altokit.core.PrefixKey;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes received from each peer, kept as the PID each prefix was assigned. When a session is
 * lost its routes become stale rather than vanishing, so the map survives a router restart; they
 * are replaced as the new session re-announces them and dropped when the grace period ends. Not
 * thread-safe: {@link BgpFeed} confines it to one thread.
 */
final class RouteTable {

    private static final class PeerRoutes {
        PrefixMap current = new PrefixMap();
        PrefixMap stale = new PrefixMap();
    }

    /** In configuration order: for a prefix several peers announce, the first peer's route counts. */
    private final Map<InetAddress, PeerRoutes> peers = new LinkedHashMap<>();
    /** PID names by the small numbers the maps store. */
    private final List<String> pidNames = new ArrayList<>();
    private final Map<String, Integer> pidNumbers = new HashMap<>();

    RouteTable(List<InetAddress> peerOrder) {
        peerOrder.forEach(peer -> peers.put(peer, new PeerRoutes()));
    }

    void announce(InetAddress peer, PrefixKey prefix, String pid) {
        PeerRoutes routes = routes(peer);
        routes.current.put(prefix, pidNumber(pid));
        routes.stale.remove(prefix);
    }

    void withdraw(InetAddress peer, PrefixKey prefix) {
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
        routes.current = new PrefixMap();
    }

    /** @return how many stale routes were dropped */
    int dropStale(InetAddress peer) {
        PeerRoutes routes = routes(peer);
        int dropped = routes.stale.size();
        routes.stale = new PrefixMap();
        return dropped;
    }

    int size() {
        return peers.values().stream().mapToInt(routes -> routes.current.size() + routes.stale.size()).sum();
    }

    /** Routes held from {@code peer}, current and stale. */
    int size(InetAddress peer) {
        PeerRoutes routes = routes(peer);
        return routes.current.size() + routes.stale.size();
    }

    int staleSize(InetAddress peer) {
        return routes(peer).stale.size();
    }

    /**
     * The route that counts for each prefix, as PID numbers of {@link #pidNames()}: for a prefix
     * from several peers the first peer in configuration order wins, and a peer's current route
     * beats its own stale one. A new list, which the table never touches again.
     */
    RouteList best() {
        RouteList best = new RouteList(size());
        List<PeerRoutes> earlier = new ArrayList<>();
        for (PeerRoutes routes : peers.values()) {
            for (PrefixMap group : List.of(routes.current, routes.stale)) {
                group.forEach((family, high, low, length, pid) -> {
                    if (group == routes.stale && routes.current.get(family, high, low, length) != PrefixMap.ABSENT
                            || announcedEarlier(earlier, family, high, low, length)) {
                        return;
                    }
                    best.add(family, high, low, length, pid);
                });
            }
            earlier.add(routes);
        }
        return best;
    }

    /** PID names by the numbers {@link #best()} holds; only ever grows, so a copy stays valid for older maps. */
    List<String> pidNames() {
        return List.copyOf(pidNames);
    }

    private static boolean announcedEarlier(List<PeerRoutes> earlier, AddressFamily family, long high, long low, int length) {
        for (PeerRoutes routes : earlier) {
            if (routes.current.get(family, high, low, length) != PrefixMap.ABSENT
                    || routes.stale.get(family, high, low, length) != PrefixMap.ABSENT) {
                return true;
            }
        }
        return false;
    }

    private int pidNumber(String pid) {
        return pidNumbers.computeIfAbsent(pid, name -> {
            pidNames.add(name);
            return pidNames.size() - 1;
        });
    }

    private PeerRoutes routes(InetAddress peer) {
        PeerRoutes routes = peers.get(peer);
        if (routes == null) {
            throw new IllegalArgumentException(peer + " is not a configured peer");
        }
        return routes;
    }
}
