package io.altokit.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Client-side peer selection: a BitTorrent client hands in the peers it knows, from any source
 * (tracker, DHT, PEX), and gets the order to connect in: best ALTO rating first, random order among
 * equally rated peers, a random share mixed in ({@link PeerRanker}'s settings). Without guidance the
 * peers come back as given. Thread-safe when the ranker is.
 */
public final class ConnectOrder {
    private final PeerRanker ranker;

    public ConnectOrder(PeerRanker ranker) {
        this.ranker = Objects.requireNonNull(ranker, "ranker");
    }

    /** What to connect to, in order, each endpoint once; and how much guidance went into it. */
    public record Plan(List<InetSocketAddress> peers, Ranking.Status status) {
        public Plan {
            peers = List.copyOf(peers);
        }
    }

    /**
     * @param self  this client's address, as the ALTO server sees it
     * @param known the peers known now; repeated endpoints count once
     */
    public Plan order(InetAddress self, Collection<InetSocketAddress> known) {
        List<InetSocketAddress> endpoints = new ArrayList<>(new LinkedHashSet<>(known));
        Map<InetAddress, ArrayDeque<InetSocketAddress>> byAddress = new HashMap<>();
        List<InetAddress> addresses = new ArrayList<>(endpoints.size());
        for (InetSocketAddress endpoint : endpoints) {
            if (endpoint.isUnresolved()) {
                throw new IllegalArgumentException("peer " + endpoint + " has no IP address");
            }
            addresses.add(endpoint.getAddress());
            byAddress.computeIfAbsent(endpoint.getAddress(), address -> new ArrayDeque<>()).add(endpoint);
        }
        Ranking ranking = ranker.rank(self, addresses);
        List<InetSocketAddress> ordered = new ArrayList<>(endpoints.size());
        for (RankedPeer peer : ranking.peers()) {
            ordered.add(byAddress.get(peer.address()).poll()); // endpoints sharing an address are rated alike
        }
        return new Plan(ordered, ranking.status());
    }
}
