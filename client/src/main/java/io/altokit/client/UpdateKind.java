package io.altokit.client;

import io.altokit.model.MediaTypes;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.Arrays;
import java.util.Optional;

/**
 * What one update message carried: the whole resource or a patch to the version held. Patches are
 * applied with Jakarta JSON Processing (Eclipse Parsson), which implements both RFC 7396 and RFC 6902.
 */
public enum UpdateKind {
    /** A full replacement: the resource's own media type, e.g. application/alto-networkmap+json. */
    FULL(""),
    /** RFC 7396 JSON merge patch. */
    MERGE_PATCH(MediaTypes.MERGE_PATCH),
    /** RFC 6902 JSON patch. */
    JSON_PATCH(MediaTypes.JSON_PATCH);

    private final String patchMediaType;

    UpdateKind(String patchMediaType) {
        this.patchMediaType = patchMediaType;
    }

    /** The patch kind of this media type; empty for anything else. */
    static Optional<UpdateKind> patch(String mediaType) {
        return Arrays.stream(values()).filter(kind -> kind != FULL && kind.patchMediaType.equals(mediaType)).findFirst();
    }

    /** The patch media types, as a client lists them in Accept. */
    static String patchMediaTypes() {
        return MERGE_PATCH.patchMediaType + "," + JSON_PATCH.patchMediaType;
    }

    /**
     * The document after this update of {@code held} (ignored for {@link #FULL}).
     *
     * @throws IllegalArgumentException when the message is not JSON of the right shape or the patch does not apply
     */
    JsonObject apply(JsonObject held, String message) {
        try {
            JsonValue result = switch (this) {
                case FULL -> read(message);
                case MERGE_PATCH -> Json.createMergePatch(read(message)).apply(held);
                case JSON_PATCH -> {
                    if (!(read(message) instanceof jakarta.json.JsonArray operations)) {
                        throw new IllegalArgumentException("a JSON patch must be an array of operations");
                    }
                    yield Json.createPatch(operations).apply((JsonStructure) held);
                }
            };
            if (!(result instanceof JsonObject object)) {
                throw new IllegalArgumentException("the " + this + " update does not leave a JSON object");
            }
            return object;
        } catch (JsonException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static JsonValue read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
