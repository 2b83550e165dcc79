package io.altokit.server;

import io.altokit.model.Directory;
import io.altokit.model.MediaTypes;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;
import io.altokit.server.update.tips.TipsViews;

import java.util.List;
import java.util.Map;

/**
 * GET /tips/&lt;view&gt;/ug/&lt;i&gt;/&lt;j&gt; (RFC 9569 section 7): one edge of a view's updates
 * graph, a full version from 0 or a patch (merge or JSON patch), or a long poll for the next one. Not in the
 * directory: clients build these URIs from the view's. It has the TIPS resource's id, so access
 * rules grant or refuse both together.
 */
final class TipsEdgeResource implements AltoResource {
    private final ResourceDescriptor descriptor;
    private final Catalog catalog;
    private final TipsViews views;

    TipsEdgeResource(Catalog catalog, TipsViews views) {
        this.descriptor = ResourceDescriptor.get(TipsResource.ID, TipsViews.PATH + "/", MediaTypes.MERGE_PATCH,
                Directory.Capabilities.NONE, List.of());
        this.catalog = catalog;
        this.views = views;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    /** An edge is a full map or a patch: which one is known once the edge is found. */
    @Override
    public boolean negotiatesMediaType() {
        return true;
    }

    /** RFC 9569 section 7.2: 415 when the client accepts no media type of the edge it asked for. */
    @Override
    public Reply handle(AltoRequest request, Query<?> query) {
        return views.edge(request.path(), catalog.view(), UpdateStreamResource.Owner.of(request))
                .then(reply -> reply.status() != 200 || MediaRanges.accepts(request.accept(), reply.mediaType()) ? reply
                        : Reply.plain(415, request.path() + " is " + reply.mediaType()
                                + ", which the Accept header excludes", Map.of()));
    }
}
