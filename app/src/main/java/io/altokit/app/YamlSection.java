package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.provision.ProvisioningException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One mapping of the YAML file read with precise errors: each names the file and the key's full
 * path ({@code auth.bearer.issuer}); keys the section does not know are errors, not silently ignored.
 */
record YamlSection(JsonNode node, String path, Path file) {

    /** The top-level section {@code key}, if the file has it. */
    static Optional<YamlSection> top(JsonNode root, String key, Path file, Set<String> known) {
        JsonNode node = root.path(key);
        return node.isMissingNode() || node.isNull() ? Optional.empty()
                : Optional.of(new YamlSection(node, key, file).mapping(known));
    }

    /** This node as a mapping holding only {@code known} keys. */
    YamlSection mapping(Set<String> known) {
        if (!node.isObject()) {
            throw error(path, "expected a mapping, got " + node);
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!known.contains(entry.getKey())) {
                throw error(path + "." + entry.getKey(), "unknown setting (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        return this;
    }

    Optional<YamlSection> child(String key, Set<String> known) {
        JsonNode value = node.path(key);
        return value.isMissingNode() || value.isNull() ? Optional.empty()
                : Optional.of(new YamlSection(value, path + "." + key, file).mapping(known));
    }

    Optional<String> text(String key) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw error(path + "." + key, "expected a non-empty string, got " + value);
        }
        return Optional.of(value.textValue());
    }

    /** A file named relative to the network file's directory. */
    Optional<Path> relativeFile(String key) {
        return text(key).map(name -> file.toAbsolutePath().getParent().resolve(name));
    }

    Optional<Long> positive(String key) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 1) {
            throw error(path + "." + key, "expected a positive whole number, got " + value);
        }
        return Optional.of(value.longValue());
    }

    boolean bool(String key, boolean fallback) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw error(path + "." + key, "expected true or false, got " + value);
        }
        return value.booleanValue();
    }

    /** One string or a list of them; empty when the key is absent. */
    List<String> texts(String key) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : value.isArray() ? value : List.of(value)) {
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw error(path + "." + key, "expected a string or a list of strings, got " + value);
            }
            texts.add(item.textValue());
        }
        if (texts.isEmpty()) {
            throw error(path + "." + key, "the list is empty");
        }
        return texts;
    }

    ProvisioningException error(String where, String message) {
        return new ProvisioningException(file + ": " + where + ": " + message);
    }

    ProvisioningException error(String message) {
        return error(path, message);
    }
}
