package io.altokit.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads fields of a parsed request and turns every deviation into the RFC 7285 error with the
 * field's full path ("cost-type/cost-mode").
 */
final class JsonFields {
    private JsonFields() {
    }

    static JsonNode requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new AltoException(AltoError.invalidType(path));
        }
        return node;
    }

    static JsonNode required(JsonNode object, String name, String path) {
        JsonNode value = object.get(name);
        if (value == null) {
            throw new AltoException(AltoError.missingField(path));
        }
        return value;
    }

    static Optional<JsonNode> optional(JsonNode object, String name) {
        return Optional.ofNullable(object.get(name));
    }

    static String string(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw new AltoException(AltoError.invalidType(path));
        }
        return value.textValue();
    }

    /**
     * A JSON array whose elements all convert; RFC 7285 8.5.2: an element of the wrong type is an
     * invalid value of the array, reported with the element as a string.
     */
    static <T> List<T> stringArray(JsonNode value, String path, Function<String, Optional<T>> convert) {
        if (!value.isArray()) {
            throw new AltoException(AltoError.invalidType(path));
        }
        List<T> out = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            Optional<T> converted = element.isTextual() ? convert.apply(element.textValue()) : Optional.empty();
            out.add(converted.orElseThrow(() -> new AltoException(AltoError.invalidValue(path, asText(element)))));
        }
        return out;
    }

    static String asText(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.toString();
    }
}
