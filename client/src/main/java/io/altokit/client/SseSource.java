package io.altokit.client;

import io.altokit.model.MediaTypes;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 8895 update stream for several resources: POSTs the stream parameters (one substream per
 * resource, with the tag held, incremental changes welcome) and reads the events. Data updates
 * are named {@code <media type>,<client id>}: the resource's own media type for a full
 * replacement, merge patch or JSON patch otherwise. Control updates carry the control URI and which
 * substreams started or stopped; a substream the server stops ends the stream, so that the
 * subscription resubscribes. A cost map update must name the network map version the stream last
 * sent (the server sends a network map's update before those of the cost maps that depend on it).
 */
final class SseSource implements UpdateSource {
    private static final Logger LOG = LoggerFactory.getLogger(SseSource.class);
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final AltoClient client;
    private final String serviceId;
    private final URI uri;
    /** Client id (the substream's name on the wire) to resource id, in subscription order. */
    private final Map<String, String> resources = new LinkedHashMap<>();
    /** Resource id to its full media type. */
    private final Map<String, String> mediaTypes;
    private volatile InputStream open;

    SseSource(AltoClient client, String serviceId, URI uri, Map<String, String> mediaTypes) {
        this.client = client;
        this.serviceId = serviceId;
        this.uri = uri;
        this.mediaTypes = Map.copyOf(mediaTypes);
        int next = 0;
        for (String resourceId : mediaTypes.keySet()) {
            resources.put("r" + next++, resourceId);
        }
    }

    @Override
    public String describe() {
        return "SSE " + serviceId + " " + List.copyOf(resources.values());
    }

    @Override
    public String follow(UpdateSink sink) throws IOException, InterruptedException {
        String description = "POST " + uri + " (update stream " + serviceId + ")";
        HttpRequest request = client.authorized(HttpRequest.newBuilder(uri).timeout(client.requestTimeout())
                .header("Accept", UpdateService.SSE.mediaType() + "," + MediaTypes.ERROR)
                .header("Content-Type", UpdateService.SSE.accepts())
                .POST(HttpRequest.BodyPublishers.ofString(params(sink)))).build();
        HttpResponse<InputStream> response = client.transport().sendOnce(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            open = body;
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            AltoClient.requireStream(response, body.readNBytes(response.statusCode() == 200 ? 0 : ERROR_BODY_LIMIT),
                    UpdateService.SSE.mediaType(), description);
            sink.connected();
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            EventStream events = new EventStream();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Optional<EventStream.Event> event = events.line(line);
                if (event.isPresent()) {
                    Optional<String> ended = handle(event.get(), sink);
                    if (ended.isPresent()) {
                        return ended.get();
                    }
                }
            }
            return "the server ended the stream";
        } finally {
            open = null;
        }
    }

    @Override
    public void abort() {
        InputStream body = open;
        if (body != null) {
            try {
                body.close();
            } catch (IOException e) {
                LOG.debug("closing the update stream failed", e);
            }
        }
    }

    /** RFC 8895 6.3: {"add": {client-id: {"resource-id", "tag"?, "incremental-changes": true}}}. */
    private String params(UpdateSink sink) {
        JsonObjectBuilder add = Json.createObjectBuilder();
        resources.forEach((clientId, resourceId) -> {
            JsonObjectBuilder substream = Json.createObjectBuilder().add("resource-id", resourceId);
            sink.held(resourceId).flatMap(ResourceUpdate::tag).ifPresent(tag -> substream.add("tag", tag));
            add.add(clientId, substream.add("incremental-changes", true));
        });
        return Json.createObjectBuilder().add("add", add).build().toString();
    }

    /** One event; a reason when it ends the stream. */
    private Optional<String> handle(EventStream.Event event, UpdateSink sink) {
        if (event.type().equals(MediaTypes.UPDATE_STREAM_CONTROL)) {
            return control(event.data());
        }
        int comma = event.type().lastIndexOf(',');
        String clientId = comma < 0 ? "" : event.type().substring(comma + 1).strip();
        String resourceId = resources.get(clientId);
        if (resourceId == null) {
            throw malformed("an update event named \"" + event.type() + "\" is not for any substream of this stream "
                    + resources.keySet());
        }
        String mediaType = event.type().substring(0, comma).strip();
        UpdateKind kind = mediaType.equals(mediaTypes.get(resourceId)) ? UpdateKind.FULL : UpdateKind.patch(mediaType)
                .orElseThrow(() -> malformed("an update of " + resourceId + " has the media type " + mediaType
                        + ", neither " + mediaTypes.get(resourceId) + " nor a patch"));
        ResourceUpdate update = sink.next(resourceId, kind, event.data());
        checkDependencies(update, sink);
        sink.accept(update);
        return Optional.empty();
    }

    /** A cost map naming another version of a network map in this stream than the one the stream sent. */
    private void checkDependencies(ResourceUpdate update, UpdateSink sink) {
        for (String other : resources.values()) {
            Optional<String> named = update.dependentTag(other);
            Optional<String> held = sink.held(other).flatMap(ResourceUpdate::tag);
            if (named.isPresent() && held.isPresent() && !named.equals(held)) {
                throw new AltoProtocolException(AltoProtocolException.Problem.VTAG_MISMATCH, "the " + update.kind()
                        + " update of " + update.resourceId() + " depends on " + other + " tag " + named.get()
                        + ", but the stream last sent tag " + held.get(), Optional.empty(), null);
            }
        }
    }

    /** RFC 8895 6.5: control-uri, started, stopped, description. */
    private Optional<String> control(String data) {
        JsonObject control;
        try (JsonReader reader = Json.createReader(new StringReader(data))) {
            control = reader.readObject();
        } catch (JsonException e) {
            throw malformed("a control update is not a JSON object: " + e.getMessage());
        }
        if (control.get("description") instanceof JsonString description) {
            LOG.atDebug().addKeyValue("updates", describe()).log("update stream: {}", description.getString());
        }
        if (control.get("stopped") instanceof JsonArray stopped) {
            List<String> ours = stopped.stream().filter(JsonString.class::isInstance)
                    .map(id -> ((JsonString) id).getString()).filter(resources::containsKey).map(resources::get).toList();
            if (!ours.isEmpty()) {
                return Optional.of("the server stopped the updates of " + ours
                        + (control.get("description") instanceof JsonString why ? ": " + why.getString() : ""));
            }
        }
        return Optional.empty();
    }

    private static AltoProtocolException malformed(String message) {
        return new AltoProtocolException(AltoProtocolException.Problem.MALFORMED_BODY, message, Optional.empty(), null);
    }
}
