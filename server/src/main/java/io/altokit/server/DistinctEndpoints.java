package io.altokit.server;

import io.altokit.core.NetworkMap;
import io.altokit.model.AddressType;
import io.altokit.model.EndpointCostScan;

import java.util.Arrays;

/**
 * The distinct endpoints of a scanned request, in first-seen order, each with its PID. Endpoints
 * are the same when their texts are (RFC 7285 keys results by the text); equal texts mean equal
 * address bits, so the bits serve as the hash and the text bytes settle collisions.
 */
record DistinctEndpoints(int[] indexes, int[] pids) {

    static DistinctEndpoints of(EndpointCostScan.Endpoints endpoints, byte[] body, NetworkMap networkMap) {
        int size = endpoints.size();
        int[] table = new int[Integer.highestOneBit(Math.max(1, size) * 2) * 2];
        Arrays.fill(table, -1);
        int mask = table.length - 1;
        int[] indexes = new int[size];
        int[] pids = new int[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            long high = endpoints.high(i);
            long low = endpoints.low(i);
            int slot = hash(high, low) & mask;
            while (table[slot] >= 0 && !sameText(endpoints, body, indexes[table[slot]], i)) {
                slot = (slot + 1) & mask;
            }
            if (table[slot] < 0) {
                table[slot] = count;
                indexes[count] = i;
                pids[count] = endpoints.type(i) == AddressType.IPV4
                        ? networkMap.lookupIpv4((int) (high >>> 32))
                        : networkMap.lookupIpv6(high, low);
                count++;
            }
        }
        return new DistinctEndpoints(Arrays.copyOf(indexes, count), Arrays.copyOf(pids, count));
    }

    private static int hash(long high, long low) {
        long mixed = (high ^ Long.rotateLeft(low, 29)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32);
    }

    private static boolean sameText(EndpointCostScan.Endpoints endpoints, byte[] body, int a, int b) {
        return endpoints.high(a) == endpoints.high(b) && endpoints.low(a) == endpoints.low(b)
                && Arrays.equals(body, endpoints.textStart(a), endpoints.textEnd(a),
                        body, endpoints.textStart(b), endpoints.textEnd(b));
    }
}
