package io.altokit.server;

import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import io.altokit.model.MediaTypes;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.protection.Call;
import io.altokit.server.protection.Grant;
import io.altokit.server.update.MapPatches;
import io.altokit.server.update.Streamable;
import io.altokit.server.update.StreamableCatalog;
import io.altokit.server.update.UpdateStreams;
import io.altokit.server.update.tips.TipsViews;

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
 * Every resource the server offers one view of callers for one snapshot, by path, with the
 * directory listing them. Built off the request path whenever a snapshot is published; requests
 * then read one immutable catalog without locking. The privacy policy decides the cost modes
 * offered and whether the endpoint cost service exists; the snapshot given is already the policy's
 * view (aggregated prefixes, quantised costs). {@link #restrictedTo} narrows it to what an access
 * grant shows, sharing the resources (and their rendered answers).
 */
final class Catalog implements StreamableCatalog, Call.Inputs {
    /**
     * Which callers a catalog serves, the same from one snapshot to the next: its privacy policy and
     * access grant. Update streams of one view share their events.
     */
    record View(PrivacyPolicy policy, Grant grant) {
    }

    /** Full maps are patched either way, whichever is smaller per update. */
    private static final List<String> PATCH_TYPES = List.of(MediaTypes.MERGE_PATCH, MediaTypes.JSON_PATCH);

    private final List<AltoResource> resources;
    private final OfferedCosts costs;
    private final String defaultNetworkMap;
    private final Map<String, AltoResource> byPath = new LinkedHashMap<>();
    private final Snapshot snapshot;
    private final View view;
    /** What update streams may follow, by resource id, in directory order. */
    private final Map<String, Streamable> streamables = new LinkedHashMap<>();
    private final UpdateControlResource control;
    private final TipsEdgeResource tipsEdges;
    private final TipsGraphResource tipsGraphs;

    /**
     * @param encodedMaps full maps already encoded, taken over where their content is unchanged
     * @param streams the update streams its update stream resource opens streams on
     * @param tips the TIPS views its TIPS resource opens views on
     */
    Catalog(Snapshot snapshot, ServerConfig config, PrivacyPolicy policy, EncodedMaps encodedMaps, UpdateStreams streams,
            TipsViews tips) {
        this.snapshot = snapshot;
        this.view = new View(policy, Grant.ALL);
        NetworkMap networkMap = snapshot.networkMap();
        this.costs = new OfferedCosts(snapshot, policy.costs().modes());
        EndpointLimits limits = new EndpointLimits(config.maxEndpointsPerRequest());
        List<CostQuery.Location> allPids = IntStream.range(0, networkMap.size())
                .mapToObj(i -> new CostQuery.Location(networkMap.pidName(i), i)).toList();

        NetworkMapResource networkMapResource = new NetworkMapResource(config.networkMapId(), networkMap, encodedMaps, policy);
        List<AltoResource> offered = new ArrayList<>();
        offered.add(networkMapResource);
        costs.byName().forEach((name, type) -> offered.add(
                new CostMapResource(name, type, costs.matrixFor(type, "cost-type"), networkMapResource, networkMap.pidNames(), encodedMaps,
                        policy)));
        offered.add(new FilteredNetworkMapResource(networkMapResource, networkMap.pidNames()));
        CalendarAnswers calendars = new CalendarAnswers(config.clock());
        offered.add(new FilteredCostMapResource("filtered-cost-map", "/costmap/filtered", costs.capabilities(), costs,
                networkMapResource, networkMap, allPids, calendars));
        offered.add(new FilteredCostMapResource("filtered-multi-cost-map", "/costmap/filtered/multi", costs.numericalTestable(),
                costs, networkMapResource, networkMap, allPids, calendars));
        offered.add(new EndpointPropertyResource(networkMapResource, networkMap, limits));
        EntityPropertyMap entityProperties = new EntityPropertyMap(networkMapResource.vtag(), networkMap, snapshot.pidProperties());
        offered.add(new PropertyMapResource(entityProperties, networkMapResource));
        offered.add(new FilteredPropertyMapResource(entityProperties, networkMapResource, limits));
        if (policy.endpointCost()) {
            offered.add(new EndpointCostResource(costs, networkMap, limits, calendars));
        }
        offered.forEach(this::offerToStreams);
        offered.add(new UpdateStreamResource(this, streams, patchTypes()));
        offered.add(new TipsResource(this, tips, patchTypes()));
        this.control = new UpdateControlResource(this, streams);
        this.tipsEdges = new TipsEdgeResource(this, tips);
        this.tipsGraphs = new TipsGraphResource(this, tips);
        this.resources = List.copyOf(offered);
        this.defaultNetworkMap = networkMapResource.descriptor().id();
        index(DirectoryResource.listing(resources, costs, defaultNetworkMap));
    }

    /** The update stream and TIPS resources are made anew for the grant, so that they serve only what the grant covers. */
    private Catalog(Catalog full, Grant grant, UpdateStreams streams, TipsViews tips) {
        this.snapshot = full.snapshot;
        this.view = new View(full.view.policy(), grant);
        full.streamables.forEach((id, streamable) -> {
            if (grant.covers(id)) {
                streamables.put(id, streamable);
            }
        });
        List<AltoResource> granted = new ArrayList<>(full.resources.stream()
                .filter(resource -> !(resource instanceof UpdateStreamResource || resource instanceof TipsResource))
                .filter(resource -> grant.covers(resource.descriptor().id())).toList());
        UpdateStreamResource updates = new UpdateStreamResource(this, streams, patchTypes());
        if (grant.covers(updates.descriptor().id())) {
            granted.add(updates);
        }
        TipsResource tipsResource = new TipsResource(this, tips, patchTypes());
        if (grant.covers(tipsResource.descriptor().id())) {
            granted.add(tipsResource);
        }
        this.control = new UpdateControlResource(this, streams);
        this.tipsEdges = new TipsEdgeResource(this, tips);
        this.tipsGraphs = new TipsGraphResource(this, tips);
        this.resources = List.copyOf(granted);
        this.costs = full.costs;
        this.defaultNetworkMap = full.defaultNetworkMap;
        index(DirectoryResource.restricted(resources, costs, Optional.of(defaultNetworkMap).filter(grant::covers)));
    }

    /** By resource id, the patch media types (comma-separated, RFC 8895 section 6.3, RFC 9569 section 5.2) of each resource an update stream or a TIPS view can follow. */
    private Map<String, String> patchTypes() {
        Map<String, String> patchTypes = new LinkedHashMap<>();
        streamables.forEach((id, streamable) -> patchTypes.put(id, String.join(",", streamable.patchMediaTypes())));
        return patchTypes;
    }

    private void index(DirectoryResource directory) {
        byPath.put(DirectoryResource.PATH, directory);
        resources.forEach(resource -> byPath.put(resource.descriptor().path(), resource));
    }

    /** This catalog as a caller with {@code grant} sees it: the resources granted, and a directory listing only those. */
    Catalog restrictedTo(Grant grant, UpdateStreams streams, TipsViews tips) {
        return grant.all() ? this : new Catalog(this, grant, streams, tips);
    }

    /** The ids of the resources the catalog holds, the directory's included. */
    Set<String> resourceIds() {
        Set<String> ids = new TreeSet<>();
        byPath.values().forEach(resource -> ids.add(resource.descriptor().id()));
        return ids;
    }

    /**
     * The resource at {@code path}; a stream's control URI is the control resource's path plus the
     * stream's id, and below a TIPS view's URI are its updates graph ({@code ug}) and edges.
     */
    Optional<AltoResource> find(String path) {
        AltoResource resource = byPath.get(path);
        if (resource == null && path.startsWith(UpdateStreams.CONTROL_PATH) && byPath.containsKey(UpdateStreamResource.PATH)) {
            return Optional.of(control);
        }
        if (resource == null && path.startsWith(TipsViews.PATH + "/") && byPath.containsKey(TipsViews.PATH)) {
            return Optional.of(path.endsWith("/ug") ? tipsGraphs : tipsEdges);
        }
        return Optional.ofNullable(resource);
    }

    /** An input handed to the resource the directory lists under {@code resourceId}, as that resource parses a body. */
    @Override
    public Optional<Query<?>> query(String resourceId, byte[] input) {
        return resources.stream().filter(resource -> resource.descriptor().id().equals(resourceId)).findFirst()
                .map(resource -> resource.query(input));
    }

    View view() {
        return view;
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
                    Optional.of(map.vtag().tag()), () -> map.full().identity(), PATCH_TYPES,
                    (before, changes) -> MapPatches.networkMapPatches(id, before, changes)));
            case CostMapResource map -> streamables.put(id, new Streamable.FullMap(id, mediaType, 1, Optional.of(map.etag()),
                    () -> map.full().identity(), PATCH_TYPES, (before, changes) -> MapPatches.costMapPatches(
                    resource.descriptor().uses().getFirst(), map.costType().metric(), map.costType().mode(), before, changes)));
            case FilteredCostMapResource query -> streamables.put(id, new Streamable.Query(id, mediaType, answer(query)));
            case EndpointCostResource query -> streamables.put(id, new Streamable.Query(id, mediaType, answer(query)));
            default -> {
            }
        }
    }

    private static BiFunction<byte[], InetAddress, byte[]> answer(AltoResource resource) {
        ResourceDescriptor descriptor = resource.descriptor();
        return (input, client) -> resource.handle(new AltoRequest("POST", descriptor.path(), Optional.of(descriptor.mediaType()),
                descriptor.accepts(), Optional.empty(), input, client), resource.query(input)).body().identity();
    }
}
