package io.altokit.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altokit.core.InformationBase;
import io.altokit.core.Snapshot;
import io.altokit.model.Directory;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;
import io.altokit.server.http.Representation;
import io.altokit.server.ops.Readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /ready}: whether to send this server traffic (a readiness probe, a load balancer's
 * health check): 200 when every check passes, else 503; the JSON body lists each check either way.
 * The server's own check is that it serves a snapshot; the wiring's {@link Readiness} adds the rest.
 */
final class ReadyResource implements AdminResource {
    static final String PATH = "/ready";
    private static final ResourceDescriptor DESCRIPTOR = ResourceDescriptor.get(AdminResources.HEALTH, PATH,
            AdminResources.JSON, Directory.Capabilities.NONE, List.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The probe's answer. */
    record Answer(boolean ready, List<Readiness.Check> checks) {
    }

    private final InformationBase informationBase;
    private final Readiness readiness;

    ReadyResource(InformationBase informationBase, Readiness readiness) {
        this.informationBase = informationBase;
        this.readiness = readiness;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Reply handle(AltoRequest request, Query<?> query) {
        Answer answer = answer();
        try {
            return new Reply(answer.ready() ? 200 : 503, AdminResources.JSON,
                    Representation.of(JSON.writeValueAsBytes(answer)), Map.of("Cache-Control", "no-store"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("records of strings and booleans always serialize", e);
        }
    }

    Answer answer() {
        Snapshot served = informationBase.current();
        List<Readiness.Check> checks = new ArrayList<>();
        checks.add(new Readiness.Check("snapshot", true, "serving network map " + served.networkMap().vtag()
                + " with " + served.networkMap().size() + " PIDs"));
        checks.addAll(readiness.checks());
        return new Answer(checks.stream().allMatch(Readiness.Check::ready), List.copyOf(checks));
    }
}
