package io.altokit.client;

import io.altokit.model.MediaTypes;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An RFC 9569 TIPS view of one resource: opens the view (with the tag held, so the server may
 * recommend a patch edge instead of a snapshot), fetches the recommended edge
 * {@code <view>/ug/<i>/<j>}, then long-polls each next edge {@code ug/<j>/<j+1>}. Edges from 0 are
 * snapshots, the others patches of version i, which the client holds because it applied the edge
 * that ended there. A long poll the server stopped waiting on (404 while the view is open and has
 * no newer version) is sent again; a view the server closed (404) or compacted past (410) ends the
 * connection, so that the subscription opens a new view with its last good tag.
 */
final class TipsSource implements UpdateSource {
    private final AltoClient client;
    private final String serviceId;
    private final URI uri;
    private final String resourceId;
    private final String mediaType;

    TipsSource(AltoClient client, String serviceId, URI uri, String resourceId, String mediaType) {
        this.client = client;
        this.serviceId = serviceId;
        this.uri = uri;
        this.resourceId = resourceId;
        this.mediaType = mediaType;
    }

    @Override
    public String describe() {
        return "TIPS " + serviceId + " [" + resourceId + "]";
    }

    @Override
    public String follow(UpdateSink sink) throws IOException, InterruptedException {
        View view = open(sink);
        sink.connected();
        long i = view.seqI();
        long j = view.seqJ();
        if (i != 0 && sink.held(resourceId).isEmpty()) {
            throw broken("the TIPS view recommends the patch edge " + i + "->" + j + " of " + resourceId
                    + ", but the client holds no version of it");
        }
        while (true) {
            URI edge = view.under("ug/" + i + "/" + j);
            HttpRequest request = client.authorized(HttpRequest.newBuilder(edge).GET().header("Accept",
                    mediaType + "," + UpdateKind.patchMediaTypes() + "," + MediaTypes.ERROR)).build();
            HttpResponse<byte[]> response = client.transport().sendOnce(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404 && i != 0 && j == i + 1 && stillAt(view, i, sink)) {
                continue; // a long poll that outlasted the server's wait: the view is open and has no newer version
            }
            if (response.statusCode() == 404 || response.statusCode() == 410) {
                return "the TIPS view answered HTTP " + response.statusCode() + " for the edge " + i + "->" + j;
            }
            String description = "GET " + edge + " (TIPS edge of " + resourceId + ")";
            AltoClient.requireStream(response, response.body(), null, description);
            String contentType = AltoClient.contentType(response.headers()).orElse("");
            UpdateKind kind = contentType.equals(mediaType) ? UpdateKind.FULL : UpdateKind.patch(contentType)
                    .orElseThrow(() -> new AltoProtocolException(AltoProtocolException.Problem.WRONG_MEDIA_TYPE, description
                            + " answered " + contentType + ", neither " + mediaType + " nor a patch", Optional.empty(), null));
            if ((i == 0) != (kind == UpdateKind.FULL)) {
                throw broken(description + " answered a " + kind + (i == 0 ? ", but an edge from 0 is a snapshot"
                        : ", but an edge from " + i + " is a patch"));
            }
            sink.accept(sink.next(resourceId, kind, new String(response.body(), StandardCharsets.UTF_8)));
            i = j;
            j = j + 1;
        }
    }

    @Override
    public void abort() {
        // The follower interrupts the thread, which cancels the HTTP exchange waiting for an edge.
    }

    private record View(URI uri, long seqI, long seqJ) {
        URI under(String path) {
            return uri.resolve(uri.getRawPath().replaceAll("/?$", "/") + path);
        }
    }

    /**
     * After a 404 for the next edge {@code i -> i+1}: whether the view is still open and its newest
     * version is still {@code i}, asked by a new next edge recommendation (RFC 9569 section 7.4,
     * which answers 404 only for a closed view). Then the 404 only meant the server stopped waiting,
     * and polling the same edge again keeps the client's place; a cost map, which has no tag to
     * reopen a view at, is not downloaded whole again.
     */
    private boolean stillAt(View view, long i, UpdateSink sink) throws IOException, InterruptedException {
        JsonObjectBuilder params = Json.createObjectBuilder().add("resource-id", resourceId);
        sink.held(resourceId).flatMap(ResourceUpdate::tag).ifPresent(tag -> params.add("tag", tag));
        HttpRequest request = client.authorized(HttpRequest.newBuilder(view.under("ug"))
                .timeout(client.requestTimeout())
                .header("Accept", MediaTypes.MERGE_PATCH + "," + MediaTypes.ERROR)
                .header("Content-Type", UpdateService.TIPS.accepts())
                .POST(HttpRequest.BodyPublishers.ofString(params.build().toString()))).build();
        HttpResponse<byte[]> response = client.transport().sendOnce(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            return false;
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(response.body()))) {
            return reader.readObject().getValue("/tips-view-summary/updates-graph-summary/end-seq") instanceof JsonNumber end
                    && end.longValueExact() == i;
        } catch (JsonException | ArithmeticException e) {
            return false;
        }
    }

    /** RFC 9569 6: POST {"resource-id", "tag"?} to the TIPS resource; the view URI and the recommended edge. */
    private View open(UpdateSink sink) {
        JsonObjectBuilder params = Json.createObjectBuilder().add("resource-id", resourceId);
        sink.held(resourceId).flatMap(ResourceUpdate::tag).ifPresent(tag -> params.add("tag", tag));
        String description = "POST " + uri + " (TIPS " + serviceId + " for " + resourceId + ")";
        HttpRequest.Builder request = client.authorized(HttpRequest.newBuilder(uri)
                .header("Accept", UpdateService.TIPS.mediaType() + "," + MediaTypes.ERROR)
                .header("Content-Type", UpdateService.TIPS.accepts())
                .POST(HttpRequest.BodyPublishers.ofString(params.build().toString())));
        byte[] body = AltoClient.decode(client.transport().exchange(request, description), UpdateService.TIPS.mediaType(),
                bytes -> bytes, description);
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonObject opened = reader.readObject();
            JsonValue viewUri = opened.get("tips-view-uri");
            JsonValue edge = opened.getValue("/tips-view-summary/updates-graph-summary/start-edge-rec");
            if (!(viewUri instanceof JsonString text) || !(edge instanceof JsonObject rec)
                    || !(rec.get("seq-i") instanceof JsonNumber seqI) || !(rec.get("seq-j") instanceof JsonNumber seqJ)) {
                throw new IllegalArgumentException("it lacks tips-view-uri or start-edge-rec");
            }
            return new View(uri.resolve(text.getString()), seqI.longValueExact(), seqJ.longValueExact());
        } catch (JsonException | IllegalArgumentException | ArithmeticException e) {
            throw new AltoProtocolException(AltoProtocolException.Problem.MALFORMED_BODY,
                    description + " answered a malformed TIPS view: " + e.getMessage(), Optional.empty(), e);
        }
    }

    private static AltoProtocolException broken(String message) {
        return new AltoProtocolException(AltoProtocolException.Problem.BROKEN_CONTINUITY, message, Optional.empty(), null);
    }
}
