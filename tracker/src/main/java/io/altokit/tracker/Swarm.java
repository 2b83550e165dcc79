package io.altokit.tracker;

import io.altokit.client.MapGuidance;
import io.altokit.client.PeerOrder;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The peers of one torrent. Peers are kept grouped by the PID they are in, so choosing the best
 * peers for an announce costs a sort of the few PIDs present plus the peers returned, not a
 * longest-prefix match and a sort of the whole swarm. Every method is synchronized: a swarm is
 * small and its critical sections short.
 */
final class Swarm {
    /** What {@link #announce} says once the swarm has been retired. */
    static final int RETIRED = Integer.MIN_VALUE;
    /** Tries at drawing a random peer before listing the remaining candidates instead. */
    private static final int RANDOM_DRAWS = 32;

    private final Map<Id20, Peer> byId = new HashMap<>();
    private final Map<Integer, Group> groups = new HashMap<>();
    private Peer[] peers = new Peer[8];
    private int size;
    private int seeders;
    private long completed;
    /** The guidance {@link #groups} were built with; null until a selection had guidance. */
    private MapGuidance locatedWith;
    /** Marks the peers chosen by the current selection (a new value per selection: no clearing). */
    private int stamp;
    private Peer[] pool = new Peer[8];
    private boolean retired;

    private static final class Peer {
        final Id20 id;
        byte[] address;
        InetAddress inetAddress;
        int port;
        boolean seeder;
        long lastSeenNanos;
        int index;
        int location;
        int groupIndex;
        int chosenStamp;

        Peer(Id20 id) {
            this.id = id;
        }

        ListedPeer listed() {
            return new ListedPeer(address, port, id);
        }
    }

    private static final class Group {
        final int location;
        Peer[] members = new Peer[4];
        int size;
        double cost;

        Group(int location) {
            this.location = location;
        }
    }

    /**
     * Records an announce; a new peer is kept only when {@code mayGrow} and the swarm has fewer than
     * {@code maxPeers}. How many peers the swarm gained: 1, 0 or -1 (a stopped peer); or
     * {@link #RETIRED} when this swarm was emptied and dropped meanwhile (announce to its successor).
     */
    synchronized int announce(Announce announce, InetAddress address, long nowNanos, int maxPeers, boolean mayGrow) {
        if (retired) {
            return RETIRED;
        }
        Peer peer = byId.get(announce.peerId());
        if (announce.event() == Announce.Event.STOPPED) {
            if (peer != null) {
                remove(peer);
                return -1;
            }
            return 0;
        }
        if (announce.event() == Announce.Event.COMPLETED) {
            completed++;
        }
        int gained = 0;
        if (peer == null) {
            if (size >= maxPeers || !mayGrow) {
                return 0;
            }
            gained = 1;
            peer = new Peer(announce.peerId());
            byId.put(peer.id, peer);
            if (size == peers.length) {
                peers = Arrays.copyOf(peers, size * 2);
            }
            peer.index = size;
            peers[size++] = peer;
            place(peer, address);
        } else if (!peer.inetAddress.equals(address)) {
            unplace(peer);
            place(peer, address);
        }
        if (peer.seeder != announce.seeder()) {
            seeders += announce.seeder() ? 1 : -1;
            peer.seeder = announce.seeder();
        }
        peer.port = announce.port();
        peer.lastSeenNanos = nowNanos;
        return gained;
    }

    private void place(Peer peer, InetAddress address) {
        peer.inetAddress = address;
        peer.address = address.getAddress();
        if (locatedWith != null) {
            peer.location = locatedWith.locate(address);
            join(peer);
        }
    }

    private void unplace(Peer peer) {
        if (locatedWith != null) {
            leave(peer);
        }
    }

    private void remove(Peer peer) {
        byId.remove(peer.id);
        unplace(peer);
        if (peer.seeder) {
            seeders--;
        }
        Peer last = peers[--size];
        peers[peer.index] = last;
        last.index = peer.index;
        peers[size] = null;
    }

    private void join(Peer peer) {
        Group group = groups.computeIfAbsent(peer.location, Group::new);
        if (group.size == group.members.length) {
            group.members = Arrays.copyOf(group.members, group.size * 2);
        }
        peer.groupIndex = group.size;
        group.members[group.size++] = peer;
    }

    private void leave(Peer peer) {
        Group group = groups.get(peer.location);
        Peer last = group.members[--group.size];
        group.members[peer.groupIndex] = last;
        last.groupIndex = peer.groupIndex;
        group.members[group.size] = null;
        if (group.size == 0) {
            groups.remove(peer.location);
        }
    }

    /** Removes the peers not seen since {@code cutoffNanos}; how many. */
    synchronized int expire(long cutoffNanos) {
        int removed = 0;
        for (int i = size - 1; i >= 0; i--) {
            if (peers[i].lastSeenNanos - cutoffNanos < 0) {
                remove(peers[i]);
                removed++;
            }
        }
        return removed;
    }

    /** Marks an empty swarm as no longer in use, so that no announce is lost in it; whether it was empty. */
    synchronized boolean retireIfEmpty() {
        retired = size == 0;
        return retired;
    }

    synchronized int size() {
        return size;
    }

    synchronized int seeders() {
        return seeders;
    }

    synchronized long completed() {
        return completed;
    }

    /**
     * Up to {@code numwant} peers for the peer {@code self} at {@code source}: never itself, no
     * seeders for a seeder; with guidance the cheapest PIDs first (random order among equal costs)
     * and {@code randomShare} of the places, spread over the list, for peers drawn at random;
     * without guidance, peers drawn at random.
     */
    synchronized Selection select(Id20 self, InetAddress source, boolean selfSeeder, int numwant, double randomShare,
                                  MapGuidance guidance, RandomGenerator random) {
        Peer own = byId.get(self);
        int others = size - (own == null ? 0 : 1);
        int otherSeeders = seeders - (own != null && own.seeder ? 1 : 0);
        int want = Math.min(numwant, selfSeeder ? others - otherSeeders : others);
        if (want <= 0) {
            return new Selection(List.of(), 0, 0, 0);
        }
        stamp++;
        if (own != null) {
            own.chosenStamp = stamp; // never listed to itself
        }
        if (guidance == null) {
            List<ListedPeer> listed = new ArrayList<>(want);
            for (int i = 0; i < want; i++) {
                listed.add(draw(selfSeeder, random).listed());
            }
            return new Selection(listed, 0, 0, want);
        }
        if (guidance != locatedWith) {
            relocate(guidance);
        }
        int sourceLocation = guidance.locate(source);
        int randomPlaces = (int) Math.round(randomShare * want);
        Peer[] ranked = best(want - randomPlaces, sourceLocation, selfSeeder, guidance, random);
        List<ListedPeer> listed = new ArrayList<>(want);
        int samePid = 0;
        int unranked = 0;
        int next = 0;
        for (int position = 0; position < want; position++) {
            Peer peer;
            if (PeerOrder.isRandomPlace(position, randomPlaces, want)) {
                peer = draw(selfSeeder, random);
            } else {
                peer = ranked[next++];
                unranked += Double.isNaN(guidance.cost(sourceLocation, peer.location)) ? 1 : 0;
                samePid += peer.location == sourceLocation ? 1 : 0;
            }
            listed.add(peer.listed());
        }
        return new Selection(listed, samePid, randomPlaces, unranked);
    }

    private void relocate(MapGuidance guidance) {
        groups.clear();
        locatedWith = guidance;
        for (int i = 0; i < size; i++) {
            peers[i].location = guidance.locate(peers[i].inetAddress);
            join(peers[i]);
        }
    }

    /** The {@code count} eligible peers of lowest cost from {@code sourceLocation}, marked chosen. */
    private Peer[] best(int count, int sourceLocation, boolean selfSeeder, MapGuidance guidance, RandomGenerator random) {
        Group[] byCost = groups.values().toArray(Group[]::new);
        for (Group group : byCost) {
            double cost = guidance.cost(sourceLocation, group.location);
            group.cost = Double.isNaN(cost) ? Double.POSITIVE_INFINITY : cost;
        }
        Arrays.sort(byCost, Comparator.comparingDouble(group -> group.cost));
        Peer[] chosen = new Peer[count];
        int filled = 0;
        for (int run = 0; run < byCost.length && filled < count; ) {
            // The groups of equal cost form one pool: ties are broken at random across PIDs.
            int end = run;
            int pooled = 0;
            while (end < byCost.length && byCost[end].cost == byCost[run].cost) {
                Group group = byCost[end++];
                for (int i = 0; i < group.size; i++) {
                    Peer peer = group.members[i];
                    if (eligible(peer, selfSeeder)) {
                        if (pooled == pool.length) {
                            pool = Arrays.copyOf(pool, pooled * 2);
                        }
                        pool[pooled++] = peer;
                    }
                }
            }
            for (int i = 0; i < pooled && filled < count; i++) { // partial Fisher-Yates
                int pick = i + random.nextInt(pooled - i);
                Peer peer = pool[pick];
                pool[pick] = pool[i];
                peer.chosenStamp = stamp;
                chosen[filled++] = peer;
            }
            run = end;
        }
        Arrays.fill(pool, null);
        return chosen;
    }

    /** A uniformly drawn eligible peer not chosen yet, marked chosen; the caller knows one is left. */
    private Peer draw(boolean selfSeeder, RandomGenerator random) {
        for (int attempt = 0; attempt < RANDOM_DRAWS; attempt++) {
            Peer peer = peers[random.nextInt(size)];
            if (eligible(peer, selfSeeder)) {
                peer.chosenStamp = stamp;
                return peer;
            }
        }
        // Few candidates left among many peers: list them rather than keep drawing.
        int left = 0;
        for (int i = 0; i < size; i++) {
            left += eligible(peers[i], selfSeeder) ? 1 : 0;
        }
        int skip = random.nextInt(left);
        for (int i = 0; ; i++) {
            if (eligible(peers[i], selfSeeder) && skip-- == 0) {
                peers[i].chosenStamp = stamp;
                return peers[i];
            }
        }
    }

    private boolean eligible(Peer peer, boolean selfSeeder) {
        return peer.chosenStamp != stamp && !(selfSeeder && peer.seeder);
    }
}
