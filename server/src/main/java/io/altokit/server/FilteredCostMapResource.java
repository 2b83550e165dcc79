package io.altokit.server;

import io.altokit.core.CostMatrix;
import io.altokit.core.NetworkMap;
import io.altokit.model.CostMapFilter;
import io.altokit.model.CostMapResponse;
import io.altokit.model.MediaTypes;
import io.altokit.model.RequestDecoder;
import io.altokit.model.ResponseEncoder;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;

import java.util.LinkedHashSet;
import java.util.List;

/** POST /costmap/filtered (RFC 7285 11.3.2): any offered cost type, PID subsets, cost constraints. */
final class FilteredCostMapResource implements AltoResource.Service<CostMapFilter> {
    private static final Query.Parser<CostMapFilter> PARSER = new Query.Parser<>(RequestDecoder::costMapFilter);
    private final ResourceDescriptor descriptor;
    private final OfferedCosts costs;
    private final NetworkMapResource networkMapResource;
    private final NetworkMap networkMap;
    private final List<CostQuery.Location> allPids;

    FilteredCostMapResource(OfferedCosts costs, NetworkMapResource networkMapResource, NetworkMap networkMap,
                            List<CostQuery.Location> allPids) {
        this.descriptor = ResourceDescriptor.post("filtered-cost-map", "/costmap/filtered", MediaTypes.COST_MAP,
                MediaTypes.COST_MAP_FILTER, costs.capabilities(), List.of(networkMapResource.descriptor().id()));
        this.costs = costs;
        this.networkMapResource = networkMapResource;
        this.networkMap = networkMap;
        this.allPids = allPids;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Query.Parser<CostMapFilter> parser() {
        return PARSER;
    }

    @Override
    public Reply answer(AltoRequest request, CostMapFilter filter) {
        CostMatrix matrix = costs.matrixFor(filter.costType());
        var table = CostQuery.compute(select(filter.srcPids()), select(filter.dstPids()), matrix,
                filter.costType().mode(), filter.constraints());
        return Reply.ok(descriptor.mediaType(), ResponseEncoder.costMap(
                new CostMapResponse(List.of(networkMapResource.vtag()), filter.costType(), table)));
    }

    /** RFC 7285 11.3.2.3: an empty list means every PID; duplicates count once; unknown PIDs are ignored. */
    private List<CostQuery.Location> select(List<String> names) {
        if (names.isEmpty()) {
            return allPids;
        }
        return new LinkedHashSet<>(names).stream()
                .flatMap(name -> networkMap.indexOf(name).stream().mapToObj(index -> new CostQuery.Location(name, index)))
                .toList();
    }
}
