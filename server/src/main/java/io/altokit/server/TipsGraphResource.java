package io.altokit.server;

import io.altokit.model.Directory;
import io.altokit.model.MediaTypes;
import io.altokit.model.RequestDecoder;
import io.altokit.model.TipsRequest;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;
import io.altokit.server.update.tips.TipsViews;

import java.util.List;

/**
 * POST /tips/&lt;view&gt;/ug (RFC 9569 section 7.4): the edge a client holding a given version should
 * fetch next, as a merge patch of the open response. Not in the directory; it has the TIPS
 * resource's id.
 */
final class TipsGraphResource implements AltoResource.Service<TipsRequest> {
    private static final Query.Parser<TipsRequest> PARSER = new Query.Parser<>(RequestDecoder::tips);
    private final ResourceDescriptor descriptor;
    private final Catalog catalog;
    private final TipsViews views;

    TipsGraphResource(Catalog catalog, TipsViews views) {
        this.descriptor = ResourceDescriptor.post(TipsResource.ID, TipsViews.PATH + "/", MediaTypes.MERGE_PATCH,
                MediaTypes.TIPS_PARAMS, Directory.Capabilities.NONE, List.of());
        this.catalog = catalog;
        this.views = views;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Query.Parser<TipsRequest> parser() {
        return PARSER;
    }

    @Override
    public Reply answer(AltoRequest request, TipsRequest held) {
        return views.recommend(request.path(), held, catalog.view());
    }
}
