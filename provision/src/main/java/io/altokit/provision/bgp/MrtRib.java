package io.altokit.provision.bgp;

import io.altokit.core.PrefixKey;
import io.altokit.provision.mrt.Peer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ObjIntConsumer;

/**
 * The routes an MRT file leaves each peer holding, reduced to the PID each route was given: RIB entries
 * and announcements replace the peer's route to the prefix, withdrawals remove it. A prefix then goes to
 * the PID of the earliest peer still holding it. Per prefix, one int per peer holding it.
 */
final class MrtRib {
    private final Map<Peer, Integer> peerIds = new HashMap<>();
    /** Per prefix, {@code peerId << 16 | pidIndex} for each peer holding it, in the order they first announced it. */
    private final Map<PrefixKey, int[]> routes = new LinkedHashMap<>();

    void announce(PrefixKey prefix, Peer peer, int pidIndex) {
        int peerId = peerIds.computeIfAbsent(peer, p -> peerIds.size());
        int route = peerId << 16 | pidIndex;
        int[] held = routes.get(prefix);
        if (held == null) {
            routes.put(prefix, new int[] {route});
            return;
        }
        int at = indexOf(held, peerId);
        if (at >= 0) {
            held[at] = route;
        } else {
            int[] grown = Arrays.copyOf(held, held.length + 1);
            grown[held.length] = route;
            routes.put(prefix, grown);
        }
    }

    void withdraw(PrefixKey prefix, Peer peer) {
        Integer peerId = peerIds.get(peer);
        int[] held = routes.get(prefix);
        int at = peerId == null || held == null ? -1 : indexOf(held, peerId);
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

    private static int indexOf(int[] held, int peerId) {
        for (int i = 0; i < held.length; i++) {
            if (held[i] >>> 16 == peerId) {
                return i;
            }
        }
        return -1;
    }
}
