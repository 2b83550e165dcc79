package io.altokit.server;

import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.model.AddressType;
import io.altokit.model.Directory;
import io.altokit.model.MediaTypes;
import io.altokit.model.NetworkMapResponse;
import io.altokit.model.ResponseEncoder;
import io.altokit.model.VersionTag;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;
import io.altokit.server.http.Representation;
import io.altokit.server.privacy.PrivacyPolicy;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GET /networkmap: the full network map, serialized once per snapshot and served with its vtag as
 * ETag; derived from the newest encoding of the map ({@link NetworkMapEncoding}): only the PIDs whose
 * prefixes changed are encoded and compressed again.
 */
final class NetworkMapResource implements AltoResource {
    private final ResourceDescriptor descriptor;
    private final NetworkMap map;
    private final VersionTag vtag;
    private final EncodedMaps encodedMaps;
    private final EncodedMaps.SlotVersion slot;
    private volatile Representation body;

    /** @param policy the privacy policy of the catalog it is in, whose earlier versions of the map it derives from */
    NetworkMapResource(String id, NetworkMap map, EncodedMaps encodedMaps, PrivacyPolicy policy) {
        this.descriptor = ResourceDescriptor.get(id, "/networkmap", MediaTypes.NETWORK_MAP, Directory.Capabilities.NONE,
                List.of());
        this.map = map;
        this.vtag = new VersionTag(id, map.vtag());
        this.encodedMaps = encodedMaps;
        this.slot = encodedMaps.slot(policy, descriptor.path());
    }

    VersionTag vtag() {
        return vtag;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Reply handle(AltoRequest request, Query<?> query) {
        return Reply.ok(descriptor.mediaType(), full());
    }

    /** The full map, encoded once per snapshot for every GET and update stream. */
    Representation full() {
        Representation result = body;
        if (result == null) {
            synchronized (this) {
                result = body;
                if (result == null) {
                    result = encodedMaps.encode(slot, NetworkMapEncoding.class, newest -> newest
                            .map(earlier -> earlier.next(vtag, map))
                            .orElseGet(() -> NetworkMapEncoding.of(vtag, map))).representation(vtag.tag());
                    body = result;
                }
            }
        }
        return result;
    }

    /** The map restricted to some PIDs and address types, in PID order (also used by the filtered map). */
    byte[] render(Collection<String> pids, Set<AddressType> types) {
        Map<String, Map<AddressType, List<String>>> groups = new LinkedHashMap<>();
        for (String pid : pids) {
            map.indexOf(pid).ifPresent(index -> {
                Map<AddressType, List<String>> byType = new EnumMap<>(AddressType.class);
                for (AddressType type : types) {
                    List<IpPrefix> prefixes = map.prefixes(index, family(type));
                    if (!prefixes.isEmpty()) {
                        byType.put(type, prefixes.stream().map(IpPrefix::toString).toList());
                    }
                }
                groups.put(pid, byType);
            });
        }
        return ResponseEncoder.networkMap(new NetworkMapResponse(vtag, groups));
    }

    private static AddressFamily family(AddressType type) {
        return type == AddressType.IPV4 ? AddressFamily.IPV4 : AddressFamily.IPV6;
    }
}
