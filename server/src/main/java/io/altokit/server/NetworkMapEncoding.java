package io.altokit.server;

import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.model.AddressType;
import io.altokit.model.ResponseEncoder;
import io.altokit.model.VersionTag;
import io.altokit.server.http.Representation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The full network map encoded PID by PID: a {@link SegmentedBody} of the head (meta: vtag), one
 * segment per PID ({@code "pid":{"ipv4":[...],"ipv6":[...]}}, with the comma before it) and the tail,
 * byte for byte what {@link ResponseEncoder#networkMap} writes. The next version is {@linkplain
 * #next derived} from this one: a BGP change that moves some PIDs' prefixes encodes and compresses
 * those PIDs' entries and the head again, and copies the others.
 */
final class NetworkMapEncoding {

    private final NetworkMap map;
    private final SegmentedBody body;

    private NetworkMapEncoding(NetworkMap map, SegmentedBody body) {
        this.map = map;
        this.body = body;
    }

    /** The map encoded whole, with {@code vtag} in its meta. */
    static NetworkMapEncoding of(VersionTag vtag, NetworkMap map) {
        byte[][] segments = new byte[map.size() + 2][];
        segments[0] = ResponseEncoder.networkMapHead(vtag);
        for (int pid = 0; pid < map.size(); pid++) {
            segments[pid + 1] = entry(map, pid);
        }
        segments[map.size() + 1] = ResponseEncoder.costMapTail();
        return new NetworkMapEncoding(map, SegmentedBody.of(segments));
    }

    /** {@code next} (tagged {@code vtag}) derived from this encoding: whole if the PIDs differ, else the changed PIDs' entries. */
    NetworkMapEncoding next(VersionTag vtag, NetworkMap next) {
        if (!next.pidNames().equals(map.pidNames())) {
            return of(vtag, next);
        }
        byte[][] replacements = new byte[next.size() + 2][];
        replacements[0] = ResponseEncoder.networkMapHead(vtag);
        for (int pid = 0; pid < next.size(); pid++) {
            if (!samePrefixes(map, next, pid)) {
                replacements[pid + 1] = entry(next, pid);
            }
        }
        return new NetworkMapEncoding(next, body.with(replacements));
    }

    /** The encoded map, served with {@code tag} as its ETag. */
    Representation representation(String tag) {
        return Representation.compressed(body.gzipped(), body.length(), tag);
    }

    private static boolean samePrefixes(NetworkMap a, NetworkMap b, int pid) {
        for (AddressFamily family : AddressFamily.values()) {
            if (!a.prefixes(pid, family).equals(b.prefixes(pid, family))) {
                return false;
            }
        }
        return true;
    }

    /** One PID's entry, with the comma before it unless it is the first (every PID is listed, even without prefixes). */
    private static byte[] entry(NetworkMap map, int pid) {
        Map<AddressType, List<String>> groups = new EnumMap<>(AddressType.class);
        for (AddressType type : AddressType.values()) {
            List<IpPrefix> prefixes = map.prefixes(pid, type == AddressType.IPV4 ? AddressFamily.IPV4 : AddressFamily.IPV6);
            if (!prefixes.isEmpty()) {
                groups.put(type, prefixes.stream().map(IpPrefix::toString).toList());
            }
        }
        byte[] entry = ResponseEncoder.networkMapEntry(map.pidName(pid), groups);
        if (pid == 0) {
            return entry;
        }
        byte[] withComma = new byte[entry.length + 1];
        withComma[0] = ',';
        System.arraycopy(entry, 0, withComma, 1, entry.length);
        return withComma;
    }
}
