package io.altokit.server;

import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import io.altokit.server.privacy.PrivacyPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Every resource the server offers for one snapshot under one privacy policy, by path. Built off the
 * request path whenever a snapshot is published; requests then read one immutable catalog without
 * locking. The policy decides the cost modes offered and whether the endpoint cost service exists;
 * the snapshot given is already the policy's view (aggregated prefixes, quantised costs).
 */
final class Catalog {
    private final Map<String, AltoResource> byPath = new LinkedHashMap<>();

    /** A catalog of its own, encoding its full maps afresh. */
    Catalog(Snapshot snapshot, ServerConfig config, PrivacyPolicy policy) {
        this(snapshot, config, policy, new EncodedMaps());
    }

    /** A catalog that takes over the encodings of full maps whose content {@code encodedMaps} already has. */
    Catalog(Snapshot snapshot, ServerConfig config, PrivacyPolicy policy, EncodedMaps encodedMaps) {
        NetworkMap networkMap = snapshot.networkMap();
        OfferedCosts costs = new OfferedCosts(snapshot, policy.costs().modes());
        EndpointLimits limits = new EndpointLimits(config.maxEndpointsPerRequest());
        List<CostQuery.Location> allPids = IntStream.range(0, networkMap.size())
                .mapToObj(i -> new CostQuery.Location(networkMap.pidName(i), i)).toList();

        NetworkMapResource networkMapResource = new NetworkMapResource(config.networkMapId(), networkMap);
        List<AltoResource> resources = new ArrayList<>();
        resources.add(networkMapResource);
        costs.byName().forEach((name, type) -> resources.add(
                new CostMapResource(name, type, costs.matrixFor(type), networkMapResource, allPids, encodedMaps)));
        resources.add(new FilteredNetworkMapResource(networkMapResource, networkMap.pidNames()));
        resources.add(new FilteredCostMapResource(costs, networkMapResource, networkMap, allPids));
        resources.add(new EndpointPropertyResource(networkMapResource, networkMap, limits));
        if (policy.endpointCost()) {
            resources.add(new EndpointCostResource(costs, networkMap, limits));
        }

        byPath.put(DirectoryResource.PATH, new DirectoryResource(resources, costs, networkMapResource.id()));
        resources.forEach(resource -> byPath.put(resource.path(), resource));
    }

    /** The ids of the resources the catalog holds, the directory's included. */
    Set<String> resourceIds() {
        Set<String> ids = new TreeSet<>();
        byPath.values().forEach(resource -> ids.add(resource.id()));
        return ids;
    }

    Optional<AltoResource> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }
}
