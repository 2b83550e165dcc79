package io.altokit.server;

import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import io.altokit.model.MediaTypes;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.update.MapPatches;
import io.altokit.server.update.Streamable;
import io.altokit.server.update.StreamableCatalog;
import io.altokit.server.update.UpdateStreams;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * Every resource the server offers for one snapshot under one privacy policy, by path. Built off the
 * request path whenever a snapshot is published; requests then read one immutable catalog without
 * locking. The policy decides the cost modes offered and whether the endpoint cost service exists;
 * the snapshot given is already the policy's view (aggregated prefixes, quantised costs).
 */
final class Catalog implements StreamableCatalog {
    private final Map<String, AltoResource> byPath = new LinkedHashMap<>();
    private final Snapshot snapshot;
    private final PrivacyPolicy policy;
    /** What update streams may follow, by resource id, in directory order. */
    private final Map<String, Streamable> streamables = new LinkedHashMap<>();
    private final UpdateControlResource control;

    Catalog(Snapshot snapshot, ServerConfig config, PrivacyPolicy policy, UpdateStreams streams) {
        this.snapshot = snapshot;
        this.policy = policy;
        NetworkMap networkMap = snapshot.networkMap();
        OfferedCosts costs = new OfferedCosts(snapshot, policy.costs().modes());
        EndpointLimits limits = new EndpointLimits(config.maxEndpointsPerRequest());
        List<CostQuery.Location> allPids = IntStream.range(0, networkMap.size())
                .mapToObj(i -> new CostQuery.Location(networkMap.pidName(i), i)).toList();

        NetworkMapResource networkMapResource = new NetworkMapResource(config.networkMapId(), networkMap);
        List<AltoResource> resources = new ArrayList<>();
        resources.add(networkMapResource);
        costs.byName().forEach((name, type) -> resources.add(
                new CostMapResource(name, type, costs.matrixFor(type), networkMapResource, allPids)));
        resources.add(new FilteredNetworkMapResource(networkMapResource, networkMap.pidNames()));
        resources.add(new FilteredCostMapResource(costs, networkMapResource, networkMap, allPids));
        resources.add(new EndpointPropertyResource(networkMapResource, networkMap, limits));
        if (policy.endpointCost()) {
            resources.add(new EndpointCostResource(costs, networkMap, limits));
        }
        resources.forEach(this::offerToStreams);
        Map<String, String> patchTypes = new LinkedHashMap<>();
        streamables.keySet().forEach(id -> patchTypes.put(id, MediaTypes.MERGE_PATCH));
        resources.add(new UpdateStreamResource(this, streams, patchTypes));
        this.control = new UpdateControlResource(this, streams);

        byPath.put(DirectoryResource.PATH, new DirectoryResource(resources, costs, networkMapResource.descriptor().id()));
        resources.forEach(resource -> byPath.put(resource.descriptor().path(), resource));
    }

    /** The ids of the resources the catalog holds, the directory's included. */
    Set<String> resourceIds() {
        Set<String> ids = new TreeSet<>();
        byPath.values().forEach(resource -> ids.add(resource.descriptor().id()));
        return ids;
    }

    /** The resource at {@code path}; a stream's control URI is the control resource's path plus the stream's id. */
    Optional<AltoResource> find(String path) {
        AltoResource resource = byPath.get(path);
        if (resource == null && path.startsWith(UpdateStreams.CONTROL_PATH)) {
            return Optional.of(control);
        }
        return Optional.ofNullable(resource);
    }

    PrivacyPolicy policy() {
        return policy;
    }

    @Override
    public Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public Optional<Streamable> streamable(String resourceId) {
        return Optional.ofNullable(streamables.get(resourceId));
    }

    /**
     * Full maps are patched from change sets; filtered cost maps and endpoint costs are answered
     * again for each publication and compared. The answer to an input is what a POST with it gets.
     */
    private void offerToStreams(AltoResource resource) {
        String id = resource.descriptor().id();
        String mediaType = resource.descriptor().mediaType();
        switch (resource) {
            case NetworkMapResource map -> streamables.put(id, new Streamable.FullMap(id, mediaType, 0,
                    Optional.of(map.vtag().tag()), () -> map.full().identity(), changes -> MapPatches.networkMap(id, changes)));
            case CostMapResource map -> streamables.put(id, new Streamable.FullMap(id, mediaType, 1, Optional.empty(),
                    () -> map.full().identity(), changes -> MapPatches.costMap(resource.descriptor().uses().getFirst(),
                    map.costType().metric(), map.costType().mode(), changes)));
            case FilteredCostMapResource query -> streamables.put(id, new Streamable.Query(id, mediaType, answer(query)));
            case EndpointCostResource query -> streamables.put(id, new Streamable.Query(id, mediaType, answer(query)));
            default -> {
            }
        }
    }

    private static BiFunction<byte[], InetAddress, byte[]> answer(AltoResource resource) {
        ResourceDescriptor descriptor = resource.descriptor();
        return (input, client) -> resource.handle(new AltoRequest("POST", descriptor.path(), Optional.of(descriptor.mediaType()),
                descriptor.accepts(), Optional.empty(), input, client)).body().identity();
    }
}
