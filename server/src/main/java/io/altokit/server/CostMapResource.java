package io.altokit.server;

import io.altokit.core.CostMatrix;
import io.altokit.model.CostType;
import io.altokit.model.Directory;
import io.altokit.model.MediaTypes;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;
import io.altokit.server.http.Representation;
import io.altokit.server.privacy.PrivacyPolicy;

import java.util.List;
import java.util.Optional;

/**
 * GET /costmap/&lt;cost-type-name&gt;: one full cost map, serialized once for as long as its content
 * tag (matrix vtag and cost mode) stays, across snapshots ({@link EncodedMaps}); ETag = that tag.
 * When the tag changed, the map is derived from the newest encoding of the same map ({@link
 * CostMapEncoding}): only its changed rows are encoded and compressed again.
 */
final class CostMapResource implements AltoResource {
    private final ResourceDescriptor descriptor;
    private final CostType costType;
    private final CostMatrix matrix;
    private final NetworkMapResource networkMap;
    private final List<String> pids;
    private final String contentTag;
    private final EncodedMaps encodedMaps;
    private final EncodedMaps.SlotVersion slot;
    private final EncodedMaps.Encoding body;

    /** @param policy the privacy policy of the catalog it is in, whose earlier versions of this map it derives from */
    CostMapResource(String costTypeName, CostType costType, CostMatrix matrix, NetworkMapResource networkMap,
                    List<String> pids, EncodedMaps encodedMaps, PrivacyPolicy policy) {
        this.descriptor = ResourceDescriptor.get("costmap-" + costTypeName, "/costmap/" + costTypeName, MediaTypes.COST_MAP,
                new Directory.Capabilities(List.of(costTypeName), Optional.empty(), List.of()),
                List.of(networkMap.descriptor().id()));
        this.costType = costType;
        this.matrix = matrix;
        this.networkMap = networkMap;
        this.pids = pids;
        this.contentTag = matrix.vtag() + "-" + costType.mode().wireName() + contextTag(costType);
        this.encodedMaps = encodedMaps;
        this.slot = encodedMaps.slot(policy, descriptor.path());
        this.body = encodedMaps.forTag(descriptor.path() + " " + contentTag);
    }

    /**
     * What of the map's head its cost-context makes (RFC 9439), so that a new context is a new content
     * tag: a new encoding and a new ETag, though the costs stayed.
     */
    private static String contextTag(CostType type) {
        return type.context().map(context -> "-" + context.source().wireName()
                + context.parameters().map(parameters -> "-" + Integer.toHexString(parameters.hashCode())).orElse(""))
                .orElse("");
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Reply handle(AltoRequest request, Query<?> query) {
        return Reply.ok(descriptor.mediaType(), full());
    }

    CostType costType() {
        return costType;
    }

    /**
     * Its ETag, without quotes: it has no vtag of its own (RFC 7285 section 11.2.3), so a client
     * holding it names this as the {@code tag} of an update stream substream or a TIPS view to skip
     * the full map.
     */
    String etag() {
        return contentTag;
    }

    /** The full map, encoded once for as long as its content tag stays, for every GET and update stream. */
    Representation full() {
        return body.get(this::encode);
    }

    private Representation encode() {
        CostMapEncoding.Content content = new CostMapEncoding.Content(networkMap.vtag(), costType, matrix, pids);
        return encodedMaps.encode(slot, CostMapEncoding.class, newest -> newest.map(earlier -> earlier.next(content))
                .orElseGet(() -> CostMapEncoding.of(content))).representation(contentTag);
    }

}
