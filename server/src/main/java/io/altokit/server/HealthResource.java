package io.altokit.server;

import io.altokit.model.Directory;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code GET /health}: the process is up and answering (a liveness probe); 200 whatever it serves. */
final class HealthResource implements AdminResource {
    static final String PATH = "/health";
    private static final ResourceDescriptor DESCRIPTOR = ResourceDescriptor.get(AdminResources.HEALTH, PATH,
            AdminResources.JSON, Directory.Capabilities.NONE, List.of());
    private static final byte[] UP = "{\"status\":\"up\"}\n".getBytes(StandardCharsets.UTF_8);

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Reply handle(AltoRequest request, Query<?> query) {
        return Reply.ok(AdminResources.JSON, UP);
    }
}
