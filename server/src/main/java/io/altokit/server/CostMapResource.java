package io.altokit.server;

import io.altokit.core.CostMatrix;
import io.altokit.model.CostMapResponse;
import io.altokit.model.CostType;
import io.altokit.model.Directory;
import io.altokit.model.MediaTypes;
import io.altokit.model.ResponseEncoder;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Reply;
import io.altokit.server.http.Representation;

import java.util.List;
import java.util.Optional;

/** GET /costmap/&lt;cost-type-name&gt;: one full cost map, serialized once per snapshot, ETag = matrix vtag. */
final class CostMapResource implements AltoResource {
    private final ResourceDescriptor descriptor;
    private final CostType costType;
    private final CostMatrix matrix;
    private final NetworkMapResource networkMap;
    private final List<CostQuery.Location> pids;
    private volatile Representation body;

    CostMapResource(String costTypeName, CostType costType, CostMatrix matrix, NetworkMapResource networkMap,
                    List<CostQuery.Location> pids) {
        this.descriptor = ResourceDescriptor.get("costmap-" + costTypeName, "/costmap/" + costTypeName, MediaTypes.COST_MAP,
                new Directory.Capabilities(List.of(costTypeName), Optional.empty(), List.of()),
                List.of(networkMap.descriptor().id()));
        this.costType = costType;
        this.matrix = matrix;
        this.networkMap = networkMap;
        this.pids = pids;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Reply handle(AltoRequest request) {
        return Reply.ok(descriptor.mediaType(), full());
    }

    CostType costType() {
        return costType;
    }

    /** The full map, rendered once per snapshot for every GET and update stream. */
    Representation full() {
        Representation result = body;
        if (result == null) {
            var costs = CostQuery.compute(pids, pids, matrix, costType.mode(), List.of());
            byte[] bytes = ResponseEncoder.costMap(new CostMapResponse(List.of(networkMap.vtag()), costType, costs));
            result = Representation.tagged(bytes, matrix.vtag() + "-" + costType.mode().wireName());
            body = result;
        }
        return result;
    }

}
