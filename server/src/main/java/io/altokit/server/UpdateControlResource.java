package io.altokit.server;

import io.altokit.model.Directory;
import io.altokit.model.MediaTypes;
import io.altokit.model.RequestDecoder;
import io.altokit.model.UpdateStreamRequest;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;
import io.altokit.server.update.UpdateStreams;

import java.util.List;

/**
 * POST /updates/control/&lt;stream id&gt; (RFC 8895 section 7): adds and removes a stream's
 * substreams. Not in the directory: each stream learns its own URI from its first event. It has the
 * update stream's resource id, so access rules grant or refuse both together.
 */
final class UpdateControlResource implements AltoResource.Service<UpdateStreamRequest> {
    private static final Query.Parser<UpdateStreamRequest> PARSER = new Query.Parser<>(RequestDecoder::updateStream);
    private final ResourceDescriptor descriptor;
    private final Catalog catalog;
    private final UpdateStreams streams;

    UpdateControlResource(Catalog catalog, UpdateStreams streams) {
        this.descriptor = ResourceDescriptor.post(UpdateStreamResource.ID, UpdateStreams.CONTROL_PATH,
                MediaTypes.UPDATE_STREAM_CONTROL, MediaTypes.UPDATE_STREAM_PARAMS, Directory.Capabilities.NONE, List.of());
        this.catalog = catalog;
        this.streams = streams;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Query.Parser<UpdateStreamRequest> parser() {
        return PARSER;
    }

    @Override
    public Reply answer(AltoRequest request, UpdateStreamRequest wanted) {
        String streamId = request.path().substring(UpdateStreams.CONTROL_PATH.length());
        return streams.control(streamId, wanted, catalog,
                UpdateStreamResource.Owner.of(request));
    }
}
