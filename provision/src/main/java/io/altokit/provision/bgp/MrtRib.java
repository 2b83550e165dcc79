package io.altokit.provision.bgp;

import io.altokit.core.PrefixKey;
import io.altokit.provision.mrt.Peer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ObjIntConsumer;

/**
 * The routes an MRT file leaves each peer holding, reduced to the PID each route was given: RIB entries
 * and announcements replace the peer's route to the prefix (each ADD-PATH path is a route of its own),
 * withdrawals remove it. A prefix then goes to the PID of the earliest route still held. Per prefix,
 * one int per route held: memory grows with peers times prefixes.
 */
final class MrtRib {
    /** A route's source: the peer, and for RFC 8050 RIB entries the path identifier. */
    private record Source(Peer peer, OptionalLong pathId) {
    }

    private static final int MAX_SOURCE = 0xFFFF;

    private final Map<Source, Integer> sourceIds = new HashMap<>();
    /** Per prefix, {@code sourceId << 16 | pidIndex} for each route held, in the order they were first announced. */
    private final Map<PrefixKey, int[]> routes = new LinkedHashMap<>();

    void announce(PrefixKey prefix, Peer peer, OptionalLong pathId, int pidIndex) {
        int sourceId = sourceIds.computeIfAbsent(new Source(peer, pathId), p -> sourceIds.size());
        if (sourceId > MAX_SOURCE) {
            throw new IllegalStateException("routes from more than " + (MAX_SOURCE + 1) + " peers and ADD-PATH paths; "
                    + "choose one peer with mrt.peer");
        }
        int route = sourceId << 16 | pidIndex;
        int[] held = routes.get(prefix);
        if (held == null) {
            routes.put(prefix, new int[] {route});
            return;
        }
        int at = indexOf(held, sourceId);
        if (at >= 0) {
            held[at] = route;
        } else {
            int[] grown = Arrays.copyOf(held, held.length + 1);
            grown[held.length] = route;
            routes.put(prefix, grown);
        }
    }

    void withdraw(PrefixKey prefix, Peer peer) {
        Integer sourceId = sourceIds.get(new Source(peer, OptionalLong.empty()));
        int[] held = routes.get(prefix);
        int at = sourceId == null || held == null ? -1 : indexOf(held, sourceId);
        if (at < 0) {
            return;
        }
        if (held.length == 1) {
            routes.remove(prefix);
            return;
        }
        int[] shrunk = new int[held.length - 1];
        System.arraycopy(held, 0, shrunk, 0, at);
        System.arraycopy(held, at + 1, shrunk, at, shrunk.length - at);
        routes.put(prefix, shrunk);
    }

    /** Each prefix some peer holds, with the PID index of the earliest such peer's route, in first-announced order. */
    void forEach(ObjIntConsumer<PrefixKey> action) {
        routes.forEach((prefix, held) -> action.accept(prefix, held[0] & 0xFFFF));
    }

    int size() {
        return routes.size();
    }

    private static int indexOf(int[] held, int sourceId) {
        for (int i = 0; i < held.length; i++) {
            if (held[i] >>> 16 == sourceId) {
                return i;
            }
        }
        return -1;
    }
}
