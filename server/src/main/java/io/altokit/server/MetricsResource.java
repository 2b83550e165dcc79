package io.altokit.server;

import io.altokit.model.Directory;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;
import io.altokit.server.ops.ServerMetrics;

import java.util.List;

/** {@code GET /metrics}: the server's metrics in the Prometheus text format, gathered at each scrape. */
final class MetricsResource implements AdminResource {
    static final String PATH = "/metrics";
    private static final ResourceDescriptor DESCRIPTOR = ResourceDescriptor.get(AdminResources.METRICS, PATH,
            ServerMetrics.CONTENT_TYPE, Directory.Capabilities.NONE, List.of());

    private final ServerMetrics metrics;

    MetricsResource(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Reply handle(AltoRequest request, Query<?> query) {
        return Reply.ok(ServerMetrics.CONTENT_TYPE, metrics.text());
    }
}
