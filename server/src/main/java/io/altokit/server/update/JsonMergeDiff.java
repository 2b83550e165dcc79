package io.altokit.server.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The RFC 7396 merge patch from one JSON document to another, by comparing them: for answers to
 * inputs (filtered cost maps, endpoint costs) whose change is not named by a change set. Objects are
 * compared member by member; anything else that differs is replaced whole. Both documents are ALTO
 * answers, which hold no JSON {@code null}, so a patch can always express the change.
 */
public final class JsonMergeDiff {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonMergeDiff() {
    }

    /** The patch from {@code before} to {@code after}; empty when the documents are equal. */
    public static Optional<byte[]> between(byte[] before, byte[] after) {
        try {
            ObjectNode patch = diff(JSON.readTree(before), JSON.readTree(after));
            return patch.isEmpty() ? Optional.empty() : Optional.of(JSON.writeValueAsBytes(patch));
        } catch (IOException e) {
            throw new UncheckedIOException("the server's own answers are JSON objects", e);
        }
    }

    private static ObjectNode diff(JsonNode before, JsonNode after) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        for (Iterator<String> names = before.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!after.has(name)) {
                patch.putNull(name);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> members = after.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            JsonNode old = before.get(member.getKey());
            JsonNode now = member.getValue();
            if (old != null && old.isObject() && now.isObject()) {
                ObjectNode inner = diff(old, now);
                if (!inner.isEmpty()) {
                    patch.set(member.getKey(), inner);
                }
            } else if (!now.equals(old)) {
                patch.set(member.getKey(), now);
            }
        }
        return patch;
    }
}
