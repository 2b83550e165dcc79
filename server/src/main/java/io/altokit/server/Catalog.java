package io.altokit.server;

import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.protection.Grant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Every resource the server offers one view of callers for one snapshot, by path, with the
 * directory listing them. Built off the request path whenever a snapshot is published; requests
 * then read one immutable catalog without locking. The privacy policy decides the cost modes
 * offered and whether the endpoint cost service exists; the snapshot given is already the policy's
 * view (aggregated prefixes, quantised costs). {@link #restrictedTo} narrows it to what an access
 * grant shows, sharing the resources (and their rendered answers).
 */
final class Catalog {
    private final List<AltoResource> resources;
    private final OfferedCosts costs;
    private final String defaultNetworkMap;
    private final Map<String, AltoResource> byPath = new LinkedHashMap<>();

    /** A catalog of its own, encoding its full maps afresh. */
    Catalog(Snapshot snapshot, ServerConfig config, PrivacyPolicy policy) {
        this(snapshot, config, policy, new EncodedMaps());
    }

    /** A catalog that takes over the encodings of full maps whose content {@code encodedMaps} already has. */
    Catalog(Snapshot snapshot, ServerConfig config, PrivacyPolicy policy, EncodedMaps encodedMaps) {
        NetworkMap networkMap = snapshot.networkMap();
        this.costs = new OfferedCosts(snapshot, policy.costs().modes());
        EndpointLimits limits = new EndpointLimits(config.maxEndpointsPerRequest());
        List<CostQuery.Location> allPids = IntStream.range(0, networkMap.size())
                .mapToObj(i -> new CostQuery.Location(networkMap.pidName(i), i)).toList();

        NetworkMapResource networkMapResource = new NetworkMapResource(config.networkMapId(), networkMap);
        List<AltoResource> offered = new ArrayList<>();
        offered.add(networkMapResource);
        costs.byName().forEach((name, type) -> offered.add(
                new CostMapResource(name, type, costs.matrixFor(type), networkMapResource, allPids, encodedMaps)));
        offered.add(new FilteredNetworkMapResource(networkMapResource, networkMap.pidNames()));
        offered.add(new FilteredCostMapResource(costs, networkMapResource, networkMap, allPids));
        offered.add(new EndpointPropertyResource(networkMapResource, networkMap, limits));
        if (policy.endpointCost()) {
            offered.add(new EndpointCostResource(costs, networkMap, limits));
        }
        this.resources = List.copyOf(offered);
        this.defaultNetworkMap = networkMapResource.descriptor().id();
        index(DirectoryResource.listing(resources, costs, defaultNetworkMap));
    }

    private Catalog(Catalog full, Grant grant) {
        this.resources = full.resources.stream().filter(resource -> grant.covers(resource.descriptor().id())).toList();
        this.costs = full.costs;
        this.defaultNetworkMap = full.defaultNetworkMap;
        index(DirectoryResource.restricted(resources, costs, Optional.of(defaultNetworkMap).filter(grant::covers)));
    }

    private void index(DirectoryResource directory) {
        byPath.put(DirectoryResource.PATH, directory);
        resources.forEach(resource -> byPath.put(resource.descriptor().path(), resource));
    }

    /** This catalog as a caller with {@code grant} sees it: the resources granted, and a directory listing only those. */
    Catalog restrictedTo(Grant grant) {
        return grant.all() ? this : new Catalog(this, grant);
    }

    /** The ids of the resources the catalog holds, the directory's included. */
    Set<String> resourceIds() {
        Set<String> ids = new TreeSet<>();
        byPath.values().forEach(resource -> ids.add(resource.descriptor().id()));
        return ids;
    }

    Optional<AltoResource> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }
}
