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
import java.util.Map;
import java.util.regex.Pattern;

/**
 * POST /tips (RFC 9569 section 6): opens, or joins, the TIPS view of one resource of the catalog and
 * answers its URI and updates graph summary. The URI is absolute, as section 6.2 asks, with the
 * scheme and host the client used (relative when its Host field is no plain host and port). Listed in the directory with the resources it serves
 * ({@code uses}) and their patch media types (section 5.2).
 */
final class TipsResource implements AltoResource.Service<TipsRequest> {
    private static final Query.Parser<TipsRequest> PARSER = new Query.Parser<>(RequestDecoder::tips);
    static final String ID = "tips";
    /** An origin worth putting in a view's URI: the scheme, a host name or address, and a port. */
    private static final Pattern PLAIN_ORIGIN = Pattern.compile("https?://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");

    private final ResourceDescriptor descriptor;
    private final Catalog catalog;
    private final TipsViews views;

    /**
     * @param patchTypes by resource id, the patch media types (comma-separated) of each resource it
     *                   serves: each step of a graph is the smaller of a merge patch and a JSON patch
     */
    TipsResource(Catalog catalog, TipsViews views, Map<String, String> patchTypes) {
        this.descriptor = ResourceDescriptor.post(ID, TipsViews.PATH, MediaTypes.TIPS, MediaTypes.TIPS_PARAMS,
                Directory.Capabilities.incrementalChanges(patchTypes), List.copyOf(patchTypes.keySet()));
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
    public Reply answer(AltoRequest request, TipsRequest wanted) {
        return views.open(wanted, catalog, catalog.view(), UpdateStreamResource.Owner.of(request),
                request.client(), request.origin().filter(origin -> PLAIN_ORIGIN.matcher(origin).matches()));
    }
}
