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

/**
 * GET /costmap/&lt;cost-type-name&gt;: one full cost map, serialized once for as long as its content
 * tag (matrix vtag and cost mode) stays, across snapshots ({@link EncodedMaps}); ETag = that tag.
 */
final class CostMapResource implements AltoResource {
    private final String costTypeName;
    private final CostType costType;
    private final CostMatrix matrix;
    private final NetworkMapResource networkMap;
    private final List<CostQuery.Location> pids;
    private final String contentTag;
    private final EncodedMaps.Encoding body;

    CostMapResource(String costTypeName, CostType costType, CostMatrix matrix, NetworkMapResource networkMap,
                    List<CostQuery.Location> pids, EncodedMaps encodedMaps) {
        this.costTypeName = costTypeName;
        this.costType = costType;
        this.matrix = matrix;
        this.networkMap = networkMap;
        this.pids = pids;
        this.contentTag = matrix.vtag() + "-" + costType.mode().wireName();
        this.body = encodedMaps.forTag(path() + " " + contentTag);
    }

    @Override
    public String id() {
        return "costmap-" + costTypeName;
    }

    @Override
    public String path() {
        return "/costmap/" + costTypeName;
    }

    @Override
    public String mediaType() {
        return MediaTypes.COST_MAP;
    }

    @Override
    public Directory.Capabilities capabilities() {
        return new Directory.Capabilities(List.of(costTypeName), Optional.empty(), List.of());
    }

    @Override
    public List<String> uses() {
        return List.of(networkMap.id());
    }

    @Override
    public Reply handle(AltoRequest request) {
        return Reply.ok(mediaType(), body.get(this::encode));
    }

    private Representation encode() {
        var costs = CostQuery.compute(pids, pids, matrix, costType.mode(), List.of());
        byte[] bytes = ResponseEncoder.costMap(new CostMapResponse(List.of(networkMap.vtag()), costType, costs));
        return Representation.tagged(bytes, contentTag);
    }

}
