package io.altokit.client;

import io.altokit.model.CostMapResponse;
import io.altokit.model.NetworkMapResponse;
import io.altokit.model.ResponseDecoder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One update a {@link Subscription} applied: which resource, how it came ({@link #kind()}, its size
 * on the wire) and the whole resource as the client now holds it. The document is kept as parsed
 * JSON; {@link #json()} and the decoded forms are made on first use. Immutable and thread-safe.
 */
public final class ResourceUpdate {
    private final String resourceId;
    private final UpdateService service;
    private final UpdateKind kind;
    private final int messageBytes;
    private final JsonObject document;
    private volatile String json;

    ResourceUpdate(String resourceId, UpdateService service, UpdateKind kind, int messageBytes, JsonObject document) {
        this.resourceId = resourceId;
        this.service = service;
        this.kind = kind;
        this.messageBytes = messageBytes;
        this.document = document;
    }

    public String resourceId() {
        return resourceId;
    }

    /** The update service that delivered it. */
    public UpdateService service() {
        return service;
    }

    /** A full replacement or a patch. */
    public UpdateKind kind() {
        return kind;
    }

    /** The size of the update message in bytes (UTF-8): what the change cost on the wire. */
    public int messageBytes() {
        return messageBytes;
    }

    /** The resource's version tag after the update ({@code meta.vtag.tag}); cost maps have none. */
    public Optional<String> tag() {
        return string(document, "meta", "vtag", "tag");
    }

    /** The whole resource as now held, as JSON text. */
    public String json() {
        String text = json;
        if (text == null) {
            text = document.toString();
            json = text;
        }
        return text;
    }

    /**
     * The resource decoded as a network map.
     *
     * @throws AltoProtocolException when the held document is not a valid network map
     */
    public NetworkMapResponse networkMap() {
        return AltoClient.decodeBody(json().getBytes(StandardCharsets.UTF_8), ResponseDecoder::networkMap,
                "network map " + resourceId + " after a " + kind + " update");
    }

    /**
     * The resource decoded as a cost map.
     *
     * @throws AltoProtocolException when the held document is not a valid cost map
     */
    public CostMapResponse costMap() {
        return AltoClient.decodeBody(json().getBytes(StandardCharsets.UTF_8), ResponseDecoder::costMap,
                "cost map " + resourceId + " after a " + kind + " update");
    }

    JsonObject document() {
        return document;
    }

    /** The tag this document's {@code meta.dependent-vtags} names for {@code resource}, if it names one. */
    Optional<String> dependentTag(String resource) {
        JsonValue meta = document.get("meta");
        if (!(meta instanceof JsonObject metaObject) || !(metaObject.get("dependent-vtags") instanceof jakarta.json.JsonArray tags)) {
            return Optional.empty();
        }
        return tags.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .filter(tag -> string(tag, "resource-id").filter(resource::equals).isPresent())
                .findFirst().flatMap(tag -> string(tag, "tag"));
    }

    private static Optional<String> string(JsonObject object, String... path) {
        JsonValue value = object;
        for (String name : path) {
            if (!(value instanceof JsonObject node)) {
                return Optional.empty();
            }
            value = node.get(name);
        }
        return value instanceof JsonString text ? Optional.of(text.getString()) : Optional.empty();
    }

    @Override
    public String toString() {
        return resourceId + " " + kind + " (" + messageBytes + " bytes)" + tag().map(tag -> " tag " + tag).orElse("");
    }
}
