package io.altokit.server.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One RFC 7396 merge patch with the effect of several applied in turn, for TIPS shortcut edges
 * (RFC 9569 section 3: {@code i -> j} for {@code j > i + 1}). Later patches win member by member:
 * a cost changed in three versions is one cell in the shortcut. Not every chain has one: a patch that
 * merges into a member an earlier one removed or set to a non-object needs to know what the member
 * was before, which no single merge patch can say.
 */
public final class MergePatchChain {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MergePatchChain() {
    }

    /** The one merge patch equal to applying {@code patches} in order to any document; empty where there is none. */
    public static Optional<byte[]> composed(List<byte[]> patches) {
        try {
            JsonNode composed = JSON.readTree(patches.getFirst());
            for (byte[] next : patches.subList(1, patches.size())) {
                Optional<JsonNode> both = then(composed, JSON.readTree(next));
                if (both.isEmpty()) {
                    return Optional.empty();
                }
                composed = both.get();
            }
            return Optional.of(JSON.writeValueAsBytes(composed));
        } catch (IOException e) {
            throw new UncheckedIOException("the server's own patches are JSON", e);
        }
    }

    /** {@code first} then {@code second} as one patch; empty where the result depends on the document patched. */
    private static Optional<JsonNode> then(JsonNode first, JsonNode second) {
        if (!second.isObject()) {
            return Optional.of(second); // replaces the whole document, whatever came before
        }
        if (!first.isObject()) {
            return Optional.empty(); // merges into what the first set: the document's old content is gone
        }
        ObjectNode composed = ((ObjectNode) first).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> members = second.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            JsonNode earlier = first.get(member.getKey());
            if (member.getValue().isObject() && earlier != null) {
                Optional<JsonNode> inner = then(earlier, member.getValue());
                if (inner.isEmpty()) {
                    return Optional.empty();
                }
                composed.set(member.getKey(), inner.get());
            } else {
                composed.set(member.getKey(), member.getValue());
            }
        }
        return Optional.of(composed);
    }
}
