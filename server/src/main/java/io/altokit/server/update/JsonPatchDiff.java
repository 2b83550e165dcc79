package io.altokit.server.update;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The RFC 6902 JSON patch from one JSON document to another, by comparing them. Objects are compared
 * member by member ({@code add}, {@code remove}, {@code replace}); an array of the same length
 * element by element, and otherwise by which elements went and which came, so one prefix added to a
 * PID's list of hundreds is one {@code add} at its place (where a merge patch must send the whole
 * list again). Numbers are kept exactly as written (a cost of {@code 1.50} stays {@code 1.50}).
 */
public final class JsonPatchDiff {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private JsonPatchDiff() {
    }

    /** The patch from {@code before} to {@code after} (both JSON texts); empty when they are equal. */
    public static Optional<byte[]> between(byte[] before, byte[] after) {
        try {
            return between(JSON.readTree(before), JSON.readTree(after));
        } catch (IOException e) {
            throw new UncheckedIOException("the server's own answers are JSON", e);
        }
    }

    /** The patch from {@code before} to {@code after}; empty when they are equal. */
    public static Optional<byte[]> between(JsonNode before, JsonNode after) {
        List<ObjectNode> operations = new ArrayList<>();
        diff("", before, after, operations);
        if (operations.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.writeValueAsBytes(JSON.createArrayNode().addAll(operations)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static void diff(String path, JsonNode before, JsonNode after, List<ObjectNode> operations) {
        if (before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            objects(path, before, after, operations);
        } else if (before.isArray() && after.isArray()) {
            operations.addAll(arrays(path, before, after));
        } else {
            operations.add(operation("replace", path).set("value", after));
        }
    }

    private static void objects(String path, JsonNode before, JsonNode after, List<ObjectNode> operations) {
        for (Iterator<String> names = before.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!after.has(name)) {
                operations.add(operation("remove", path + "/" + escape(name)));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> members = after.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            String memberPath = path + "/" + escape(member.getKey());
            JsonNode old = before.get(member.getKey());
            if (old == null) {
                operations.add(operation("add", memberPath).set("value", member.getValue()));
            } else {
                diff(memberPath, old, member.getValue(), operations);
            }
        }
    }

    /** The shorter of the two ways an array can change: element by element (same length), or what went and what came. */
    private static List<ObjectNode> arrays(String path, JsonNode before, JsonNode after) {
        Optional<List<ObjectNode>> byElement = Optional.empty();
        if (before.size() == after.size()) {
            List<ObjectNode> operations = new ArrayList<>();
            for (int i = 0; i < before.size(); i++) {
                diff(path + "/" + i, before.get(i), after.get(i), operations);
            }
            byElement = Optional.of(operations);
        }
        Optional<List<ObjectNode>> byMembership = removalsAndAdditions(path, before, after);
        // On a tie the removals and additions are the shorter: a remove carries no value.
        if (byElement.isPresent() && (byMembership.isEmpty() || byElement.get().size() < byMembership.get().size())) {
            return byElement.get();
        }
        return byMembership.orElseGet(() -> List.of(operation("replace", path).set("value", after)));
    }

    /**
     * Removes of the elements that went (from the last, so indices stay valid), then adds of the ones
     * that came at their final places (from the first). Only when the elements both lists keep are
     * distinct and in the same order; otherwise empty.
     */
    private static Optional<List<ObjectNode>> removalsAndAdditions(String path, JsonNode before, JsonNode after) {
        Set<JsonNode> afterElements = new HashSet<>();
        after.forEach(afterElements::add);
        Set<JsonNode> beforeElements = new HashSet<>();
        before.forEach(beforeElements::add);
        if (afterElements.size() != after.size() || beforeElements.size() != before.size()) {
            return Optional.empty(); // duplicates: which one went is ambiguous
        }
        List<JsonNode> keptBefore = new ArrayList<>();
        List<Integer> removed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (afterElements.contains(before.get(i))) {
                keptBefore.add(before.get(i));
            } else {
                removed.add(i);
            }
        }
        List<JsonNode> keptAfter = new ArrayList<>();
        List<Integer> added = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            if (beforeElements.contains(after.get(i))) {
                keptAfter.add(after.get(i));
            } else {
                added.add(i);
            }
        }
        if (!keptBefore.equals(keptAfter)) {
            return Optional.empty();
        }
        List<ObjectNode> operations = new ArrayList<>();
        for (int i = removed.size() - 1; i >= 0; i--) {
            operations.add(operation("remove", path + "/" + removed.get(i)));
        }
        for (int index : added) {
            operations.add(operation("add", path + "/" + index).set("value", after.get(index)));
        }
        return Optional.of(operations);
    }

    private static ObjectNode operation(String op, String path) {
        return JSON.createObjectNode().put("op", op).put("path", path);
    }

    /** RFC 6901: a member name as a JSON pointer token. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
