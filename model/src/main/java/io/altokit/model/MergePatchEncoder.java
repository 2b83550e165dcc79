package io.altokit.model;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Writes RFC 7396 merge patches of full maps, as RFC 8895 section 6 uses them: only the members that
 * changed, {@code null} for what went. Values are written exactly as {@link ResponseEncoder} writes the
 * full maps, so a patched map equals the next full map member by member.
 */
public final class MergePatchEncoder {

    /**
     * A network map's changed PIDs: a PID that went is empty; a PID that is there has every address
     * type, its prefixes or an empty list for none (which the patch writes as {@code null}).
     */
    public record NetworkMapPatch(VersionTag vtag, SortedMap<String, Optional<Map<AddressType, List<String>>>> pids) {
    }

    /**
     * A cost map's changed rows: a row that went is empty; a present row lists its changed cells, NaN
     * for a cost that went. {@code dependentVtags} is always written (it changes with the network map).
     */
    public record CostMapPatch(List<VersionTag> dependentVtags, SortedMap<String, Optional<SortedMap<String, Double>>> rows) {
    }

    private MergePatchEncoder() {
    }

    public static byte[] networkMap(NetworkMapPatch patch) {
        return ResponseEncoder.encode(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("meta");
            json.writeFieldName("vtag");
            ResponseEncoder.writeVtag(json, patch.vtag());
            json.writeEndObject();
            json.writeObjectFieldStart("network-map");
            for (Map.Entry<String, Optional<Map<AddressType, List<String>>>> pid : patch.pids().entrySet()) {
                json.writeFieldName(pid.getKey());
                if (pid.getValue().isEmpty()) {
                    json.writeNull();
                    continue;
                }
                json.writeStartObject();
                for (Map.Entry<AddressType, List<String>> group : pid.getValue().get().entrySet()) {
                    if (group.getValue().isEmpty()) {
                        json.writeNullField(group.getKey().wireName());
                    } else {
                        ResponseEncoder.writeStrings(json, group.getKey().wireName(), group.getValue());
                    }
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    public static byte[] costMap(CostMapPatch patch) {
        return ResponseEncoder.encode(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("meta");
            ResponseEncoder.writeVtags(json, patch.dependentVtags());
            json.writeEndObject();
            json.writeObjectFieldStart("cost-map");
            for (Map.Entry<String, Optional<SortedMap<String, Double>>> row : patch.rows().entrySet()) {
                json.writeFieldName(row.getKey());
                if (row.getValue().isEmpty()) {
                    json.writeNull();
                    continue;
                }
                writeCells(json, row.getValue().get());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static void writeCells(JsonGenerator json, SortedMap<String, Double> cells) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Double> cell : cells.entrySet()) {
            json.writeFieldName(cell.getKey());
            if (cell.getValue().isNaN()) {
                json.writeNull();
            } else {
                ResponseEncoder.writeCost(json, cell.getValue());
            }
        }
        json.writeEndObject();
    }
}
